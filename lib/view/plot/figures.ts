/**
 * Figure builders shared by notebooks, the CLI and reports. Each is a pure function from numbers
 * to a plotly.js `{data, layout}` Figure; nothing here draws or touches the file system.
 */
import type { Data, Figure, Layout } from "./figure";
import { METHOD_COLORS, METHOD_LABELS, baseLayout } from "./figure";
import type { RunResult } from "../../paper/experiments/runner";
import type { Dataset } from "../../paper/systems/dataset";
import { SmoothingSpline } from "../../core/interp/spline";
import { arange } from "../../paper/systems/dataset";

/** Colours for curves that are not methods (k values, noise levels, …): plotly's defaults. */
export const SERIES_COLORS: readonly string[] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

type Dash = "solid" | "dash" | "dot" | "dashdot";
type Mode = "lines" | "markers" | "lines+markers";

function arr(x: ArrayLike<number>): number[] {
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

// ------------------------------------------------------------------ subplot grids

interface Cell {
  xaxis: string; // trace reference: "x", "x2", …
  yaxis: string;
  xKey: string; // layout key: "xaxis", "xaxis2", …
  yKey: string;
  domainX: [number, number];
  domainY: [number, number];
}

/** Axes of a rows × cols grid (row 0 at the top), each cell with its own x and y axis. */
function grid(rows: number, cols: number, gap = { x: 0.08, y: 0.1 }): Cell[][] {
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

function subplotTitle(cell: Cell, text: string): Record<string, unknown> {
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

function axis(cell: Cell, which: "x" | "y", extra: Record<string, unknown>): Record<string, unknown> {
  return which === "x"
    ? { domain: cell.domainX, anchor: cell.yaxis, zeroline: false, gridcolor: "#eee", ...extra }
    : { domain: cell.domainY, anchor: cell.xaxis, zeroline: false, gridcolor: "#eee", ...extra };
}

/** Axis type fields: log axes get one labelled tick per decade, written as powers of ten. */
function scale(log: boolean | undefined): Record<string, unknown> {
  return log ? { type: "log", dtick: 1, exponentformat: "power" } : { type: "linear" };
}

function figure(data: Record<string, unknown>[], layout: Record<string, unknown>): Figure {
  return { data: data as unknown as Data[], layout: baseLayout(layout as Partial<Layout>) };
}

function title(text: string | undefined): Record<string, unknown> {
  return text ? { title: { text, x: 0.02, xanchor: "left" } } : {};
}

/**
 * Legend along the bottom edge of the whole figure (container coordinates), below the x-axis
 * title and any slider, with the bottom margin grown to make room for it.
 */
function bottomLegend(extraPx = 0): Record<string, unknown> {
  return {
    legend: { orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom" },
    margin: { l: 70, r: 60, t: 60, b: 115 + extraPx },
  };
}

// ------------------------------------------------------------------ trajectories

export interface TrajectorySeries {
  name: string;
  t: ArrayLike<number>;
  /** States at t, (t.length × dim) row-major. */
  u: ArrayLike<number>;
  color?: string;
  /** Default "lines". */
  mode?: Mode;
  dash?: Dash;
  width?: number;
  opacity?: number;
  markerSize?: number;
}

export interface TrajectoryOptions {
  /** One subplot row per state, labelled with these names. */
  stateNames: readonly string[];
  /** Time where extrapolation begins: a dashed vertical line. */
  extrapStart?: number;
  title?: string;
  xTitle?: string;
  height?: number;
}

/** States against time, one row per component; extrapolation start as a dashed line. */
export function trajectoryFigure(series: TrajectorySeries[], options: TrajectoryOptions): Figure {
  const dim = options.stateNames.length;
  if (dim < 1) throw new RangeError("trajectoryFigure stateNames: expected at least one state name");
  const cells = grid(dim, 1, { x: 0, y: 0.06 });
  const data: Record<string, unknown>[] = [];
  series.forEach((s, si) => {
    if (s.u.length !== s.t.length * dim) {
      throw new RangeError(`trajectoryFigure series "${s.name}": u has ${s.u.length} values, expected t.length × ${dim} = ${s.t.length * dim}`);
    }
    const color = s.color ?? seriesColor(si);
    const mode = s.mode ?? "lines";
    for (let c = 0; c < dim; c++) {
      data.push({
        type: "scatter",
        mode,
        name: s.name,
        legendgroup: s.name,
        showlegend: c === 0,
        x: arr(s.t),
        y: column(s.u, dim, c),
        xaxis: cells[c][0].xaxis,
        yaxis: cells[c][0].yaxis,
        opacity: s.opacity ?? 1,
        line: { color, dash: s.dash ?? "solid", width: s.width ?? 2 },
        marker: { color, size: s.markerSize ?? 5 },
      });
    }
  });
  const layout: Record<string, unknown> = {
    ...title(options.title),
    height: options.height ?? 230 * dim + 150,
    ...bottomLegend(),
    shapes: [] as Record<string, unknown>[],
  };
  for (let c = 0; c < dim; c++) {
    const cell = cells[c][0];
    layout[cell.xKey] = axis(cell, "x", { matches: c === 0 ? undefined : "x", showticklabels: c === dim - 1, title: c === dim - 1 ? { text: options.xTitle ?? "t" } : undefined });
    layout[cell.yKey] = axis(cell, "y", { title: { text: options.stateNames[c] } });
    if (options.extrapStart !== undefined) {
      (layout.shapes as Record<string, unknown>[]).push({
        type: "line",
        x0: options.extrapStart,
        x1: options.extrapStart,
        xref: cell.xaxis,
        yref: `${cell.yaxis} domain`,
        y0: 0,
        y1: 1,
        line: { dash: "dash", color: "#555", width: 1.5 },
      });
    }
  }
  if (options.extrapStart !== undefined) {
    const top = cells[0][0];
    layout.annotations = [
      { text: " extrapolation →", x: options.extrapStart, xref: top.xaxis, y: 1, yref: `${top.yaxis} domain`, xanchor: "left", yanchor: "top", showarrow: false, font: { size: 11, color: "#555" } },
    ];
  }
  return figure(data, layout);
}

/** The data of a dataset as markers (training window solid, extrapolation window faded), and the clean truth if asked. */
export function datasetSeries(ds: Dataset, options: { clean?: boolean; name?: string } = {}): TrajectorySeries[] {
  const name = options.name ?? "data";
  const color = METHOD_COLORS.data;
  const out: TrajectorySeries[] = [
    { name, t: ds.train.t, u: ds.train.u, mode: "markers", color, markerSize: 5 },
    { name: `${name} (extrapolation window)`, t: ds.extrap.t, u: ds.extrap.u, mode: "markers", color, opacity: 0.35, markerSize: 5 },
  ];
  if (options.clean && ds.train.clean && ds.extrap.clean) {
    const t = [...ds.train.t, ...ds.extrap.t];
    const u = [...ds.train.clean, ...ds.extrap.clean];
    out.push({ name: "noise-free truth", t, u, color: "#999", dash: "dot", width: 1.5 });
  }
  return out;
}

/** The best-θ rollout of a run as a line in its method's colour (null if the run has none). */
export function runSeries(run: RunResult, name?: string): TrajectorySeries | null {
  if (!run.prediction) return null;
  const method = run.config.method;
  return { name: name ?? METHOD_LABELS[method] ?? method, t: run.prediction.t, u: run.prediction.u, color: METHOD_COLORS[method], width: 2.5 };
}

// ------------------------------------------------------------------ training curves

export interface TrainingCurve {
  name: string;
  /** Uncoupled MSE per epoch. */
  mse: ArrayLike<number>;
  /** λ per epoch (homotopy runs). */
  lambda?: ArrayLike<number>;
  /** Training loss per epoch (coupled for homotopy). */
  loss?: ArrayLike<number>;
  bestEpoch?: number;
  color?: string;
}

export interface Plateau {
  start: number;
  /** Last epoch of the plateau (inclusive). */
  end: number;
  lambda: number;
}

/** The runs of equal λ in a per-epoch λ history. */
export function plateausOf(lambda: ArrayLike<number>): Plateau[] {
  const out: Plateau[] = [];
  for (let e = 0; e < lambda.length; e++) {
    const last = out[out.length - 1];
    if (last && lambda[e] === last.lambda) last.end = e;
    else out.push({ start: e, end: e, lambda: lambda[e] });
  }
  return out;
}

export function runCurve(run: RunResult, name?: string): TrainingCurve {
  const method = run.config.method;
  return {
    name: name ?? METHOD_LABELS[method] ?? method,
    mse: run.history.mse,
    loss: run.history.loss,
    lambda: method === "homotopy" ? run.history.lambda : undefined,
    bestEpoch: run.bestEpoch,
    color: METHOD_COLORS[method],
  };
}

export interface TrainingCurvesOptions {
  title?: string;
  /** Also draw the training loss (dotted). Default true. */
  showLoss?: boolean;
  /** A horizontal reference line, e.g. the noise floor. */
  reference?: { y: number; label: string };
  /** A slider that zooms onto each λ plateau (needs a curve with λ). Default true when there is one. */
  plateauSlider?: boolean;
  height?: number;
}

function logRange(values: number[]): [number, number] | null {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return null;
  const lo = Math.log10(Math.min(...pos));
  const hi = Math.log10(Math.max(...pos));
  const pad = Math.max(0.05, 0.05 * (hi - lo));
  return [lo - pad, hi + pad];
}

/**
 * MSE (log scale) per epoch for each method, the training loss dotted, the best epoch marked,
 * and λ as a step line on a second axis; a slider steps through the λ plateaus.
 */
export function trainingCurvesFigure(curves: TrainingCurve[], options: TrainingCurvesOptions = {}): Figure {
  const data: Record<string, unknown>[] = [];
  const showLoss = options.showLoss ?? true;
  let lambdaCurve: TrainingCurve | null = null;
  curves.forEach((c, i) => {
    const color = c.color ?? seriesColor(i);
    const epochs = Array.from({ length: c.mse.length }, (_, e) => e);
    data.push({ type: "scatter", mode: "lines", name: `${c.name}: MSE`, legendgroup: c.name, x: epochs, y: arr(c.mse), line: { color, width: 2 } });
    if (showLoss && c.loss) {
      data.push({ type: "scatter", mode: "lines", name: `${c.name}: training loss`, legendgroup: c.name, x: epochs, y: arr(c.loss), line: { color, width: 1, dash: "dot" }, opacity: 0.8 });
    }
    if (c.bestEpoch !== undefined && c.bestEpoch >= 0 && c.bestEpoch < c.mse.length) {
      data.push({
        type: "scatter",
        mode: "markers",
        name: `${c.name}: best (epoch ${c.bestEpoch})`,
        legendgroup: c.name,
        x: [c.bestEpoch],
        y: [c.mse[c.bestEpoch]],
        marker: { color, size: 11, symbol: "star", line: { color: "black", width: 1 } },
      });
    }
    if (c.lambda && !lambdaCurve) lambdaCurve = c;
  });
  const plotHeight = options.height ?? 360;
  const layout: Record<string, unknown> = {
    ...title(options.title),
    ...bottomLegend(),
    height: plotHeight + 60 + 115,
    xaxis: { title: { text: "epoch" }, gridcolor: "#eee", zeroline: false },
    yaxis: { title: { text: "MSE" }, ...scale(true), gridcolor: "#eee" },
  };
  if (options.reference) {
    layout.shapes = [{ type: "line", xref: "paper", x0: 0, x1: 1, yref: "y", y0: options.reference.y, y1: options.reference.y, line: { color: "#777", dash: "dash", width: 1 } }];
    layout.annotations = [{ text: options.reference.label, xref: "paper", x: 1, y: Math.log10(options.reference.y), yref: "y", xanchor: "right", yanchor: "bottom", showarrow: false, font: { size: 11, color: "#555" } }];
  }
  const lc = lambdaCurve as TrainingCurve | null;
  if (lc && lc.lambda) {
    const lam = arr(lc.lambda);
    data.push({
      type: "scatter",
      mode: "lines",
      name: "λ (right axis)",
      x: lam.map((_, e) => e),
      y: lam,
      yaxis: "y2",
      line: { color: "#888", width: 1.5, shape: "hv" },
      fill: "tozeroy",
      fillcolor: "rgba(150,150,150,0.08)",
    });
    layout.yaxis2 = { title: { text: "λ" }, overlaying: "y", side: "right", range: [0, 1.05], tickvals: [0, 0.25, 0.5, 0.75, 1], showgrid: false, zeroline: false };
    const plateaus = plateausOf(lam);
    if ((options.plateauSlider ?? true) && plateaus.length > 1) {
      const all = curves.flatMap((c) => arr(c.mse).concat(showLoss && c.loss ? arr(c.loss) : []));
      const fullRange = logRange(all);
      const steps = [
        { label: "all", method: "relayout", args: [{ "xaxis.range": [0, Math.max(...curves.map((c) => c.mse.length)) - 1], "yaxis.range": fullRange, "yaxis.autorange": fullRange === null }] },
        ...plateaus.map((p) => {
          const window = curves.flatMap((c) => arr(c.mse).slice(p.start, p.end + 1).concat(showLoss && c.loss ? arr(c.loss).slice(p.start, p.end + 1) : []));
          const r = logRange(window);
          return {
            label: `λ=${p.lambda.toFixed(3)}`,
            method: "relayout",
            args: [{ "xaxis.range": [p.start - 0.5, p.end + 0.5], "yaxis.range": r, "yaxis.autorange": r === null }],
          };
        }),
      ];
      // The slider sits between the x-axis title (~50 px) and the legend; y is in plot-area units.
      const sliderPx = 95;
      layout.sliders = [{ active: 0, steps, x: 0, len: 1, y: -50 / plotHeight, yanchor: "top", pad: { t: 10, b: 0 }, currentvalue: { prefix: "epochs shown: ", font: { size: 12 } } }];
      Object.assign(layout, bottomLegend(sliderPx));
      layout.height = plotHeight + 60 + 115 + sliderPx;
    }
  }
  // About three legend entries fit a row; the default margin holds two rows, so grow it for more.
  const extraRows = Math.max(0, Math.ceil(data.length / 3) - 2);
  if (extraRows > 0) {
    const margin = layout.margin as { b: number };
    layout.margin = { ...margin, b: margin.b + 22 * extraRows };
    layout.height = (layout.height as number) + 22 * extraRows;
  }
  return figure(data, layout);
}

// ------------------------------------------------------------------ generic lines and panels

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
  title?: string;
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
      x: arr(s.x),
      y: arr(s.y).map((v) => (Number.isFinite(v) ? v : null)),
      xaxis: cell.xaxis,
      yaxis: cell.yaxis,
      line: { color, dash: s.dash ?? "solid", width: s.width ?? 2 },
      marker: { color, size: 6 },
    };
  });
}

