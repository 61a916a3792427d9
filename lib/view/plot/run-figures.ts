/**
 * Figures of single training runs: states against time (data, truth and predictions) and
 * training curves (MSE per epoch, λ on a right-hand axis, a slider over the λ plateaus).
 * Pure functions from numbers to a plotly.js Figure.
 */
import type { Figure } from "./figure";
import { METHOD_COLORS, METHOD_LABELS, stateLabel } from "./figure";
import {
  Dash,
  MARGIN_RIGHT,
  MARGIN_RIGHT_SECOND_AXIS,
  Mode,
  axisScale,
  bottomLegend,
  cellAxis,
  column,
  gridCells,
  lambdaAxis,
  legendExtraPx,
  logRange,
  makeFigure,
  seriesColor,
  titleLayout,
  toArray,
} from "./layout";
import type { RunResult, Dataset } from "../../paper/index";

/** Grow the bottom margin and the height by what the legend needs beyond bottomLegend's two rows. */
function growForLegend(layout: Record<string, unknown>, data: Record<string, unknown>[]): void {
  const extra = legendExtraPx(data);
  if (extra === 0) return;
  const margin = layout.margin as { b: number };
  layout.margin = { ...margin, b: margin.b + extra };
  layout.height = (layout.height as number) + extra;
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
  /** A short title (long ones wrap into the subtitle). */
  title?: string;
  /** Details under the title, in smaller type. */
  subtitle?: string;
  xTitle?: string;
  height?: number;
}

