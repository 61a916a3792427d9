/**
 * Static export of figures for reports: standalone HTML (plotly.js inlined, no CDN) and JSON
 * always; SVG through one headless Chromium process per batch (Plotly.toImage in a page, read
 * back with --dump-dom); PNG rendered from that SVG with resvg.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { Figure } from "./figure";
import { figureHtml, plotlyBundlePath } from "./display";
import { writeFileAtomic } from "../../core/index";

export { writeFileAtomic };

export type ExportFormat = "html" | "svg" | "png" | "json";

export interface ExportItem {
  /** File name stem: letters, digits, '.', '_' and '-'. */
  name: string;
  figure: Figure;
}

export interface ExportOptions {
  /** Default all four. */
  formats?: ExportFormat[];
  /** Chromium executable (default $CHROMIUM_PATH, else /usr/bin/chromium or /usr/bin/chromium-browser). */
  chromium?: string;
  /** Image size when the layout gives none (px). */
  width?: number;
  height?: number;
  /** PNG zoom relative to the SVG size (default 2). */
  pngScale?: number;
  /** Chromium time limit per batch in ms (default 120000). */
  timeoutMs?: number;
  /** Without Chromium, write standalone HTML pages instead of the images (default true). */
  fallbackHtml?: boolean;
}

export interface ExportResult {
  /** Paths written, in order. */
  files: string[];
  /** Why some requested formats were not written (e.g. no Chromium); empty when all were. */
  messages: string[];
}

const FORMATS: readonly ExportFormat[] = ["html", "svg", "png", "json"];

/** Chromium at the explicit path if one is given, else $CHROMIUM_PATH or the Debian paths; null if absent. */
export function findChromium(explicit?: string): string | null {
  if (explicit !== undefined) return fs.existsSync(explicit) ? explicit : null;
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  return null;
}

export const NO_CHROMIUM_MESSAGE =
  "SVG/PNG export needs headless Chromium, which was not found (looked at the chromium option, else $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser). " +
  "Install it with `apt-get install -y --no-install-recommends chromium` or set CHROMIUM_PATH. Standalone HTML and JSON files were written instead.";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function figureTitle(figure: Figure): string {
  const t = figure.layout.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && "text" in t && typeof t.text === "string") return t.text;
  return "";
}

/** A self-contained HTML page showing the figure (plotly.js inlined, works offline). */
export function standaloneHtml(figure: Figure, title = figureTitle(figure) || "figure"): string {
  const plotly = fs.readFileSync(plotlyBundlePath(), "utf8").replace(/<\/script/gi, "<\\/script");
  return (
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n` +
    `<script type="text/javascript">${plotly}</script></head>\n` +
    `<body style="margin:0;font-family:sans-serif">\n${figureHtml(figure, "figure")}\n</body></html>\n`
  );
}

/**
 * One self-contained page holding several figures (plotly.js inlined once): a report's gallery,
 * far lighter than one standalone page per figure.
 */
export function galleryHtml(items: ExportItem[], title: string): string {
  const plotly = fs.readFileSync(plotlyBundlePath(), "utf8").replace(/<\/script/gi, "<\\/script");
  const body = items.map((it, i) => `<h2 style="font-size:16px">${escapeHtml(figureTitle(it.figure) || it.name)}</h2>\n${figureHtml(it.figure, `figure-${i}`)}`).join("\n");
  return (
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n` +
    `<script type="text/javascript">${plotly}</script></head>\n` +
    `<body style="margin:16px;font-family:sans-serif">\n<h1 style="font-size:20px">${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`
  );
}

