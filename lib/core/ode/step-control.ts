/**
 * Step-size control as torchdiffeq's adaptive Runge–Kutta solvers do it: automatic first step, RMS
 * error norm with mixed tolerances, and the safety/ifactor/dfactor update with exponent 1/order.
 */
import { pow } from "../libm";
import { VectorField } from "./types";

export interface StepControlOptions {
  readonly rtol: number;
  readonly atol: number;
  readonly safety: number;
  readonly ifactor: number;
  readonly dfactor: number;
  /** Order of the propagated solution: the exponent of both the update and the first step is 1/order (torchdiffeq). */
  readonly order: number;
  /** Weights e_i of the error estimate dt Σ e_i k_i (b − b̂). */
  readonly errorWeights: readonly number[];
  readonly dim: number;
}

export function rmsNorm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s / v.length);
}

export class StepController {
  private readonly o: StepControlOptions;
  private readonly err: Float64Array;

  constructor(options: StepControlOptions) {
    this.o = options;
    this.err = new Float64Array(options.dim);
  }

  /** torchdiffeq's `_select_initial_step` (Hairer, Nørsett & Wanner, II.4), passed order − 1 as torchdiffeq does; one evaluation. */
  initialStep(field: VectorField, theta: Float64Array, t0: number, y0: Float64Array, f0: Float64Array): number {
    const { rtol, atol } = this.o;
    const order = this.o.order - 1;
    const dim = y0.length;
    const scaled = new Float64Array(dim);
    const scale = new Float64Array(dim);
    for (let d = 0; d < dim; d++) scale[d] = atol + Math.abs(y0[d]) * rtol;
    for (let d = 0; d < dim; d++) scaled[d] = y0[d] / scale[d];
    const d0 = rmsNorm(scaled);
    for (let d = 0; d < dim; d++) scaled[d] = f0[d] / scale[d];
    const d1 = rmsNorm(scaled);
    const h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    const y1 = new Float64Array(dim);
    for (let d = 0; d < dim; d++) y1[d] = y0[d] + h0 * f0[d];
    const f1 = new Float64Array(dim);
    field.eval(t0 + h0, y1, theta, f1);
    for (let d = 0; d < dim; d++) scaled[d] = (f1[d] - f0[d]) / scale[d];
    const d2 = rmsNorm(scaled) / h0;
    const h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : pow(0.01 / Math.max(d1, d2), 1 / (order + 1));
    return Math.min(100 * h0, h1);
  }

  /** RMS over components of the error estimate dt Σ e_i k_i (k: stages × dim) over atol + rtol·max(|y0|, |y1|); ≤ 1 accepts. */
  errorRatio(dt: number, y0: Float64Array, y1: Float64Array, k: Float64Array): number {
    const { rtol, atol, errorWeights: e, dim } = this.o;
    const err = this.err;
    for (let d = 0; d < dim; d++) {
      let acc = 0;
      for (let i = 0; i < e.length; i++) acc += e[i] * k[i * dim + d];
      const tol = atol + rtol * Math.max(Math.abs(y0[d]), Math.abs(y1[d]));
      err[d] = (dt * acc) / tol;
    }
    return rmsNorm(err);
  }

  /** torchdiffeq's `_optimal_step_size`: the next step after one of size dt with this error ratio. */
  nextStep(dt: number, ratio: number): number {
    const { safety, ifactor, dfactor, order } = this.o;
    if (ratio === 0) return dt * ifactor;
    const df = ratio < 1 ? 1 : dfactor;
    const factor = Math.min(ifactor, Math.max(safety / pow(ratio, 1 / order), df));
    return dt * factor;
  }
}
