/**
 * Layout primitives shared by the figure builders: series colours, subplot grids and their axes,
 * titles that fit the figure width, the bottom legend and its margins, and the λ axis of the
 * training curves. Nothing here knows about runs or the paper.
 */
import type { Data, Figure, Layout } from "./figure";
import { MODEBAR_PX, baseLayout } from "./figure";

/** Colours for curves that are not methods (k values, noise levels, …): plotly's defaults. */
export const SERIES_COLORS: readonly string[] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** The i-th colour of the series palette (wraps around). */
export function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

export type Dash = "solid" | "dash" | "dot" | "dashdot";
export type Mode = "lines" | "markers" | "lines+markers";

/** A plain array (plotly serialises typed arrays poorly). */
export function toArray(x: ArrayLike<number>): number[] {
  return Array.from(x);
}

/** Component c of a row-major (n × dim) array. */
export function column(u: ArrayLike<number>, dim: number, c: number): number[] {
  if (u.length % dim !== 0) throw new RangeError(`column: ${u.length} values are not a multiple of dim ${dim}`);
  const n = u.length / dim;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = u[i * dim + c];
  return out;
}

/** A figure from untyped traces and layout fields, with the project's defaults underneath. */
export function makeFigure(data: Record<string, unknown>[], layout: Record<string, unknown>): Figure {
  return { data: data as unknown as Data[], layout: baseLayout(layout as Partial<Layout>) };
}

// ------------------------------------------------------------------ subplot grids

export interface Cell {
  xaxis: string; // trace reference: "x", "x2", …
  yaxis: string;
  xKey: string; // layout key: "xaxis", "xaxis2", …
  yKey: string;
  domainX: [number, number];
  domainY: [number, number];
}

/** Axes of a rows × cols grid (row 0 at the top), each cell with its own x and y axis. */
export function gridCells(rows: number, cols: number, gap = { x: 0.08, y: 0.1 }): Cell[][] {
  const w = (1 - gap.x * (cols - 1)) / cols;
  const h = (1 - gap.y * (rows - 1)) / rows;
  const cells: Cell[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Cell[] = [];
    for (let c = 0; c < cols; c++) {
      const idx = r * cols + c + 1;
      const suffix = idx === 1 ? "" : String(idx);
      const x0 = c * (w + gap.x);
      const y1 = 1 - r * (h + gap.y);
      row.push({
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        xKey: `xaxis${suffix}`,
        yKey: `yaxis${suffix}`,
        domainX: [x0, Math.min(1, x0 + w)],
        domainY: [Math.max(0, y1 - h), y1],
      });
    }
    cells.push(row);
  }
  return cells;
}

export function subplotTitle(cell: Cell, text: string): Record<string, unknown> {
  return {
    text: `<b>${text}</b>`,
    x: (cell.domainX[0] + cell.domainX[1]) / 2,
    y: cell.domainY[1],
    xref: "paper",
    yref: "paper",
    xanchor: "center",
    yanchor: "bottom",
    showarrow: false,
    font: { size: 13 },
  };
}

export function cellAxis(cell: Cell, which: "x" | "y", extra: Record<string, unknown>): Record<string, unknown> {
  return which === "x"
    ? { domain: cell.domainX, anchor: cell.yaxis, zeroline: false, gridcolor: "#eee", ...extra }
    : { domain: cell.domainY, anchor: cell.xaxis, zeroline: false, gridcolor: "#eee", ...extra };
}

/** Most labelled decades on a log axis before ticks skip decades (more would overlap on a 300 px axis). */
export const MAX_LOG_TICKS = 8;

/**
 * Axis type fields: log axes get labelled ticks at powers of ten, written as powers; every decade
 * when the values (if given) span at most MAX_LOG_TICKS decades, else every second, third, ….
 */
export function axisScale(log: boolean | undefined, values?: readonly number[]): Record<string, unknown> {
  if (!log) return { type: "linear" };
  const range = values ? logRange([...values]) : null;
  const dtick = range ? Math.max(1, Math.ceil((range[1] - range[0]) / MAX_LOG_TICKS)) : 1;
  return { type: "log", dtick, exponentformat: "power" };
}

/** [lo, hi] of the positive finite values in log10 units, padded a little; null if there are none. */
export function logRange(values: number[]): [number, number] | null {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return null;
  const lo = Math.log10(Math.min(...pos));
  const hi = Math.log10(Math.max(...pos));
  const pad = Math.max(0.05, 0.05 * (hi - lo));
  return [lo - pad, hi + pad];
}

// ------------------------------------------------------------------ 3-D scenes

/**
 * Distance of the default 3-D camera from the scene's centre (plotly's own is |(1.25, 1.25, 1.25)|
 * ≈ 2.2). Plotly draws 3-D tick labels and axis titles inside the scene's canvas, so at its
 * default the labels of the nearest corner are cut off; this far out they fit.
 */
export const SCENE_EYE_DISTANCE = 2.6;

/** A camera eye at SCENE_EYE_DISTANCE in the direction of (x, y, z). */
export function sceneEye(x = 1.25, y = 1.25, z = 1.25): { x: number; y: number; z: number } {
  const s = SCENE_EYE_DISTANCE / Math.hypot(x, y, z);
  const round = (v: number) => Math.round(v * s * 1e4) / 1e4;
  return { x: round(x), y: round(y), z: round(z) };
}

// ------------------------------------------------------------------ titles

/**
 * Longest title line, in characters. The title font is 18 px DejaVu Sans (about 10 px a
 * character), and exported figures are 800 px wide: 70 characters leave room for the left offset.
 */
export const TITLE_MAX_CHARS = 70;
/** Longest subtitle line; the subtitle font is 13 px. */
export const SUBTITLE_MAX_CHARS = 100;
const TITLE_LINE_PX = 24;
const SUBTITLE_LINE_PX = 18;