function figureJson(figure: Figure): string {
  return JSON.stringify({ data: figure.data, layout: figure.layout }, (_k, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v,
  );
}

/**
 * The page Chromium renders: plotly.js loaded from node_modules, then Plotly.toImage for each
 * figure, each SVG base64-encoded into its own <pre> (so --dump-dom prints it unmangled).
 */
function renderPage(figures: Figure[], width: number, height: number): string {
  const plotlyUrl = "file://" + plotlyBundlePath();
  const specs = figures.map((f) => JSON.parse(figureJson(f)) as Figure);
  const json = JSON.stringify(specs).replace(/</g, "\\u003c");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="${plotlyUrl}"></script></head><body>
<div id="scratch" style="width:${width}px;height:${height}px"></div>
<script>
(async function () {
  var figs = ${json};
  function put(id, text) { var p = document.createElement("pre"); p.id = id; p.textContent = text; document.body.appendChild(p); }
  function b64(s) { return btoa(unescape(encodeURIComponent(s))); }
  if (!window.Plotly) { put("error", "plotly.js did not load from ${plotlyUrl}"); put("done", "1"); return; }
  for (var i = 0; i < figs.length; i++) {
    try {
      var f = figs[i];
      var w = f.layout.width || ${width}, h = f.layout.height || ${height};
      var url = await Plotly.toImage({ data: f.data, layout: f.layout }, { format: "svg", width: w, height: h });
      var prefix = "data:image/svg+xml,";
      var svg = url.indexOf(prefix) === 0 ? decodeURIComponent(url.slice(prefix.length)) : url;
      put("svg-" + i, b64(svg));
    } catch (e) {
      put("err-" + i, String(e && e.stack || e));
    }
  }
  put("done", "1");
})();
</script></body></html>`;
}

function pre(dom: string, id: string): string | null {
  const m = new RegExp(`<pre id="${id}">([^<]*)</pre>`).exec(dom);
  if (!m) return null;
  return m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/** Render figures to SVG strings with one headless Chromium run (null entries failed; see errors). */
export function renderSvgs(
  figures: Figure[],
  options: { chromium: string; width?: number; height?: number; timeoutMs?: number },
): { svgs: (string | null)[]; errors: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "homotopy-export-"));
  try {
    const page = path.join(dir, "render.html");
    fs.writeFileSync(page, renderPage(figures, options.width ?? 800, options.height ?? 450));
    const args = [
      "--headless",
      "--no-sandbox", // required when running as root (CI containers)
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--allow-file-access-from-files",
      `--user-data-dir=${path.join(dir, "profile")}`,
      "--virtual-time-budget=30000", // lets the async toImage calls finish before the DOM is dumped
      "--dump-dom",
      "file://" + page,
    ];
    const run = spawnSync(options.chromium, args, { encoding: "utf8", maxBuffer: 1 << 30, timeout: options.timeoutMs ?? 120000 });
    if (run.error) return { svgs: figures.map(() => null), errors: [`chromium (${options.chromium}) failed to run: ${run.error.message}`] };
    const dom = run.stdout ?? "";
    const errors: string[] = [];
    if (pre(dom, "done") === null) {
      const tail = (run.stderr ?? "").split("\n").filter((l) => l && !/dbus|unexpected operator/i.test(l)).slice(-5).join("\n");
      errors.push(`chromium (${options.chromium}) exited with status ${run.status} before the figures were rendered${tail ? `:\n${tail}` : ""}`);
    }
    const pageError = pre(dom, "error");
    if (pageError) errors.push(pageError);
    const svgs = figures.map((_, i) => {
      const b64 = pre(dom, `svg-${i}`);
      const err = pre(dom, `err-${i}`);
      if (err) errors.push(`figure ${i}: Plotly.toImage failed: ${err}`);
      return b64 === null ? null : Buffer.from(b64, "base64").toString("utf8");
    });
    return { svgs, errors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** PNG bytes of an SVG (resvg, system fonts, DejaVu Sans as the fallback family). */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  // Plotly writes gradient fills as url('#id') in style attributes, which resvg leaves black.
  const unquoted = svg.replace(/url\((['"]|&quot;)(#[^'")&]+)\1\)/g, "url($2)");
  const r = new Resvg(unquoted, { fitTo: { mode: "zoom", value: scale }, font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, background: "white" });
  return r.render().asPng();
}

/**
 * Write each figure as <outDir>/<name>.<format>. HTML and JSON are always written when asked
 * for; SVG and PNG need Chromium, and without it the result says so in `messages`.
 */
export function exportFigures(items: ExportItem[], outDir: string, options: ExportOptions = {}): ExportResult {
  const formats = options.formats ?? [...FORMATS];
  for (const f of formats) if (!FORMATS.includes(f)) throw new RangeError(`exportFigures formats: unknown format "${f}"; expected some of ${FORMATS.join(", ")}`);
  const seen = new Set<string>();
  for (const it of items) {
    if (!/^[A-Za-z0-9._-]+$/.test(it.name)) throw new RangeError(`exportFigures item name: expected letters, digits, '.', '_' or '-', got "${it.name}"`);
    if (seen.has(it.name)) throw new RangeError(`exportFigures item name: "${it.name}" appears twice`);
    seen.add(it.name);
    if (!it.figure || !Array.isArray(it.figure.data)) throw new TypeError(`exportFigures item "${it.name}": figure must be {data: Data[], layout}`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const messages: string[] = [];
  const write = (name: string, ext: string, content: string | Uint8Array) => {
    const file = path.join(outDir, `${name}.${ext}`);
    writeFileAtomic(file, content);
    files.push(file);
  };
  for (const it of items) {
    if (formats.includes("json")) write(it.name, "json", figureJson(it.figure) + "\n");
    if (formats.includes("html")) write(it.name, "html", standaloneHtml(it.figure));
  }
  const wantSvg = formats.includes("svg");
  const wantPng = formats.includes("png");
  if ((wantSvg || wantPng) && items.length > 0) {
    const chromium = findChromium(options.chromium);
    if (!chromium) {
      messages.push(NO_CHROMIUM_MESSAGE);
      // Without the images, a report still needs something to open.
      if (!formats.includes("html") && options.fallbackHtml !== false) for (const it of items) write(it.name, "html", standaloneHtml(it.figure));
    } else {
      const { svgs, errors } = renderSvgs(
        items.map((i) => i.figure),
        { chromium, width: options.width, height: options.height, timeoutMs: options.timeoutMs },
      );
      messages.push(...errors);
      items.forEach((it, i) => {
        const svg = svgs[i];
        if (svg === null) return;
        if (wantSvg) write(it.name, "svg", svg);
        if (wantPng) write(it.name, "png", svgToPng(svg, options.pngScale ?? 2));
      });
    }
  }
  return { files, messages };
}