/** Lines y(x) on one axis, with optional log axes and reference lines. */
export function lineFigure(series: LineSeries[], options: LineOptions = {}): Figure {
  const cell = grid(1, 1)[0][0];
  const { shapes, annotations } = refLines(cell, options);
  return figure(lineTraces(series, cell, true), {
    ...title(options.title),
    ...bottomLegend(),
    height: options.height ?? 460,
    xaxis: axis(cell, "x", { title: { text: options.xTitle ?? "" }, ...scale(options.logX) }),
    yaxis: axis(cell, "y", { title: { text: options.yTitle ?? "" }, ...scale(options.logY), ...(options.yRange ? { range: options.yRange } : {}) }),
    shapes,
    annotations,
  });
}

export interface Panel {
  title: string;
  series: LineSeries[];
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
  const cells = grid(rows, cols, { x: 0.06, y: 0.16 });
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = { ...title(options.title), height: options.height ?? 330 * rows + 170 };
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  panels.forEach((p, i) => {
    const cell = cells[Math.floor(i / cols)][i % cols];
    data.push(...lineTraces(p.series, cell, i === 0));
    const lastRow = Math.floor(i / cols) === rows - 1;
    layout[cell.xKey] = axis(cell, "x", { title: lastRow ? { text: options.xTitle ?? "" } : undefined, ...scale(options.logX) });
    layout[cell.yKey] = axis(cell, "y", {
      title: i % cols === 0 ? { text: options.yTitle ?? "" } : undefined,
      ...scale(options.logY),
      matches: options.shareY && i > 0 ? "y" : undefined,
    });
    annotations.push(subplotTitle(cell, p.title));
    const ref = refLines(cell, { hLines: p.hLines, vLines: p.vLines, logX: options.logX, logY: options.logY });
    shapes.push(...ref.shapes);
    annotations.push(...ref.annotations);
  });
  layout.shapes = shapes;
  layout.annotations = annotations;
  Object.assign(layout, bottomLegend());
  layout.margin = { l: 70, r: 20, t: options.title ? 85 : 50, b: 115 };
  return figure(data, layout);
}

