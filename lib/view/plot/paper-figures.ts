/**
 * Figures of the paper's analyses: smoothing splines (Figs. 18, 20), synchronisation of the
 * coupled system (Theorem 1, Figs. 10–11: Lyapunov exponents, error decay) and 1-D MSE
 * landscapes. Built from the generic line panels.
 */
import type { Figure } from "./figure";
import { stateLabel } from "./figure";
import { column, seriesColor, toArray } from "./layout";
import { LineSeries, Panel, lineFigure, panelsFigure } from "./panels";
import type { SplineFit } from "../../paper/index";

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

/** A panel from a fitted spline (see fitTrainingSpline in lib/paper/analysis/spline-fit), with the truth if given. */
export function splinePanel(title: string, fit: Pick<SplineFit, "data" | "fit">, truth?: { t: ArrayLike<number>; u: ArrayLike<number> }): SplinePanel {
  return { title, data: fit.data, fit: fit.fit, truth };
}

/** One panel per setting (α, noise level, sampling): data markers, the spline, and the truth. */
export function splinePanelsFigure(panels: SplinePanel[], options: { dim: number; stateNames: readonly string[]; columns?: number; title?: string; subtitle?: string; height?: number }): Figure {
  const { dim } = options;
  const lines: Panel[] = panels.map((p) => {
    const series: LineSeries[] = [];
    for (let c = 0; c < dim; c++) {
      const color = seriesColor(c);
      const sn = stateLabel(options.stateNames[c] ?? `u${c}`);
      if (p.truth) series.push({ name: `${sn} truth`, x: p.truth.t, y: column(p.truth.u, dim, c), color: "#999", dash: "dot", width: 1.5 });
      series.push({ name: `${sn} data`, x: p.data.t, y: column(p.data.u, dim, c), color, mode: "markers" });
      series.push({ name: `${sn} spline`, x: p.fit.t, y: column(p.fit.u, dim, c), color, width: 2 });
    }
    return { title: p.title, series };
  });
  return panelsFigure(lines, { columns: options.columns, title: options.title, subtitle: options.subtitle, xTitle: "t", yTitle: "state", height: options.height, shareY: true });
}

// ------------------------------------------------------------------ synchronisation (Theorem 1, Figs. 10–11)

/** Largest Lyapunov exponent of the error against k; below zero the response synchronises. */
export function lyapunovFigure(
  curves: { name: string; k: ArrayLike<number>; exponent: ArrayLike<number>; color?: string }[],
  options: { title?: string; subtitle?: string; threshold?: { k: number; label: string }; yRange?: [number, number]; height?: number } = {},
): Figure {
  const series: LineSeries[] = curves.map((c, i) => ({ name: c.name, x: c.k, y: c.exponent, color: c.color ?? seriesColor(i), mode: "lines+markers" }));
  const fig = lineFigure(series, {
    title: options.title,
    subtitle: options.subtitle,
    xTitle: "coupling strength k",
    yTitle: "largest Lyapunov exponent Λ of ξ",
    hLines: [{ y: 0, label: "Λ = 0: synchronisation threshold" }],
    vLines: options.threshold ? [{ x: options.threshold.k, label: options.threshold.label }] : [],
    height: options.height,
  });
  // Shade Λ < 0, where the error decays.
  const layout = fig.layout as Record<string, unknown>;
  (layout.shapes as Record<string, unknown>[]).unshift({ type: "rect", xref: "x domain", x0: 0, x1: 1, yref: "y", y0: -1e3, y1: 0, fillcolor: "rgba(44,160,44,0.07)", line: { width: 0 }, layer: "below" });
  const ys = curves.flatMap((c) => toArray(c.exponent)).filter(Number.isFinite);
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
  options: { title?: string; subtitle?: string; height?: number } = {},
): Figure {
  return panelsFigure(
    panels.map((p) => ({
      title: p.title,
      series: p.curves.map((c, i) => ({ name: c.name, x: p.t, y: toArray(c.error).map((v) => (v > 0 ? v : NaN)), color: seriesColor(i) })),
    })),
    { title: options.title, subtitle: options.subtitle, xTitle: "t", yTitle: "|u(t) − û(t)|", logY: true, height: options.height },
  );
}

/** 1-D MSE landscapes over a parameter factor: one panel per coupling k, one curve per data length. */
export function landscapeFigure(
  panels: { title: string; factors: ArrayLike<number>; curves: { name: string; mse: ArrayLike<number> }[] }[],
  options: { title?: string; subtitle?: string; xTitle?: string; logY?: boolean; height?: number } = {},
): Figure {
  return panelsFigure(
    panels.map((p) => ({
      title: p.title,
      series: p.curves.map((c, i) => ({ name: c.name, x: p.factors, y: c.mse, color: seriesColor(i) })),
      vLines: [{ x: 1 }],
    })),
    { title: options.title, subtitle: options.subtitle, xTitle: options.xTitle ?? "parameter factor", yTitle: "MSE", logY: options.logY ?? true, height: options.height },
  );
}
