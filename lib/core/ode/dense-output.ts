/**
 * Dense output of an adaptive solve: outputs inside the last accepted step by the tableau's
 * interpolant, y(t0 + x·dt) = y0 + dt Σ_i W_i(x) k_i.
 */
import { ButcherTableau } from "./butcher";
import { polyval } from "./poly";

/** w_i ← scale · W_i(x), the interpolant's stage weights at x. */
export function denseWeights(tableau: ButcherTableau, x: number, scale: number, w: Float64Array): void {
  const dense = tableau.dense as readonly (readonly number[])[];
  for (let i = 0; i < w.length; i++) w[i] = scale * polyval(dense[i], x);
}

/** The last accepted step (start, size, start state and slopes), kept to interpolate inside it. */
export class DenseOutput {
  private readonly tableau: ButcherTableau;
  private readonly dim: number;
  private t0: number;
  private dt = 0;
  private readonly y0: Float64Array;
  private readonly k: Float64Array;
  private readonly w: Float64Array;

  /** Before the first step, an empty step at t0. */
  constructor(tableau: ButcherTableau, dim: number, t0: number) {
    this.tableau = tableau;
    this.dim = dim;
    this.t0 = t0;
    this.y0 = new Float64Array(dim);
    this.k = new Float64Array(tableau.stages * dim);
    this.w = new Float64Array(tableau.stages);
  }

  /** End of the kept step. */
  get t1(): number {
    return this.t0 + this.dt;
  }

  /** Keep the step of size dt from (t0, y0) with slopes k (stages × dim). */
  keep(t0: number, dt: number, y0: Float64Array, k: Float64Array): void {
    this.t0 = t0;
    this.dt = dt;
    this.y0.set(y0);
    this.k.set(k);
  }

  /** out[at + d] ← y(t) inside the kept step; returns its position x = (t − t0)/dt. */
  evaluate(t: number, out: Float64Array, at: number): number {
    const { dim, k, w, y0, dt } = this;
    const x = (t - this.t0) / dt;
    denseWeights(this.tableau, x, 1, w);
    const S = w.length;
    for (let d = 0; d < dim; d++) {
      let acc = 0;
      for (let i = 0; i < S; i++) acc += w[i] * k[i * dim + d];
      out[at + d] = y0[d] + dt * acc;
    }
    return x;
  }
}