// ------------------------------------------------------------------ splines (Figs. 18, 20)

export interface SplinePanel {
  title: string;
  /** The (noisy) samples the spline was fitted to, (n × dim). */
  data: { t: ArrayLike<number>; u: ArrayLike<number> };
  /** The spline evaluated on a fine grid, (m × dim). */
  fit: { t: ArrayLike<number>; u: ArrayLike<number> };
  /** The noise-free trajectory, (q × dim). */
  truth?: { t: ArrayLike<number>; u: ArrayLike<number> };
}

/**
 * A spline panel from a dataset's training window: the samples, the smoothing spline with this α
 * on a grid of spacing fineDt (default 0.01), and optionally the noise-free truth.
 */
export function splinePanel(title: string, ds: Dataset, alpha: number, options: { truth?: { t: ArrayLike<number>; u: ArrayLike<number> }; fineDt?: number } = {}): SplinePanel {
  const t = ds.train.t;
  const spline = new SmoothingSpline(t, ds.train.u, ds.dim, alpha);
  const fine = arange(t[0], t[t.length - 1] + 1e-9, options.fineDt ?? 0.01);
  return { title, data: { t, u: ds.train.u }, fit: { t: fine, u: spline.evaluateMany(fine) }, truth: options.truth };
}

/** One panel per setting (α, noise level, sampling): data markers, the spline, and the truth. */
export function splinePanelsFigure(panels: SplinePanel[], options: { dim: number; stateNames: readonly string[]; columns?: number; title?: string; height?: number }): Figure {
  const { dim } = options;
  const lines: Panel[] = panels.map((p) => {
    const series: LineSeries[] = [];
    for (let c = 0; c < dim; c++) {
      const color = seriesColor(c);
      const sn = options.stateNames[c] ?? `u${c}`;
      if (p.truth) series.push({ name: `${sn} truth`, x: p.truth.t, y: column(p.truth.u, dim, c), color: "#999", dash: "dot", width: 1.5 });
      series.push({ name: `${sn} data`, x: p.data.t, y: column(p.data.u, dim, c), color, mode: "markers" });
      series.push({ name: `${sn} spline`, x: p.fit.t, y: column(p.fit.u, dim, c), color, width: 2 });
    }
    return { title: p.title, series };
  });
  return panelsFigure(lines, { columns: options.columns, title: options.title, xTitle: "t", yTitle: "state", height: options.height, shareY: true });
}

