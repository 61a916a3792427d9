/**
 * The Lanczos process with full reorthogonalisation, and the Ritz pairs of its tridiagonal matrix.
 *
 * Every new Lanczos vector is orthogonalised against all previous ones twice (classical
 * Gram–Schmidt, "twice is enough"), so no spurious copies of converged Ritz values appear and the
 * basis stays orthonormal to rounding; at the sizes of this project (n ≤ a few thousand
 * parameters, ≤ a few hundred steps) that costs far less than the Hessian-vector products.
 */
import { LinearOperator } from "./hvp";
import { tridiagonalEigen } from "./tridiagonal";

export interface LanczosOptions {
  /** Number of steps (matrix-vector products); capped at n. */
  iters: number;
  /** Stop (breakdown: an invariant subspace was found) when β ≤ tol·‖T‖ (default 1e-10). */
  tol?: number;
}

export interface LanczosResult {
  /** Diagonal of T (one entry per step). */
  alpha: Float64Array;
  /** Off-diagonal of T (steps − 1 entries). */
  beta: Float64Array;
  /** ‖r‖ after the last step: the coupling to the next (unbuilt) Lanczos vector. */
  residualNorm: number;
  /** Orthonormal Lanczos vectors q_0 … q_{steps−1}. */
  basis: Float64Array[];
  steps: number;
  /** True when the process stopped early because the Krylov space became invariant. */
  breakdown: boolean;
}

export interface RitzPairs {
  /** Ritz values (eigenvalues of T), ascending. */
  values: Float64Array;
  /** SLQ weights τ_k = (e₁ᵀ y_k)²: squared first components of T's eigenvectors (they sum to 1). */
  weights: Float64Array;
  /** Residual norms ‖A x_k − θ_k x_k‖ = ‖r‖·|e_mᵀ y_k| (small = converged). */
  residuals: Float64Array;
  /** T's eigenvectors as columns, (m × m) row-major. */
  tridiagonalVectors: Float64Array;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Run Lanczos on a symmetric operator from `start` (any non-zero vector; it is normalised). */
export function lanczos(op: LinearOperator, start: Float64Array, options: LanczosOptions): LanczosResult {
  const n = op.n;
  if (start.length !== n) throw new RangeError(`lanczos: the start vector must have length ${n}, got ${start.length}`);
  if (!Number.isInteger(options.iters) || options.iters < 1) throw new RangeError(`lanczos: iters must be a whole number ≥ 1, got ${options.iters}`);
  const tol = options.tol ?? 1e-10;
  const m = Math.min(options.iters, n);
  const s0 = Math.sqrt(dot(start, start));
  if (!(s0 > 0) || !Number.isFinite(s0)) throw new RangeError("lanczos: the start vector must be finite and non-zero");
  const basis: Float64Array[] = [start.map((x) => x / s0)];
  const alpha: number[] = [];
  const beta: number[] = [];
  let residualNorm = 0;
  let breakdown = false;
  let normT = 0;
  for (let j = 0; j < m; j++) {
    const q = basis[j];
    const w = op.apply(q);
    if (w.length !== n) throw new RangeError(`lanczos: the operator returned ${w.length} values, expected ${n}`);
    const a = dot(q, w);
    if (!Number.isFinite(a)) throw new RangeError(`lanczos: the operator produced a non-finite value at step ${j}`);
    alpha.push(a);
    const bPrev = j > 0 ? beta[j - 1] : 0;
    const qPrev = j > 0 ? basis[j - 1] : null;
    for (let i = 0; i < n; i++) w[i] -= a * q[i] + (qPrev ? bPrev * qPrev[i] : 0);
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        const c = dot(b, w);
        for (let i = 0; i < n; i++) w[i] -= c * b[i];
      }
    }
    const bj = Math.sqrt(dot(w, w));
    normT = Math.max(normT, Math.abs(a) + bj + bPrev);
    residualNorm = bj;
    if (j === m - 1) break;
    if (bj <= tol * normT) {
      breakdown = true;
      break;
    }
    beta.push(bj);
    basis.push(w.map((x) => x / bj));
  }
  return { alpha: Float64Array.from(alpha), beta: Float64Array.from(beta), residualNorm, basis, steps: alpha.length, breakdown };
}

/** Ritz values, SLQ weights and residual norms of a Lanczos run. */
export function ritzPairs(run: LanczosResult): RitzPairs {
  const m = run.steps;
  const eig = tridiagonalEigen(run.alpha, run.beta);
  const weights = new Float64Array(m);
  const residuals = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    weights[k] = eig.vectors[k] ** 2; // row 0, column k
    residuals[k] = run.residualNorm * Math.abs(eig.vectors[(m - 1) * m + k]);
  }
  return { values: eig.values, weights, residuals, tridiagonalVectors: eig.vectors };
}

/** The Ritz vector x_k = Σ_j y_k[j] q_j (unit length) for the k-th Ritz value (ascending order). */
export function ritzVector(run: LanczosResult, ritz: RitzPairs, k: number): Float64Array {
  const m = run.steps;
  if (!Number.isInteger(k) || k < 0 || k >= m) throw new RangeError(`ritzVector: k must be in 0..${m - 1}, got ${k}`);
  const n = run.basis[0].length;
  const x = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    const c = ritz.tridiagonalVectors[j * m + k];
    const q = run.basis[j];
    for (let i = 0; i < n; i++) x[i] += c * q[i];
  }
  const nx = Math.sqrt(dot(x, x));
  for (let i = 0; i < n; i++) x[i] /= nx;
  return x;
}
