/**
 * Figures of a fit to measured data, built from the plain data a fit writes (model.json and the
 * per-trajectory predictions): data and fit per state with the extrapolation window shaded, the
 * training curve with λ, a phase portrait of two states, and each learned term of a gray-box model.
 */
import type { Figure } from "./figure";
import { baseLayout, METHOD_COLORS, stateLabel } from "./figure";

/** One trajectory's data and prediction (data units, t.length × dim row-major). */
export interface FitSeries {
  id: string;
  t: number[];
  data: number[];
  prediction: number[] | null;
  trainPoints: number;
}

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const colorOf = (i: number) => PALETTE[i % PALETTE.length];
const col = (u: number[], dim: number, c: number) => u.filter((_, i) => i % dim === c);

/** Data (markers) and fit (lines) per state, one panel each; the extrapolation windows shaded. */
export function fitStatesFigure(series: FitSeries[], stateNames: readonly string[], options: { timeName?: string; title?: string; relativeTime?: boolean } = {}): Figure {
  const dim = stateNames.length;
  // Trajectories recorded at different times share the axis as time since their own start.
  const relative = options.relativeTime ?? (series.length > 1 && series.some((s) => s.t[0] !== series[0].t[0]));
  const timeOf = (s: FitSeries) => (relative ? s.t.map((t) => t - s.t[0]) : s.t);
  const timeName = options.timeName ?? "t";
  const gap = 0.04;
  const h = (1 - gap * (dim - 1)) / dim;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = baseLayout({
    title: { text: options.title ?? "Data and fit (shaded: extrapolation)" },
    height: Math.max(360, 190 * dim + 80),
    showlegend: true,
  });
  const shapes: Record<string, unknown>[] = [];
  stateNames.forEach((name, c) => {
    const suffix = c === 0 ? "" : String(c + 1);
    const top = 1 - c * (h + gap);
    layout[`yaxis${suffix}`] = { domain: [top - h, top], title: { text: stateLabel(name) }, anchor: `x${suffix}` };
    layout[`xaxis${suffix}`] = { anchor: `y${suffix}`, matches: c === 0 ? undefined : "x", showticklabels: c === dim - 1, title: { text: c === dim - 1 ? (relative ? `${timeName} since the start of each trajectory` : timeName) : "" } };
    series.forEach((s, si) => {
      const many = series.length > 1;
      const label = many ? ` (${s.id})` : "";
      const t = timeOf(s);
      data.push({ type: "scatter", mode: "markers", x: t, y: col(s.data, dim, c), name: `data${label}`, legendgroup: `data${si}`, showlegend: c === 0, marker: { size: 4, color: many ? colorOf(si) : METHOD_COLORS.data, opacity: 0.6 }, xaxis: `x${suffix}`, yaxis: `y${suffix}` });
      if (s.prediction) data.push({ type: "scatter", mode: "lines", x: t, y: col(s.prediction, dim, c), name: `fit${label}`, legendgroup: `fit${si}`, showlegend: c === 0, line: { width: 2, color: many ? colorOf(si) : METHOD_COLORS.homotopy }, xaxis: `x${suffix}`, yaxis: `y${suffix}` });
      if (s.trainPoints < s.t.length) {
        shapes.push({ type: "rect", xref: `x${suffix}`, yref: `y${suffix} domain`, x0: t[s.trainPoints - 1], x1: t[t.length - 1], y0: 0, y1: 1, fillcolor: "rgba(120,120,120,0.12)", line: { width: 0 }, layer: "below" });
      }
    });
  });
  layout.shapes = shapes;
  return { data: data as Figure["data"], layout: layout as Figure["layout"] };
}

/** Uncoupled training MSE (log scale) per epoch with λ on the right axis. */
export function fitTrainingCurveFigure(history: { mse: number[]; lambda: number[] }, options: { method?: string; bestEpoch?: number; title?: string } = {}): Figure {
  const epochs = history.mse.map((_, i) => i);
  const data: Record<string, unknown>[] = [{ type: "scatter", mode: "lines", x: epochs, y: history.mse, name: "MSE (training window, training units)", line: { color: METHOD_COLORS[options.method ?? "homotopy"] ?? "#2ca02c" } }];
  if (history.lambda.some((l) => l !== 0)) data.push({ type: "scatter", mode: "lines", x: epochs, y: history.lambda, name: "λ", yaxis: "y2", line: { color: "#555", dash: "dot" } });
  if (options.bestEpoch !== undefined && options.bestEpoch >= 0) data.push({ type: "scatter", mode: "markers", x: [options.bestEpoch], y: [history.mse[options.bestEpoch]], name: `best (epoch ${options.bestEpoch})`, marker: { size: 10, symbol: "star", color: "#000" } });
  return {
    data: data as Figure["data"],
    layout: baseLayout({
      title: { text: options.title ?? "Training curve" },
      margin: { l: 70, r: 70, t: 50, b: 55 },
      xaxis: { title: { text: "epoch" } },
      yaxis: { type: "log", title: { text: "MSE" } },
      yaxis2: { overlaying: "y", side: "right", range: [0, 1.05], title: { text: "λ" }, showgrid: false },
    }),
  };
}