// ------------------------------------------------------------------ synchronisation (Theorem 1, Figs. 10–11)

/** Largest Lyapunov exponent of the error against k; below zero the response synchronises. */
export function lyapunovFigure(
  curves: { name: string; k: ArrayLike<number>; exponent: ArrayLike<number>; color?: string }[],
  options: { title?: string; threshold?: { k: number; label: string }; yRange?: [number, number]; height?: number } = {},
): Figure {
  const series: LineSeries[] = curves.map((c, i) => ({ name: c.name, x: c.k, y: c.exponent, color: c.color ?? seriesColor(i), mode: "lines+markers" }));
  const fig = lineFigure(series, {
    title: options.title,
    xTitle: "coupling strength k",
    yTitle: "largest Lyapunov exponent Λ of ξ",
    hLines: [{ y: 0, label: "Λ = 0: synchronisation threshold" }],
    vLines: options.threshold ? [{ x: options.threshold.k, label: options.threshold.label }] : [],
    height: options.height,
  });
  // Shade Λ < 0, where the error decays.
  const layout = fig.layout as Record<string, unknown>;
  (layout.shapes as Record<string, unknown>[]).unshift({ type: "rect", xref: "x domain", x0: 0, x1: 1, yref: "y", y0: -1e3, y1: 0, fillcolor: "rgba(44,160,44,0.07)", line: { width: 0 }, layer: "below" });
  const ys = curves.flatMap((c) => arr(c.exponent)).filter(Number.isFinite);
  if (options.yRange) {
    (layout.yaxis as Record<string, unknown>).range = options.yRange;
  } else if (ys.length) {
    const lo = Math.min(0, ...ys);
    const hi = Math.max(0, ...ys);
    const pad = 0.06 * (hi - lo || 1);
    (layout.yaxis as Record<string, unknown>).range = [lo - pad, hi + pad];
  }
  return fig;
}

