/**
 * Natural cubic smoothing spline (Reinsch's algorithm, Green & Silverman 1994, §2.3), one per
 * state component, on non-uniform knots. α = 0 interpolates; α > 0 minimises
 * Σ (Y_i − g(t_i))² + α ∫ g''(t)² dt. Outside the knots the first and last cubic pieces are
 * extended, as the paper's code does (dopri5 stage times can pass the last data time).
 */

export class SmoothingSpline {
  readonly knots: Float64Array;
  readonly dim: number;
  readonly alpha: number;
  /** Fitted values at the knots, (N × dim) row-major. */
  readonly fitted: Float64Array;
  /** Second derivatives at the knots, (N × dim); zero at both ends (natural). */
  readonly gamma: Float64Array;
  private readonly h: Float64Array;
  private hint = 0;

  /**
   * @param t knot times, strictly increasing, at least 2
   * @param values data at the knots, (N × dim) row-major
   * @param dim number of components
   * @param alpha smoothing weight α ≥ 0
   */
  constructor(t: ArrayLike<number>, values: ArrayLike<number>, dim: number, alpha = 0) {
    const N = t.length;
    if (N < 2) throw new RangeError(`smoothing spline: needs at least 2 knots, got ${N}`);
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`smoothing spline: dim must be a positive integer, got ${dim}`);
    if (values.length !== N * dim) {
      throw new RangeError(`smoothing spline: values must have length ${N} × ${dim} = ${N * dim}, got ${values.length}`);
    }
    if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new RangeError(`smoothing spline: alpha must be a finite number ≥ 0, got ${alpha}`);
    this.knots = Float64Array.from(t);
    this.dim = dim;
    this.alpha = alpha;
    const h = new Float64Array(N - 1);
    for (let i = 0; i + 1 < N; i++) {
      h[i] = this.knots[i + 1] - this.knots[i];
      if (!(h[i] > 0)) throw new RangeError(`smoothing spline: knot times must be strictly increasing, but t[${i + 1}] = ${this.knots[i + 1]} ≤ t[${i}] = ${this.knots[i]}`);
    }
    this.h = h;
    this.fitted = Float64Array.from(values);
    this.gamma = new Float64Array(N * dim);
    if (N >= 3) this.fit(values);
  }

  private fit(values: ArrayLike<number>): void {
    const { h, alpha, dim } = this;
    const N = this.knots.length;
    const M = N - 2;
    // Q's three non-zeros in column j (rows j, j+1, j+2).
    const q0 = new Float64Array(M);
    const q1 = new Float64Array(M);
    const q2 = new Float64Array(M);
    for (let j = 0; j < M; j++) {
      q0[j] = 1 / h[j];
      q1[j] = -1 / h[j] - 1 / h[j + 1];
      q2[j] = 1 / h[j + 1];
    }
    // Symmetric pentadiagonal A = R + α QᵀQ: diagonal d0, first and second super-diagonals d1, d2.
    const d0 = new Float64Array(M);
    const d1 = new Float64Array(M);
    const d2 = new Float64Array(M);
    for (let j = 0; j < M; j++) {
      d0[j] = (h[j] + h[j + 1]) / 3 + alpha * (q0[j] * q0[j] + q1[j] * q1[j] + q2[j] * q2[j]);
      if (j + 1 < M) d1[j] = h[j + 1] / 6 + alpha * (q1[j] * q0[j + 1] + q2[j] * q1[j + 1]);
      if (j + 2 < M) d2[j] = alpha * q2[j] * q0[j + 2];
    }
    // LDLᵀ with L unit lower-triangular of bandwidth 2.
    const D = new Float64Array(M);
    const L1 = new Float64Array(M); // L[j+1][j]
    const L2 = new Float64Array(M); // L[j+2][j]
    for (let j = 0; j < M; j++) {
      let dj = d0[j];
      if (j >= 1) dj -= L1[j - 1] * L1[j - 1] * D[j - 1];
      if (j >= 2) dj -= L2[j - 2] * L2[j - 2] * D[j - 2];
      D[j] = dj;
      if (j + 1 < M) {
        let a = d1[j];
        if (j >= 1) a -= L2[j - 1] * L1[j - 1] * D[j - 1];
        L1[j] = a / dj;
      }
      if (j + 2 < M) L2[j] = d2[j] / dj;
    }
    const rhs = new Float64Array(M);
    for (let c = 0; c < dim; c++) {
      const y = (i: number) => values[i * dim + c];
      for (let j = 0; j < M; j++) rhs[j] = (y(j + 2) - y(j + 1)) / h[j + 1] - (y(j + 1) - y(j)) / h[j];
      // Forward (L z = rhs), scale (D), backward (Lᵀ γ = w).
      for (let j = 0; j < M; j++) {
        if (j >= 1) rhs[j] -= L1[j - 1] * rhs[j - 1];
        if (j >= 2) rhs[j] -= L2[j - 2] * rhs[j - 2];
      }
      for (let j = 0; j < M; j++) rhs[j] /= D[j];
      for (let j = M - 1; j >= 0; j--) {
        if (j + 1 < M) rhs[j] -= L1[j] * rhs[j + 1];
        if (j + 2 < M) rhs[j] -= L2[j] * rhs[j + 2];
      }
      for (let j = 0; j < M; j++) this.gamma[(j + 1) * dim + c] = rhs[j];
      // g = Y − α Q γ.
      if (alpha > 0) {
        for (let i = 0; i < N; i++) {
          let qg = 0;
          if (i < M) qg += q0[i] * rhs[i];
          if (i - 1 >= 0 && i - 1 < M) qg += q1[i - 1] * rhs[i - 1];
          if (i - 2 >= 0 && i - 2 < M) qg += q2[i - 2] * rhs[i - 2];
          this.fitted[i * dim + c] = y(i) - alpha * qg;
        }
      }
    }
  }

  /** Index i of the piece [t_i, t_{i+1}] used at t (clamped to the end pieces outside the knots). */
  private piece(t: number): number {
    const k = this.knots;
    const last = k.length - 2;
    let i = this.hint;
    if (i > last) i = last;
    if (t >= k[i] && t <= k[i + 1]) return i;
    if (t < k[0]) return (this.hint = 0);
    if (t >= k[last]) return (this.hint = last);
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (k[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return (this.hint = lo);
  }

  /** out[c] ← g_c(t) for every component. */
  evaluate(t: number, out: Float64Array): void {
    const i = this.piece(t);
    const { dim, fitted: g, gamma } = this;
    const hi = this.h[i];
    const a = t - this.knots[i];
    const b = this.knots[i + 1] - t;
    const ab6 = (a * b) / 6;
    const wa = 1 + a / hi;
    const wb = 1 + b / hi;
    const i0 = i * dim;
    const i1 = i0 + dim;
    for (let c = 0; c < dim; c++) {
      out[c] = (a * g[i1 + c] + b * g[i0 + c]) / hi - ab6 * (wa * gamma[i1 + c] + wb * gamma[i0 + c]);
    }
  }

  /** out[c] ← g_c'(t). */
  derivative(t: number, out: Float64Array): void {
    const i = this.piece(t);
    const { dim, fitted: g, gamma } = this;
    const hi = this.h[i];
    const a = t - this.knots[i];
    const b = this.knots[i + 1] - t;
    const i0 = i * dim;
    const i1 = i0 + dim;
    for (let c = 0; c < dim; c++) {
      const g0 = gamma[i0 + c];
      const g1 = gamma[i1 + c];
      out[c] = (g[i1 + c] - g[i0 + c]) / hi - ((b - a) * ((1 + a / hi) * g1 + (1 + b / hi) * g0) + (a * b * (g1 - g0)) / hi) / 6;
    }
  }

  /** out[c] ← g_c''(t) (piecewise linear between the knots' γ). */
  secondDerivative(t: number, out: Float64Array): void {
    const i = this.piece(t);
    const { dim, gamma } = this;
    const hi = this.h[i];
    const a = t - this.knots[i];
    const b = this.knots[i + 1] - t;
    for (let c = 0; c < dim; c++) out[c] = (a * gamma[(i + 1) * dim + c] + b * gamma[i * dim + c]) / hi;
  }

  /** Values of every component at many times, (times × dim) row-major. */
  evaluateMany(ts: ArrayLike<number>): Float64Array {
    const out = new Float64Array(ts.length * this.dim);
    const tmp = new Float64Array(this.dim);
    for (let n = 0; n < ts.length; n++) {
      this.evaluate(ts[n], tmp);
      out.set(tmp, n * this.dim);
    }
    return out;
  }
}
