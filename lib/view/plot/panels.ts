/**
 * Generic line figures: y(x) curves on one axis, or several such panels in a grid, with log axes
 * and reference lines. The paper and sweep figures are built from these.
 */
import type { Figure } from "./figure";
import { Cell, Dash, Mode, axisScale, bottomLegend, cellAxis, gridCells, makeFigure, seriesColor, subplotTitle, titleLayout, toArray } from "./layout";

export interface LineSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dash?: Dash;
  mode?: Mode;
  width?: number;
}

export interface LineOptions {
  /** A short title (long ones wrap into the subtitle). */
  title?: string;
  /** Details under the title, in smaller type. */
  subtitle?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  logY?: boolean;
  /** Horizontal and vertical reference lines. */
  hLines?: { y: number; label?: string }[];
  vLines?: { x: number; label?: string }[];
  /** Fixed y range (in log10 units for a log axis). */
  yRange?: [number, number];
  height?: number;
}

function refLines(cell: Cell, options: Pick<LineOptions, "hLines" | "vLines" | "logX" | "logY">): { shapes: Record<string, unknown>[]; annotations: Record<string, unknown>[] } {
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  for (const h of options.hLines ?? []) {
    shapes.push({ type: "line", xref: `${cell.xaxis} domain`, x0: 0, x1: 1, yref: cell.yaxis, y0: h.y, y1: h.y, line: { color: "#555", dash: "dash", width: 1 } });
    if (h.label) annotations.push({ text: h.label, xref: `${cell.xaxis} domain`, x: 1, yref: cell.yaxis, y: options.logY ? Math.log10(h.y) : h.y, xanchor: "right", yanchor: "bottom", showarrow: false, font: { size: 11, color: "#555" } });
  }
  for (const v of options.vLines ?? []) {
    shapes.push({ type: "line", yref: `${cell.yaxis} domain`, y0: 0, y1: 1, xref: cell.xaxis, x0: v.x, x1: v.x, line: { color: "#555", dash: "dash", width: 1 } });
    if (v.label) annotations.push({ text: v.label, yref: `${cell.yaxis} domain`, y: 1, xref: cell.xaxis, x: options.logX ? Math.log10(v.x) : v.x, xanchor: "left", yanchor: "top", showarrow: false, font: { size: 11, color: "#555" } });
  }
  return { shapes, annotations };
}

function lineTraces(series: LineSeries[], cell: Cell, legend: boolean, offset = 0): Record<string, unknown>[] {
  return series.map((s, i) => {
    if (s.x.length !== s.y.length) throw new RangeError(`line series "${s.name}": x has ${s.x.length} values but y has ${s.y.length}`);
    const color = s.color ?? seriesColor(i + offset);
    return {
      type: "scatter",
      mode: s.mode ?? "lines",
      name: s.name,
      legendgroup: s.name,
      showlegend: legend,
      x: toArray(s.x),
      y: toArray(s.y).map((v) => (Number.isFinite(v) ? v : null)),
      xaxis: cell.xaxis,
      yaxis: cell.yaxis,
      line: { color, dash: s.dash ?? "solid", width: s.width ?? 2 },
      marker: { color, size: 6 },
    };
  });
}

/** Lines y(x) on one axis, with optional log axes and reference lines. */
export function lineFigure(series: LineSeries[], options: LineOptions = {}): Figure {
  const cell = gridCells(1, 1)[0][0];
  const { shapes, annotations } = refLines(cell, options);
  const head = titleLayout(options.title, options.subtitle);
  return makeFigure(lineTraces(series, cell, true), {
    ...head.fields,
    ...bottomLegend(0, Math.max(head.top, 60)),
    height: options.height ?? 460,
    xaxis: cellAxis(cell, "x", { title: { text: options.xTitle ?? "" }, ...axisScale(options.logX) }),
    yaxis: cellAxis(cell, "y", { title: { text: options.yTitle ?? "" }, ...axisScale(options.logY, series.flatMap((s) => toArray(s.y))), ...(options.yRange ? { range: options.yRange } : {}) }),
    shapes,
    annotations,
  });
}

export interface Panel {
  title: string;
  series: LineSeries[];
  /** This panel's x-axis title (default: the figure's xTitle, shown on the bottom row). */
  xTitle?: string;
  hLines?: { y: number; label?: string }[];
  vLines?: { x: number; label?: string }[];
}

export interface PanelOptions extends Omit<LineOptions, "hLines" | "vLines" | "yRange"> {
  /** Panels per row (default: all in one row). */
  columns?: number;
  /** Same y range in every panel (default false). */
  shareY?: boolean;
}

/** Several line panels side by side (legend taken from the first panel). */
export function panelsFigure(panels: Panel[], options: PanelOptions = {}): Figure {
  if (panels.length === 0) throw new RangeError("panelsFigure panels: expected at least one panel");
  const cols = Math.min(options.columns ?? panels.length, panels.length);
  const rows = Math.ceil(panels.length / cols);
  const cells = gridCells(rows, cols, { x: 0.06, y: 0.16 });
  const data: Record<string, unknown>[] = [];
  const head = titleLayout(options.title, options.subtitle);
  const layout: Record<string, unknown> = { ...head.fields, height: options.height ?? 330 * rows + 170 };
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  panels.forEach((p, i) => {
    const cell = cells[Math.floor(i / cols)][i % cols];
    data.push(...lineTraces(p.series, cell, i === 0));
    const lastRow = Math.floor(i / cols) === rows - 1;
    const xTitle = p.xTitle ?? (lastRow ? options.xTitle : undefined);
    layout[cell.xKey] = cellAxis(cell, "x", { title: xTitle ? { text: xTitle } : undefined, ...axisScale(options.logX) });
    layout[cell.yKey] = cellAxis(cell, "y", {
      title: i % cols === 0 ? { text: options.yTitle ?? "" } : undefined,
      ...axisScale(options.logY, p.series.flatMap((s) => toArray(s.y))),
      matches: options.shareY && i > 0 ? "y" : undefined,
    });
    annotations.push(subplotTitle(cell, p.title));
    const ref = refLines(cell, { hLines: p.hLines, vLines: p.vLines, logX: options.logX, logY: options.logY });
    shapes.push(...ref.shapes);
    annotations.push(...ref.annotations);
  });
  layout.shapes = shapes;
  layout.annotations = annotations;
  // Subplot titles sit above each panel: 25 px more than the figure title needs.
  Object.assign(layout, bottomLegend(0, head.top ? head.top + 25 : 50));
  return makeFigure(data, layout);
}