/**
 * |u(t) − û(t)| on a log scale: one panel per system, one curve per coupling. Zero errors (e.g.
 * at t = 0, where both start equal) are left out rather than drawn at an arbitrary floor.
 */
export function syncErrorFigure(
  panels: { title: string; t: ArrayLike<number>; curves: { name: string; error: ArrayLike<number> }[] }[],
  options: { title?: string; height?: number } = {},
): Figure {
  return panelsFigure(
    panels.map((p) => ({
      title: p.title,
      series: p.curves.map((c, i) => ({ name: c.name, x: p.t, y: arr(c.error).map((v) => (v > 0 ? v : NaN)), color: seriesColor(i) })),
    })),
    { title: options.title, xTitle: "t", yTitle: "|u(t) − û(t)|", logY: true, height: options.height },
  );
}

/** 1-D MSE landscapes over a parameter factor: one panel per coupling k, one curve per data length. */
export function landscapeFigure(
  panels: { title: string; factors: ArrayLike<number>; curves: { name: string; mse: ArrayLike<number> }[] }[],
  options: { title?: string; xTitle?: string; logY?: boolean; height?: number } = {},
): Figure {
  return panelsFigure(
    panels.map((p) => ({
      title: p.title,
      series: p.curves.map((c, i) => ({ name: c.name, x: p.factors, y: c.mse, color: seriesColor(i) })),
      vLines: [{ x: 1 }],
    })),
    { title: options.title, xTitle: options.xTitle ?? "parameter factor", yTitle: "MSE", logY: options.logY ?? true, height: options.height },
  );
}