/** States against time, one row per component; extrapolation start as a dashed line. */
export function trajectoryFigure(series: TrajectorySeries[], options: TrajectoryOptions): Figure {
  const dim = options.stateNames.length;
  if (dim < 1) throw new RangeError("trajectoryFigure stateNames: expected at least one state name");
  const cells = gridCells(dim, 1, { x: 0, y: 0.06 });
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
        x: toArray(s.t),
        y: column(s.u, dim, c),
        xaxis: cells[c][0].xaxis,
        yaxis: cells[c][0].yaxis,
        opacity: s.opacity ?? 1,
        line: { color, dash: s.dash ?? "solid", width: s.width ?? 2 },
        marker: { color, size: s.markerSize ?? 5 },
      });
    }
  });
  const head = titleLayout(options.title, options.subtitle);
  const top = Math.max(head.top, 60);
  const layout: Record<string, unknown> = {
    ...head.fields,
    height: (options.height ?? 230 * dim + 150) + (top - 60),
    ...bottomLegend(0, top),
    shapes: [] as Record<string, unknown>[],
  };
  for (let c = 0; c < dim; c++) {
    const cell = cells[c][0];
    layout[cell.xKey] = cellAxis(cell, "x", { matches: c === 0 ? undefined : "x", showticklabels: c === dim - 1, title: c === dim - 1 ? { text: options.xTitle ?? "t" } : undefined });
    layout[cell.yKey] = cellAxis(cell, "y", { title: { text: stateLabel(options.stateNames[c]) } });
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
  growForLegend(layout, data);
  if (options.extrapStart !== undefined) {
    const top = cells[0][0];
    layout.annotations = [
      { text: " extrapolation →", x: options.extrapStart, xref: top.xaxis, y: 1, yref: `${top.yaxis} domain`, xanchor: "left", yanchor: "top", showarrow: false, font: { size: 11, color: "#555" } },
    ];
  }
  return makeFigure(data, layout);
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
  /** The epoch of each entry when the history was thinned (precomputed results); default 0, 1, 2, …. */
  epochs?: ArrayLike<number>;
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

/** A run's training history as one curve (loss, MSE and λ per epoch) for `trainingCurvesFigure`. */
export function runCurve(run: RunResult, name?: string): TrainingCurve {
  const method = run.config.method;
  return {
    name: name ?? METHOD_LABELS[method] ?? method,
    mse: run.history.mse,
    loss: run.history.loss,
    lambda: method === "homotopy" ? run.history.lambda : undefined,
    bestEpoch: run.bestEpoch,
    color: METHOD_COLORS[method],
    epochs: run.history.epochs,
  };
}

export interface TrainingCurvesOptions {
  /** A short title (long ones wrap into the subtitle). */
  title?: string;
  /** Details under the title, in smaller type. */
  subtitle?: string;
  /** Also draw the training loss (dotted). Default true. */
  showLoss?: boolean;
  /** A horizontal reference line, e.g. the noise floor. */
  reference?: { y: number; label: string };
  /** A slider that zooms onto each λ plateau (needs a curve with λ). Default true when there is one. */
  plateauSlider?: boolean;
  height?: number;
}

/** The epochs of a curve's entries: its own (thinned history) or 0, 1, 2, …. */
function epochAxis(c: TrainingCurve): number[] {
  return c.epochs ? toArray(c.epochs) : Array.from({ length: c.mse.length }, (_, e) => e);
}

const lastOf = (xs: number[]): number => (xs.length ? xs[xs.length - 1] : 0);

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
    const epochs = epochAxis(c);
    data.push({ type: "scatter", mode: "lines", name: `${c.name}: MSE`, legendgroup: c.name, x: epochs, y: toArray(c.mse), line: { color, width: 2 } });
    if (showLoss && c.loss) {
      data.push({ type: "scatter", mode: "lines", name: `${c.name}: training loss`, legendgroup: c.name, x: epochs, y: toArray(c.loss), line: { color, width: 1, dash: "dot" }, opacity: 0.8 });
    }
    const bestAt = c.bestEpoch === undefined ? -1 : epochs.indexOf(c.bestEpoch);
    if (bestAt >= 0) {
      data.push({
        type: "scatter",
        mode: "markers",
        name: `${c.name}: best (epoch ${c.bestEpoch})`,
        legendgroup: c.name,
        x: [c.bestEpoch],
        y: [c.mse[bestAt]],
        marker: { color, size: 11, symbol: "star", line: { color: "black", width: 1 } },
      });
    }
    if (c.lambda && !lambdaCurve) lambdaCurve = c;
  });
  const plotHeight = options.height ?? 360;
  const lc = lambdaCurve as TrainingCurve | null;
  const hasLambda = Boolean(lc && lc.lambda);
  const head = titleLayout(options.title, options.subtitle);
  const top = Math.max(head.top, 60);
  const right = hasLambda ? MARGIN_RIGHT_SECOND_AXIS : MARGIN_RIGHT;
  const layout: Record<string, unknown> = {
    ...head.fields,
    ...bottomLegend(0, top, right),
    height: plotHeight + top + 115,
    xaxis: { title: { text: "epoch" }, gridcolor: "#eee", zeroline: false },
    yaxis: { title: { text: "MSE" }, ...axisScale(true), gridcolor: "#eee" },
  };
  if (options.reference) {
    layout.shapes = [{ type: "line", xref: "paper", x0: 0, x1: 1, yref: "y", y0: options.reference.y, y1: options.reference.y, line: { color: "#777", dash: "dash", width: 1 } }];
    layout.annotations = [{ text: options.reference.label, xref: "paper", x: 1, y: Math.log10(options.reference.y), yref: "y", xanchor: "right", yanchor: "bottom", showarrow: false, font: { size: 11, color: "#555" } }];
  }
  if (lc && lc.lambda) {
    const lam = toArray(lc.lambda);
    const lamEpochs = epochAxis(lc);
    data.push({
      type: "scatter",
      mode: "lines",
      name: "λ (right axis)",
      x: lamEpochs,
      y: lam,
      yaxis: "y2",
      line: { color: "#888", width: 1.5, shape: "hv" },
      fill: "tozeroy",
      fillcolor: "rgba(150,150,150,0.08)",
    });
    layout.yaxis2 = lambdaAxis("y");
    const plateaus = plateausOf(lam).map((p) => ({ ...p, start: lamEpochs[p.start], end: lamEpochs[p.end] }));
    if ((options.plateauSlider ?? true) && plateaus.length > 1) {
      const all = curves.flatMap((c) => toArray(c.mse).concat(showLoss && c.loss ? toArray(c.loss) : []));
      const fullRange = logRange(all);
      const steps = [
        { label: "all", method: "relayout", args: [{ "xaxis.range": [0, Math.max(...curves.map((c) => lastOf(epochAxis(c))))], "yaxis.range": fullRange, "yaxis.autorange": fullRange === null }] },
        ...plateaus.map((p) => {
          const window = curves.flatMap((c) => {
            const at = epochAxis(c);
            const inside = (_: number, i: number) => at[i] >= p.start && at[i] <= p.end;
            return toArray(c.mse).filter(inside).concat(showLoss && c.loss ? toArray(c.loss).filter(inside) : []);
          });
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
      Object.assign(layout, bottomLegend(sliderPx, top, right));
      layout.height = plotHeight + top + 115 + sliderPx;
    }
  }
  growForLegend(layout, data);
  return makeFigure(data, layout);
}
