/**
 * The smoothing spline through a dataset's training window (App. C, Figs. 18 and 20): how the
 * smoothing weight α, the noise level and the sampling change the curve the homotopy couples to.
 * Returns numbers only; the figure that shows them lives in lib/view.
 */
import { SmoothingSpline } from "../../core/index";
import { Dataset, arange } from "../systems/dataset";

export interface SplineFit {
  alpha: number;
  /** The (noisy) samples the spline was fitted to, (n × dim) row-major. */
  data: { t: Float64Array; u: Float64Array };
  /** The spline evaluated on a fine grid, (m × dim) row-major. */
  fit: { t: Float64Array; u: Float64Array };
}

/** The smoothing spline with weight α through the training window, on a grid of spacing fineDt (default 0.01). */
export function fitTrainingSpline(ds: Dataset, alpha: number, options: { fineDt?: number } = {}): SplineFit {
  const t = Float64Array.from(ds.train.t);
  const u = Float64Array.from(ds.train.u);
  const spline = new SmoothingSpline(t, u, ds.dim, alpha);
  // The small overshoot keeps the last sample time in the grid despite rounding in arange.
  const fine = arange(t[0], t[t.length - 1] + 1e-9, options.fineDt ?? 0.01);
  return { alpha, data: { t, u }, fit: { t: fine, u: spline.evaluateMany(fine) } };
}
