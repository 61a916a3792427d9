/**
 * Inline display in tslab notebooks: Plotly figures (offline, plotly.js inlined from npm),
 * tables, Markdown and SVG. Importing this file is harmless anywhere; only calling a display
 * function outside a running tslab kernel throws.
 */
import * as fs from "node:fs";
import { Figure } from "./figure";

/** One Jupyter display_data message: MIME type → content. */
interface DisplayData {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}

type WriteDisplayData = (displayData: DisplayData, update: boolean) => void;

const NOT_IN_KERNEL =
  "display: no running tslab kernel. show(), showTable(), showMarkdown() and showSvg() only work in a tslab notebook cell; outside one, export figures with exportFigures() from lib/view/plot/export.";

/**
 * The kernel's writer of display_data messages. tslab's public API sends one MIME type per
 * output; a multi-MIME bundle (so every front end picks what it can render) needs its internal
 * `tslab/dist/jupyter` module, which works because notebook code and kernel share the module
 * instance. This is the only place that touches that internal API.
 */
function kernelWriter(): WriteDisplayData {
  let jupyter: { lastWriteDisplayData: WriteDisplayData | null };
  try {
    // Loaded lazily: tslab pulls in zeromq and its own TypeScript, which tests and the CLI never need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jupyter = require("tslab/dist/jupyter");
  } catch (e) {
    throw new Error(`${NOT_IN_KERNEL} (tslab could not be loaded: ${(e as Error).message})`);
  }
  const write = jupyter.lastWriteDisplayData;
  if (typeof write !== "function") throw new Error(NOT_IN_KERNEL);
  return write;
}

/** Send one output holding several representations of the same thing. */
export function displayBundle(data: Record<string, unknown>): void {
  kernelWriter()({ data, metadata: {}, transient: {} }, false);
}

let plotlyReady = false;

export interface InitPlotlyOptions {
  /** Path of a plotly.js bundle that sets window.Plotly (default: plotly.js-dist-min from node_modules). */
  bundle?: string;
  /** Send the bundle again even if this kernel already did (e.g. after clearing outputs). */
  force?: boolean;
}

/** The path of the plotly.js bundle shipped with the npm package (no CDN). */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/**
 * Put plotly.js into the page once per notebook, as an inline script: figures then draw offline,
 * in the live notebook and in nbconvert's HTML. show() calls this itself the first time.
 */
export function initPlotly(options: InitPlotlyOptions = {}): void {
  if (plotlyReady && !options.force) return;
  const path = options.bundle ?? plotlyBundlePath();
  let source: string;
  try {
    source = fs.readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`initPlotly: cannot read the plotly.js bundle at ${path} (${(e as Error).message}); run npm ci`);
  }
  // "</script" inside the bundle would end the element early.
  const safe = source.replace(/<\/script/gi, "<\\/script");
  displayBundle({
    "text/html": `<script type="text/javascript">${safe}</script>`,
    "text/plain": "<plotly.js loaded>",
  });
  plotlyReady = true;
}

let figureCounter = 0;

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v))
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The text/html form of a figure: a div and a script that draws into it (waiting briefly for
 * plotly.js if the page is still loading it). Also used by the static HTML export.
 */
export function figureHtml(figure: Figure, id = `homotopy-plot-${Date.now().toString(36)}-${++figureCounter}`): string {
  const height = typeof figure.layout.height === "number" ? figure.layout.height : 400;
  const width = typeof figure.layout.width === "number" ? `${figure.layout.width}px` : "100%";
  const config = { responsive: true, displaylogo: false };
  return (
    `<div id="${id}" style="width:${width};height:${height}px;"></div>\n` +
    `<script type="text/javascript">(function () {\n` +
    `  var fig = ${scriptJson({ data: figure.data, layout: figure.layout })};\n` +
    `  var tries = 0;\n` +
    `  function draw() {\n` +
    `    var el = document.getElementById(${JSON.stringify(id)});\n` +
    `    if (window.Plotly && el) { window.Plotly.newPlot(el, fig.data, fig.layout, ${JSON.stringify(config)}); }\n` +
    `    else if (tries++ < 100) { setTimeout(draw, 50); }\n` +
    `  }\n` +
    `  draw();\n` +
    `})();</script>`
  );
}

/**
 * Show a Plotly figure inline: the figure JSON for renderers that know Plotly (VS Code,
 * JupyterLab's extension), HTML with a drawing script for the classic notebook and nbconvert,
 * and a text placeholder.
 */
export function show(figure: Figure): void {
  if (!figure || !Array.isArray(figure.data) || typeof figure.layout !== "object") {
    throw new TypeError("show: expected a figure {data: Data[], layout: Partial<Layout>}");
  }
  kernelWriter(); // fail with the clear message before sending anything
  initPlotly();
  const title = figure.layout.title;
  const text = typeof title === "string" ? title : title && typeof title === "object" && "text" in title ? String(title.text ?? "") : "";
  displayBundle({
    "application/vnd.plotly.v1+json": JSON.parse(scriptJson({ data: figure.data, layout: figure.layout })),
    "text/html": figureHtml(figure),
    "text/plain": `<Plotly figure${text ? `: ${text}` : ""}>`,
  });
}

