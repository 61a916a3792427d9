/**
 * Small helpers for assignment notebooks: a right-hand side written as a plain function
 * (t, u) → du/dt becomes a VectorField the library's solvers accept, and the distance between two
 * trajectories over time. They let students write equations as functions without learning the
 * VectorField interface first.
 */
import { VectorField, solve } from "../../core/index";

/** du/dt as a plain function; it must return a new array of length dim (it may not modify u). */
export type RhsFunction = (t: number, u: Float64Array) => ArrayLike<number>;

/** A VectorField wrapping an RhsFunction (no trainable parameters, no gradients). */
export class FunctionField implements VectorField {
  readonly nParams = 0;
  constructor(
    readonly dim: number,
    readonly rhs: RhsFunction,
  ) {
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`FunctionField dim: expected a whole number ≥ 1, got ${dim}`);
    if (typeof rhs !== "function") throw new TypeError(`FunctionField rhs: expected a function (t, u) => du/dt, got ${typeof rhs}`);
  }
  eval(t: number, u: Float64Array, _theta: Float64Array, out: Float64Array): void {
    // A copy, so a right-hand side that writes into its argument cannot corrupt the solver's state.
    const v = this.rhs(t, Float64Array.from(u));
    if (!v || v.length !== this.dim) {
      throw new RangeError(`right-hand side: expected ${this.dim} values at t = ${t}, got ${v ? `${v.length} values` : String(v)}`);
    }
    for (let i = 0; i < this.dim; i++) out[i] = v[i];
  }
  vjp(): void {
    throw new Error("FunctionField: gradients are not available for a plain right-hand side function");
  }
}

/**
 * Solve du/dt = rhs(t, u) from u0 with dopri5 at the paper's tolerances (1e-7 / 1e-9).
 * Returns the states at the times t, (t.length × dim) row-major.
 */
export function solveRhs(rhs: RhsFunction, u0: ArrayLike<number>, t: ArrayLike<number>, options: { rtol?: number; atol?: number } = {}): Float64Array {
  const field = new FunctionField(u0.length, rhs);
  return solve(field, Float64Array.from(u0), Float64Array.from(t), new Float64Array(0), {
    method: "dopri5",
    rtol: options.rtol ?? 1e-7,
    atol: options.atol ?? 1e-9,
    record: false,
  }).us;
}

/** |a(t_i) − b(t_i)|₂ at every time, for two (n × dim) row-major trajectories. */
export function distanceOverTime(a: ArrayLike<number>, b: ArrayLike<number>, dim: number): Float64Array {
  if (a.length !== b.length || a.length % dim !== 0) {
    throw new RangeError(`distanceOverTime: expected two (n × ${dim}) trajectories of equal length, got ${a.length} and ${b.length} values`);
  }
  const out = new Float64Array(a.length / dim);
  for (let s = 0; s < out.length; s++) {
    let e = 0;
    for (let i = 0; i < dim; i++) e += (a[s * dim + i] - b[s * dim + i]) ** 2;
    out[s] = Math.sqrt(e);
  }
  return out;
}