/** Break text into lines of at most `max` characters at spaces (a longer single word is cut). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = word.length > max ? `${word.slice(0, max - 1)}…` : word;
    if (!line) line = piece;
    else if (line.length + 1 + piece.length <= max) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A title line of at most TITLE_MAX_CHARS and the rest: split after the last "; " or ", " that
 * keeps the line within the cap (so a clause stays whole), else at the last space.
 */
function splitTitle(text: string): [string, string] {
  if (text.length <= TITLE_MAX_CHARS) return [text, ""];
  const window = text.slice(0, TITLE_MAX_CHARS + 1);
  for (const sep of ["; ", ", "]) {
    const at = window.lastIndexOf(sep);
    if (at > TITLE_MAX_CHARS / 2) return [text.slice(0, at), text.slice(at + sep.length)];
  }
  const [line] = wrapText(text, TITLE_MAX_CHARS);
  // A first word longer than the cap comes back cut, ending in "…": the rest starts before the "…".
  const used = line.endsWith("…") ? line.length - 1 : line.length;
  return [line, text.slice(used).trim()];
}

/**
 * Title fields for a layout: a short title and, below it in smaller grey type, the details. A
 * title longer than TITLE_MAX_CHARS keeps its first line and moves the rest into the subtitle, so
 * nothing is clipped at the figure's edge. The title sits below the toolbar band (MODEBAR_PX).
 * Also returns the top margin (px) the band and the lines need.
 */
export function titleLayout(text: string | undefined, subtitle?: string): { fields: Record<string, unknown>; top: number } {
  if (!text) return { fields: {}, top: 0 };
  const [first, more] = splitTitle(text.trim().replace(/\s+/g, " "));
  const rest = [more, subtitle ?? ""].filter(Boolean).join(" — ");
  const sub = rest ? wrapText(rest, SUBTITLE_MAX_CHARS) : [];
  const title: Record<string, unknown> = { text: first, x: 0.02, xanchor: "left", y: 1, yref: "container", yanchor: "top", pad: { t: MODEBAR_PX } };
  if (sub.length) title.subtitle = { text: sub.join("<br>"), font: { size: 13, color: "#555" } };
  return { fields: { title }, top: MODEBAR_PX + 8 + TITLE_LINE_PX + SUBTITLE_LINE_PX * sub.length + 16 };
}

// ------------------------------------------------------------------ legend and margins

/** Left and right margins (px): room for tick labels and an axis title on each side. */
export const MARGIN_LEFT = 70;
export const MARGIN_RIGHT = 30;
/** Right margin when a second y axis (λ) sits on the right: tick labels "0.75" and the axis title. */
export const MARGIN_RIGHT_SECOND_AXIS = 70;

/**
 * Legend along the bottom edge of the whole figure (container coordinates), below the x-axis
 * title and any slider, with the bottom margin grown to make room for it. Entries flow in
 * reading order ("normal"): grouped order would stack each group's entries into a tall column.
 */
export function bottomLegend(extraPx = 0, top = 60, right = MARGIN_RIGHT): Record<string, unknown> {
  return {
    // y slightly above 0: at exactly 0 plotly lets a one-row legend's text run past the bottom edge.
    legend: { orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0.015, yanchor: "bottom", traceorder: "normal" },
    margin: { l: MARGIN_LEFT, r: right, t: top, b: 115 + extraPx },
  };
}

/** Height of one legend row (13 px text) and the rows the default bottom margin holds. */
export const LEGEND_ROW_PX = 22;
const LEGEND_ROWS_IN_MARGIN = 2;
/** Width the legend may use: an exported figure is 800 px wide; less the left margin. */
const LEGEND_WIDTH_PX = 800 - MARGIN_LEFT;

/**
 * Rows a horizontal legend with these entries takes, laid out as plotly does: one row if all
 * entries fit side by side, else columns as wide as the widest entry. An entry is its symbol
 * (40 px), its text (about 7.8 px a character at 13 px) and a gap.
 */
export function legendRows(names: readonly string[], widthPx = LEGEND_WIDTH_PX): number {
  if (names.length === 0) return 0;
  const widths = names.map((n) => 40 + 7.8 * n.length + 10);
  if (widths.reduce((a, b) => a + b, 0) <= widthPx) return 1;
  const perRow = Math.max(1, Math.floor(widthPx / Math.max(...widths)));
  return Math.ceil(names.length / perRow);
}

/** Extra bottom margin (px) for the legend entries of these traces beyond what bottomLegend holds. */
export function legendExtraPx(traces: readonly Record<string, unknown>[]): number {
  const names = traces.filter((t) => t.showlegend !== false && typeof t.name === "string").map((t) => t.name as string);
  return LEGEND_ROW_PX * Math.max(0, legendRows(names) - LEGEND_ROWS_IN_MARGIN);
}

// ------------------------------------------------------------------ the λ axis

/** λ ticks: the quarters of [0, 1], few enough never to overlap and round enough to read. */
export const LAMBDA_TICKS: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/** A right-hand y axis for λ ∈ [0, 1] overlaying `overlaying`, with LAMBDA_TICKS. */
export function lambdaAxis(overlaying = "y"): Record<string, unknown> {
  return {
    title: { text: "λ", standoff: 8 },
    // Explicit: plotly otherwise may guess a log type from the data, and λ reaches 0.
    type: "linear",
    overlaying,
    side: "right",
    range: [0, 1.05],
    tickmode: "array",
    tickvals: [...LAMBDA_TICKS],
    ticktext: LAMBDA_TICKS.map(String),
    showgrid: false,
    zeroline: false,
  };
}