/** Phase portrait of two states: data markers and fitted trajectory. */
export function fitPhaseFigure(series: FitSeries[], stateNames: readonly string[], i = 0, j = 1, options: { title?: string } = {}): Figure {
  const dim = stateNames.length;
  const data: Record<string, unknown>[] = [];
  series.forEach((s, si) => {
    const label = series.length > 1 ? ` (${s.id})` : "";
    data.push({ type: "scatter", mode: "markers", x: col(s.data, dim, i), y: col(s.data, dim, j), name: `data${label}`, marker: { size: 4, color: series.length > 1 ? colorOf(si) : METHOD_COLORS.data, opacity: 0.6 } });
    if (s.prediction) data.push({ type: "scatter", mode: "lines", x: col(s.prediction, dim, i), y: col(s.prediction, dim, j), name: `fit${label}`, line: { width: 2, color: series.length > 1 ? colorOf(si) : METHOD_COLORS.homotopy } });
  });
  return {
    data: data as Figure["data"],
    layout: baseLayout({ title: { text: options.title ?? `Phase portrait: ${stateLabel(stateNames[j])} against ${stateLabel(stateNames[i])}` }, xaxis: { title: { text: stateLabel(stateNames[i]) } }, yaxis: { title: { text: stateLabel(stateNames[j]) } }, height: 480 }),
  };
}

/** A learned term along the data: network output against time (and, if given, the true term). */
export interface LearnedTermSeries {
  name: string;
  inputs: string[];
  outputs: number;
  alongData: { trajectory: string; t: number[]; outputs: number[] }[];
  /** Optional: the same along the fitted trajectory (drawn as a line, the measured-state values as markers). */
  alongFit?: { trajectory: string; t: number[]; outputs: number[] }[];
}

/** One learned term of a gray-box fit against its inputs along the data (and the true term when known). */
export function learnedTermFigure(term: LearnedTermSeries, options: { truth?: { trajectory: string; t: number[]; outputs: number[] }[]; timeName?: string } = {}): Figure {
  const data: Record<string, unknown>[] = [];
  const many = term.alongData.length > 1;
  for (let o = 0; o < term.outputs; o++) {
    const label = term.outputs > 1 ? `${term.name}[${o + 1}]` : term.name;
    term.alongData.forEach((a, ai) => {
      const smooth = term.alongFit?.find((f) => f.trajectory === a.trajectory);
      const suffix = many ? ` (${a.trajectory})` : "";
      data.push({ type: "scatter", mode: smooth ? "markers" : "lines", x: a.t, y: col(a.outputs, term.outputs, o), name: `${label} at the measured states${suffix}`, marker: { size: 4, opacity: 0.5, color: colorOf(o * 3 + ai) }, line: { width: 2, color: colorOf(o * 3 + ai) } });
      if (smooth) data.push({ type: "scatter", mode: "lines", x: smooth.t, y: col(smooth.outputs, term.outputs, o), name: `${label} along the fitted trajectory${suffix}`, line: { width: 2, color: colorOf(o * 3 + ai) } });
    });
    (options.truth ?? []).forEach((a) => {
      data.push({ type: "scatter", mode: "lines", x: a.t, y: col(a.outputs, term.outputs, o), name: `${label} true${many ? ` (${a.trajectory})` : ""}`, line: { width: 2, dash: "dash", color: "#000" } });
    });
  }
  return {
    data: data as Figure["data"],
    layout: baseLayout({ title: { text: `Learned term ${term.name}(${term.inputs.join(", ")}) along the data` }, xaxis: { title: { text: options.timeName ?? "t" } }, yaxis: { title: { text: term.name } } }),
  };
}
