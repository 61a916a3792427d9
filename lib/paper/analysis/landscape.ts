/**
 * 2-D loss landscapes: the loss on the plane θ + a·d₁ + b·d₂ over a grid of (a, b), as the
 * paper's `make_2d_landscape` (Figure 2: d₁, d₂ = top-2 Hessian eigenvectors, unit length, no
 * filter normalisation; a, b = linspace(−0.2, 0.2, 30); loss clipped at 4000 for display).
 */

export interface LandscapeGrid {
  /** Offsets along d₁. */
  a: Float64Array;
  /** Offsets along d₂. */
  b: Float64Array;
  /** Raw loss, (a.length × b.length) row-major: loss[i·nb + j] = L(θ + a_i d₁ + b_j d₂); +Infinity where the solve failed. */
  loss: Float64Array;
  /** min(loss, clip): what figures show. */
  clipped: Float64Array;
  clip: number;
  /** Grid points whose solve failed or gave a non-finite loss. */
  failures: number;
  /** Loss at the centre (a = b = 0). */
  center: number;
}

/** numpy's linspace(lo, hi, n) (both ends included). */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`linspace: n must be a whole number ≥ 1, got ${n}`);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`linspace: ends must be finite, got ${lo} and ${hi}`);
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = lo;
    return out;
  }
  const step = (hi - lo) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = lo + i * step;
  out[n - 1] = hi;
  return out;
}

/** min(v, clip) elementwise; non-finite values become clip. */
export function clipLosses(values: ArrayLike<number>, clip: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = Number.isFinite(values[i]) ? Math.min(values[i], clip) : clip;
  return out;
}

export interface LandscapeOptions {
  /** Offsets along d₁ (default linspace(−range, range, points)). */
  a?: Float64Array;
  /** Offsets along d₂ (default the same as a). */
  b?: Float64Array;
  /** Half-width of the default grid (default 0.2). */
  range?: number;
  /** Points per axis of the default grid (default 30). */
  points?: number;
  /** Display clip (default 4000, the paper's). */
  clip?: number;
  /** Called after each row of the grid (progress). */
  onRow?: (done: number, total: number) => void;
}

/**
 * Evaluate `lossAt` on the plane through `center` spanned by d1 and d2. `lossAt` should not
 * throw on a failed solve but return +Infinity (TrainingLoss.adaptiveValue does).
 */
export function lossLandscape(
  lossAt: (theta: Float64Array) => number,
  center: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  options: LandscapeOptions = {},
): LandscapeGrid {
  const n = center.length;
  if (d1.length !== n || d2.length !== n) throw new RangeError(`landscape: directions must have length ${n} (as θ), got ${d1.length} and ${d2.length}`);
  const { a, b, clip } = landscapeAxes(options);
  const loss = new Float64Array(a.length * b.length);
  for (let i = 0; i < a.length; i++) {
    loss.set(landscapeRow(lossAt, center, d1, d2, a[i], b), i * b.length);
    options.onRow?.(i + 1, a.length);
  }
  return landscapeGrid(a, b, loss, clip, lossAt(center));
}

/**
 * One row of a landscape: L(θ + a·d₁ + b_j d₂) for every b_j, +Infinity where the loss is not
 * finite. Rows are independent, so they can run on different threads (landscape-pool.ts) with the
 * same numbers as here.
 */
export function landscapeRow(lossAt: (theta: Float64Array) => number, center: ArrayLike<number>, d1: ArrayLike<number>, d2: ArrayLike<number>, a: number, b: ArrayLike<number>): Float64Array {
  const n = center.length;
  const row = new Float64Array(b.length);
  const theta = new Float64Array(n);
  for (let j = 0; j < b.length; j++) {
    for (let p = 0; p < n; p++) theta[p] = center[p] + a * d1[p] + b[j] * d2[p];
    const v = lossAt(theta);
    row[j] = Number.isFinite(v) ? v : Infinity;
  }
  return row;
}

/** The grid record of computed losses (failures are the +Infinity entries). */
export function landscapeGrid(a: Float64Array, b: Float64Array, loss: Float64Array, clip: number, center: number): LandscapeGrid {
  let failures = 0;
  for (let q = 0; q < loss.length; q++) if (loss[q] === Infinity) failures++;
  return { a, b, loss, clipped: clipLosses(loss, clip), clip, failures, center };
}

/** The grid axes and clip of landscape options, checked (the defaults of lossLandscape). */
export function landscapeAxes(options: LandscapeOptions): { a: Float64Array; b: Float64Array; clip: number } {
  const range = options.range ?? 0.2;
  const points = options.points ?? 30;
  if (!(range > 0)) throw new RangeError(`landscape range: expected a number > 0, got ${range}`);
  const a = options.a ?? linspace(-range, range, points);
  const b = options.b ?? a;
  const clip = options.clip ?? 4000;
  if (!(clip > 0)) throw new RangeError(`landscape clip: expected a number > 0, got ${clip}`);
  return { a, b, clip };
}
