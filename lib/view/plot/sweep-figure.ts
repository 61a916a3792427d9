/**
 * Fig. 3: interpolation (top row) and extrapolation (bottom row) MSE against each sweep variable,
 * one line per method with ± s.e. bars, and the poster's approximate values dotted beside ours.
 */
import type { Figure } from "./figure";
import { METHOD_COLORS, METHOD_LABELS } from "./figure";
import { LineSeries, Panel, panelsFigure } from "./panels";
import { FIGURE3_SWEEPS, SweepCell, figure3Poster, PAPER_METHODS } from "../../paper/index";
import type { MeanSe } from "../../paper/index";

export interface SweepFigureOptions {
  /** Score ours against the noise-free trajectory ("clean", default; comparable with the poster) or the noisy data. */
  score?: "clean" | "data";
  /** Draw the poster's approximate values (default true). */
  poster?: boolean;
  title?: string;
  height?: number;
}

/** Panels for the sweeps present in `cells`, in Fig. 3's order. */
export function sweepFigure(cells: readonly SweepCell[], options: SweepFigureOptions = {}): Figure {
  const clean = (options.score ?? "clean") === "clean";
  const withPoster = options.poster ?? true;
  const specs = FIGURE3_SWEEPS.filter((s) => cells.some((c) => c.sweep === s.name));
  if (specs.length === 0) throw new RangeError("sweepFigure cells: expected results of at least one sweep, got none");
  const rows = [
    { key: "interp" as const, label: "interpolation" },
    { key: "extrap" as const, label: "extrapolation" },
  ];
  const panels: Panel[] = [];
  // Error bars per trace, in the order panelsFigure emits traces (panel by panel, series in order).
  const errors: (number[] | null)[] = [];
  for (const row of rows) {
    for (const spec of specs) {
      const poster = figure3Poster(spec.name);
      const series: LineSeries[] = [];
      const xsAll = [...new Set(cells.filter((c) => c.sweep === spec.name).map((c) => c.x))].sort((a, b) => a - b);
      for (const method of PAPER_METHODS) {
        const mine = xsAll.map((x) => cells.find((c) => c.sweep === spec.name && c.x === x && c.method === method) ?? null);
        const pick = (c: SweepCell | null): MeanSe | null => (c ? (row.key === "interp" ? (clean ? c.interpClean : c.interp) : clean ? c.extrapClean : c.extrap) : null);
        const xs: number[] = [];
        const ys: number[] = [];
        const es: number[] = [];
        mine.forEach((c, i) => {
          const v = pick(c);
          if (!v) return;
          xs.push(xsAll[i]);
          ys.push(v.mean);
          es.push(v.stderr);
        });
        series.push({ name: METHOD_LABELS[method], x: xs, y: ys, color: METHOD_COLORS[method], mode: "lines+markers" });
        errors.push(es.some((e) => e > 0) ? es : null);
        const posterValues = poster[row.key][method];
        if (withPoster && posterValues) {
          const py = posterValues.map((v) => (v === null ? NaN : v));
          series.push({ name: `${METHOD_LABELS[method]} (poster, approx.)`, x: poster.x, y: py, color: METHOD_COLORS[method], mode: "lines+markers", dash: "dot", width: 1 });
          errors.push(null);
        }
      }
      panels.push({ title: `${row.label}: ${spec.title}`, series });
    }
  }
  const scoreText = clean ? "scored against the noise-free trajectory" : "scored against the noisy data";
  const fig = panelsFigure(panels, {
    columns: specs.length,
    // Log x spaces the paper's points (5/10/20/50 %, 8/16/32 units) evenly enough to read.
    logX: true,
    logY: true,
    yTitle: "MSE",
    title: options.title ?? `Fig. 3 sweeps (LV black-box): ours solid, ${scoreText}; poster dotted`,
    height: options.height ?? 820,
  });
  const data = fig.data as unknown as Record<string, unknown>[];
  data.forEach((trace, i) => {
    const e = errors[i];
    if (e) trace.error_y = { type: "data", array: e, visible: true, thickness: 1.2, width: 4 };
    if (String(trace.name).includes("poster")) trace.marker = { ...(trace.marker as object), symbol: "circle-open", size: 8 };
  });
  const layout = fig.layout as Record<string, unknown>;
  specs.forEach((spec, j) => {
    for (let r = 0; r < rows.length; r++) {
      const idx = r * specs.length + j + 1;
      const axis = layout[idx === 1 ? "xaxis" : `xaxis${idx}`] as Record<string, unknown> | undefined;
      if (!axis) continue;
      const ticks = [...new Set([...spec.x, ...cells.filter((c) => c.sweep === spec.name).map((c) => c.x)])].sort((a, b) => a - b);
      Object.assign(axis, { tickmode: "array", tickvals: ticks, ticktext: ticks.map(String), dtick: undefined });
      if (r === rows.length - 1) axis.title = { text: spec.xTitle };
    }
  });
  // Room for the bottom row's axis titles above the two-row legend.
  layout.margin = { ...(layout.margin as object), b: 170 };
  return fig;
}
