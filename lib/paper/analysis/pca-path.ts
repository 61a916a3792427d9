/**
 * Figure 1: the optimisation path projected on its two principal directions, and the loss surface
 * on that plane (Li et al. 2018), as the paper's `PCALandscapeAnalyzer`:
 * - PCA (2 components, centred as sklearn does) fitted on params[:best] − params[best];
 * - the path params[0..best] projected and centred on the best epoch;
 * - the surface is L(θ_best + x·c₁ + y·c₂) over a grid covering the path.
 */
import { Rng, LinearOperator, lanczos, selectEigenpairs } from "../../core/index";
import { LandscapeGrid, LandscapeOptions, linspace, lossLandscape } from "./landscape";

/** An optimisation path projected on its two principal directions, centred at the best epoch. */
export interface PcaPath {
  /** Unit principal directions c₁, c₂ (largest entry in magnitude made positive, for a stable orientation). */
  directions: [Float64Array, Float64Array];
  /** Variances along c₁, c₂ (sklearn's explained_variance_). */
  explainedVariance: [number, number];
  /** Fractions of the total variance (sklearn's explained_variance_ratio_). */
  explainedVarianceRatio: [number, number];
  /** θ at the best epoch: the origin of the plane. */
  center: Float64Array;
  bestEpoch: number;
  /** Projected path for epochs 0..best; (0, 0) is the best epoch. */
  x: Float64Array;
  y: Float64Array;
}

/** Keeps a copy of θ at every epoch (the `inspect` hook of train/runExperiment: θ before the step). */
export class ParameterRecorder {
  readonly params: Float64Array[] = [];
  /** Pass as `inspect`. */
  readonly inspect = (epoch: number, theta: Float64Array): void => {
    if (epoch !== this.params.length) throw new RangeError(`parameter recorder: expected epoch ${this.params.length}, got ${epoch} (use one recorder per run)`);
    this.params.push(Float64Array.from(theta));
  };
}

/**
 * PCA of the path up to the best epoch.
 * @param params θ per epoch (params[e] = θ before epoch e's step, so params[best] is the best θ)
 * @param bestEpoch index of the best parameters; needs ≥ 2 earlier epochs
 */
export function pcaPath(params: readonly Float64Array[], bestEpoch: number): PcaPath {
  if (!Number.isInteger(bestEpoch) || bestEpoch < 2 || bestEpoch >= params.length) {
    throw new RangeError(`PCA path: bestEpoch must be a whole number in 2..${params.length - 1} (PCA needs at least two earlier epochs), got ${bestEpoch}`);
  }
  const n = params[bestEpoch].length;
  const best = params[bestEpoch];
  const m = bestEpoch;
  // Rows: params[e] − best for e < best, centred by their mean (sklearn's PCA centres).
  const rows: Float64Array[] = [];
  const mean = new Float64Array(n);
  for (let e = 0; e < m; e++) {
    if (params[e].length !== n) throw new RangeError(`PCA path: params[${e}] has length ${params[e].length}, expected ${n}`);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      r[i] = params[e][i] - best[i];
      mean[i] += r[i] / m;
    }
    rows.push(r);
  }
  let total = 0;
  for (const r of rows) {
    for (let i = 0; i < n; i++) {
      r[i] -= mean[i];
      total += r[i] * r[i];
    }
  }
  total /= m - 1;
  // The covariance XᵀX/(m−1) as an operator; Lanczos to full rank gives its top pairs exactly.
  const cov: LinearOperator = {
    n,
    apply(v: Float64Array): Float64Array {
      const out = new Float64Array(n);
      for (const r of rows) {
        let s = 0;
        for (let i = 0; i < n; i++) s += r[i] * v[i];
        for (let i = 0; i < n; i++) out[i] += (s * r[i]) / (m - 1);
      }
      return out;
    },
  };
  const start = new Float64Array(n);
  const rng = new Rng(0);
  for (let i = 0; i < n; i++) start[i] = rng.normal();
  const run = lanczos(cov, start, { iters: Math.min(n, m) + 1 });
  const pairs = selectEigenpairs(run, 2, "largest");
  if (pairs.values.length < 2) throw new RangeError("PCA path: the path up to the best epoch spans fewer than two directions");
  const dirs = pairs.vectors.map((c) => {
    let k = 0;
    for (let i = 1; i < n; i++) if (Math.abs(c[i]) > Math.abs(c[k])) k = i;
    return c[k] < 0 ? c.map((x) => -x) : c;
  }) as [Float64Array, Float64Array];
  const x = new Float64Array(m + 1);
  const y = new Float64Array(m + 1);
  for (let e = 0; e <= m; e++) {
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const d = params[e][i] - best[i];
      sx += d * dirs[0][i];
      sy += d * dirs[1][i];
    }
    x[e] = sx;
    y[e] = sy;
  }
  const ev: [number, number] = [Math.max(0, pairs.values[0]), Math.max(0, pairs.values[1])];
  return {
    directions: dirs,
    explainedVariance: ev,
    explainedVarianceRatio: [total > 0 ? ev[0] / total : 0, total > 0 ? ev[1] / total : 0],
    center: Float64Array.from(best),
    bestEpoch,
    x,
    y,
  };
}

export interface PathSurfaceOptions extends Omit<LandscapeOptions, "a" | "b" | "range"> {
  /** Extra room beyond the path's extent on each side, as a fraction of that extent (default 0.2). */
  margin?: number;
}

/** The loss on the PCA plane over a grid that covers the projected path (Figure 1's surface). */
export function pathSurface(lossAt: (theta: Float64Array) => number, path: PcaPath, options: PathSurfaceOptions = {}): LandscapeGrid {
  const points = options.points ?? 30;
  const margin = options.margin ?? 0.2;
  const span = (v: Float64Array): [number, number] => {
    let lo = Math.min(0, ...Array.from(v));
    let hi = Math.max(0, ...Array.from(v));
    const pad = Math.max(hi - lo, 1e-3) * margin;
    lo -= pad;
    hi += pad;
    return [lo, hi];
  };
  const [xa, xb] = span(path.x);
  const [ya, yb] = span(path.y);
  return lossLandscape(lossAt, path.center, path.directions[0], path.directions[1], {
    ...options,
    a: linspace(xa, xb, points),
    b: linspace(ya, yb, points),
  });
}