// ---------------------------------------------------------------- tables

/** What showTable needs from a nodejs-polars DataFrame (kept structural: no polars import here). */
export interface TableLike {
  readonly columns: string[];
  toRecords(): Record<string, unknown>[];
}

export interface TableOptions {
  /** Significant digits for non-integer numbers (default 4). */
  digits?: number;
  caption?: string;
  /** Show at most this many rows (default 200). */
  maxRows?: number;
}

/** A number as a table shows it: integers whole, others to `digits` significant digits, tiny/huge in e-notation. */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const a = Math.abs(value);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return value.toExponential(Math.max(0, digits - 1));
  const s = value.toPrecision(digits);
  return s.includes("e") ? s : s.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function formatCell(value: unknown, digits: number): { text: string; numeric: boolean } {
  if (value === null || value === undefined) return { text: "", numeric: false };
  if (typeof value === "number") return { text: formatNumber(value, digits), numeric: true };
  if (typeof value === "bigint") return { text: String(value), numeric: true };
  if (typeof value === "boolean") return { text: String(value), numeric: false };
  if (value instanceof Date) return { text: value.toISOString(), numeric: false };
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>).map((v) => formatCell(v, digits).text);
    return { text: `[${items.join(", ")}]`, numeric: false };
  }
  if (typeof value === "object") return { text: JSON.stringify(value), numeric: false };
  return { text: String(value), numeric: false };
}

function isTableLike(x: unknown): x is TableLike {
  return typeof x === "object" && x !== null && Array.isArray((x as TableLike).columns) && typeof (x as TableLike).toRecords === "function";
}

/** An HTML table of a DataFrame or of an array of records (pure; used by showTable). */
export function tableHtml(table: TableLike | readonly Record<string, unknown>[], options: TableOptions = {}): string {
  const digits = options.digits ?? 4;
  const maxRows = options.maxRows ?? 200;
  let columns: string[];
  let rows: Record<string, unknown>[];
  if (isTableLike(table)) {
    columns = table.columns;
    rows = table.toRecords();
  } else if (Array.isArray(table)) {
    rows = table as Record<string, unknown>[];
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
    columns = [...seen];
  } else {
    throw new TypeError("showTable: expected a nodejs-polars DataFrame or an array of row objects");
  }
  const shown = rows.slice(0, maxRows);
  const head = columns.map((c) => `<th style="text-align:right;padding:2px 8px">${escapeHtml(c)}</th>`).join("");
  const body = shown
    .map((r) => {
      const cells = columns.map((c) => {
        const { text, numeric } = formatCell(r[c], digits);
        return `<td style="text-align:${numeric ? "right" : "left"};padding:2px 8px;font-variant-numeric:tabular-nums">${escapeHtml(text)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  const caption = options.caption ? `<caption style="caption-side:top;text-align:left;font-weight:bold">${escapeHtml(options.caption)}</caption>` : "";
  const more = rows.length > shown.length ? `<p><i>${shown.length} of ${rows.length} rows shown</i></p>` : "";
  return `<table class="dataframe" style="border-collapse:collapse">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${more}`;
}

/** A plain-text rendering of the same table (the text/plain fallback). */
function tableText(table: TableLike | readonly Record<string, unknown>[], digits: number): string {
  const rows = isTableLike(table) ? table.toRecords() : (table as Record<string, unknown>[]);
  const columns = isTableLike(table) ? table.columns : [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = [columns, ...rows.map((r) => columns.map((c) => formatCell(r[c], digits).text))];
  const widths = columns.map((_, j) => Math.max(...cells.map((row) => row[j].length)));
  return cells.map((row) => row.map((s, j) => s.padStart(widths[j])).join("  ")).join("\n");
}

/** Show a nodejs-polars DataFrame (or an array of row objects) as an HTML table. */
export function showTable(table: TableLike | readonly Record<string, unknown>[], options: TableOptions = {}): void {
  const html = tableHtml(table, options);
  displayBundle({ "text/html": html, "text/plain": tableText(table, options.digits ?? 4) });
}

/** Show Markdown (rendered by the notebook, LaTeX included). */
export function showMarkdown(markdown: string): void {
  displayBundle({ "text/markdown": markdown, "text/plain": markdown });
}

/** Show HTML. */
export function showHtml(html: string): void {
  displayBundle({ "text/html": html, "text/plain": "<HTML>" });
}

/**
 * Show an SVG image. Also sent as text/html: nbconvert 6.5's HTML export strips the children of
 * image/svg+xml outputs, and text/html ranks above SVG there.
 */
export function showSvg(svg: string): void {
  if (!/<svg[\s>]/i.test(svg)) throw new TypeError("showSvg: expected SVG markup containing an <svg> element");
  displayBundle({ "image/svg+xml": svg, "text/html": svg, "text/plain": "<SVG image>" });
}
