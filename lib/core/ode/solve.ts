/**
 * solve(): explicit Runge–Kutta integration that records its steps, and the backward sweep
 * through those steps (discrete adjoint, discretise-then-optimise).
 *
 * - Fixed-step methods (euler, rk4) step between consecutive output times, `substeps` equal
 *   steps per interval; outputs are the step end states (fixed.ts).
 * - Adaptive methods (dopri5, dopri5-hairer, tsit5, bosh3) follow torchdiffeq's controller: steps
 *   independent of the output grid, its automatic initial step, RMS error norm, safety/ifactor/
 *   dfactor control, and outputs by the tableau's dense interpolant (adaptive.ts). With the dopri5
 *   tableau this takes torchdiffeq's dopri5 steps one for one (test/core/dopri5-golden.test.ts). Step
 *   sizes are constants for the gradient (as diffrax's and torchdiffeq's backprop through the solver).
 */
import { AdaptiveOptions, integrateAdaptive } from "./adaptive";
import { Gradients, sweepBack } from "./adjoint";
import { integrateFixed } from "./fixed";
import { Integration } from "./integration";
import { Tape } from "./tape";
import { SolverName, tableauByName } from "./tableaus";
import { savedSizeOf, SolveStats, VectorField } from "./types";
import { allFinite } from "../numeric";

export type { Gradients } from "./adjoint";

/** Options of `solve`: method (tableau name), tolerances and controller, substeps, step limit, recording. */
export interface SolveOptions {
  /** Default "dopri5". */
  method?: SolverName;
  /** Fixed-step methods: equal steps per output interval (default 1). */
  substeps?: number;
  /** Adaptive methods: tolerances and controller (torchdiffeq defaults). */
  rtol?: number;
  atol?: number;
  safety?: number;
  ifactor?: number;
  dfactor?: number;
  /** Adaptive methods: first step size; chosen automatically when omitted. */
  firstStep?: number;
  /** Guard on step attempts (accepted + rejected) per solve. Default 100000. */
  maxSteps?: number;
  /** Keep the step record needed by backward() (default true). */
  record?: boolean;
  /**
   * With record, at most this many doubles of the field's saved intermediate values (evalSaving)
   * per solve; later steps are recorded without them, and backward() recomputes those stages'
   * forward passes. Default 2^25 (256 MB); 0 saves nothing. Either way the gradient has the same bits.
   */
  maxSaved?: number;
  /**
   * Adaptive methods: take exactly these accepted step sizes, with no error control (e.g. a previous
   * solve's `stepSizes`). The solution is then a smooth function of θ and u0, which is what
   * finite-difference checks and Hessian-vector products need.
   */
  replaySteps?: Float64Array;
}

export const DEFAULT_RTOL = 1e-7;
export const DEFAULT_ATOL = 1e-9;
const DEFAULT_MAX_STEPS = 100000;
/** Default of SolveOptions.maxSaved: 2^25 doubles (256 MB) of a field's saved intermediate values per solve. */
const DEFAULT_MAX_SAVED = 1 << 25;

/** The result of a solve: states at the output times, statistics and the backward sweep. */
export class Solution {
  readonly ts: Float64Array;
  /** States at ts, row-major (ts.length × dim). */
  readonly us: Float64Array;
  readonly dim: number;
  readonly stats: SolveStats;
  private readonly tape: Tape | null;

  constructor(ts: Float64Array, us: Float64Array, dim: number, stats: SolveStats, tape: Tape | null) {
    this.ts = ts;
    this.us = us;
    this.dim = dim;
    this.stats = stats;
    this.tape = tape;
  }

  /** The state at output index i (a copy). */
  state(i: number): Float64Array {
    return this.us.slice(i * this.dim, (i + 1) * this.dim);
  }

  /** Component j at every output time. */
  component(j: number): Float64Array {
    const out = new Float64Array(this.ts.length);
    for (let i = 0; i < out.length; i++) out[i] = this.us[i * this.dim + j];
    return out;
  }

  /** Accepted step sizes, in order (feed to `replaySteps` to repeat this discretisation). */
  get stepSizes(): Float64Array {
    if (!this.tape) throw new Error("stepSizes: this solve was run with record: false");
    return this.tape.dts.toArray();
  }

  /**
   * The backward sweep: given dLoss/dus (same layout as us), return dLoss/dθ and dLoss/du0
   * for this exact discretisation.
   */
  backward(usBar: Float64Array): Gradients {
    if (!this.tape) throw new Error("backward: this solve was run with record: false; solve again with record: true");
    if (usBar.length !== this.us.length) {
      throw new RangeError(`backward: dLoss/dus must have length ${this.us.length} (times × dim), got ${usBar.length}`);
    }
    const { field, theta } = this.tape;
    field.begin?.(theta);
    try {
      return sweepBack(this.tape, usBar);
    } finally {
      field.end?.();
    }
  }
}

function validateInputs(field: VectorField, u0: Float64Array, ts: Float64Array, theta: Float64Array): void {
  if (u0.length !== field.dim) {
    throw new RangeError(`solve: u0 must have length ${field.dim} (the vector field's dimension), got ${u0.length}`);
  }
  if (theta.length !== field.nParams) {
    throw new RangeError(`solve: theta must have length ${field.nParams}, got ${theta.length}`);
  }
  if (ts.length < 1) throw new RangeError("solve: ts must hold at least one time");
  for (let i = 0; i < ts.length; i++) {
    if (!Number.isFinite(ts[i])) throw new RangeError(`solve: ts[${i}] must be finite, got ${ts[i]}`);
    if (i > 0 && !(ts[i] > ts[i - 1])) {
      throw new RangeError(`solve: ts must be strictly increasing, but ts[${i}] = ${ts[i]} ≤ ts[${i - 1}] = ${ts[i - 1]}`);
    }
  }
  if (!allFinite(u0)) throw new RangeError(`solve: u0 must be finite, got [${Array.from(u0).join(", ")}]`);
}

/**
 * Integrate du/dt = field(t, u; θ) from u(ts[0]) = u0 and return the states at ts.
 * @example
 *   const sol = solve(model, u0, ts, theta, { method: "dopri5" });
 *   const g = sol.backward(mseGradient(sol.us, data));
 */
export function solve(
  field: VectorField,
  u0: Float64Array,
  ts: Float64Array,
  theta: Float64Array,
  options: SolveOptions = {},
): Solution {
  validateInputs(field, u0, ts, theta);
  const tableau = tableauByName(options.method ?? "dopri5");
  if (options.maxSaved !== undefined && !(Number.isInteger(options.maxSaved) && options.maxSaved >= 0)) {
    throw new RangeError(`solve: maxSaved must be an integer ≥ 0 (doubles), got ${options.maxSaved}`);
  }
  const maxSaved = options.maxSaved ?? DEFAULT_MAX_SAVED;
  const record = options.record ?? true;
  // What a stage evaluation saves for the backward sweep (when the field can and the solve records).
  const savedSize = record ? savedSizeOf(field) : 0;
  const tape = record ? new Tape({ field, theta, tableau, outputs: ts.length, savedSize, maxSaved }) : null;
  const us = new Float64Array(ts.length * field.dim);
  us.set(u0, 0);
  const stats: SolveStats = { nfe: 0, accepted: 0, rejected: 0 };
  const run: Integration = { field, theta, tableau, u0, ts, us, stats, tape, maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS };
  field.begin?.(theta);
  try {
    if (tableau.bErr) integrateAdaptive(run, adaptiveOptions(options));
    else integrateFixed(run, options.substeps ?? 1);
  } finally {
    field.end?.();
  }
  return new Solution(ts, us, field.dim, stats, tape);
}

/** The adaptive integration's options, torchdiffeq's defaults filled in. */
function adaptiveOptions(options: SolveOptions): AdaptiveOptions {
  return {
    rtol: options.rtol ?? DEFAULT_RTOL,
    atol: options.atol ?? DEFAULT_ATOL,
    safety: options.safety ?? 0.9,
    ifactor: options.ifactor ?? 10,
    dfactor: options.dfactor ?? 0.2,
    firstStep: options.firstStep,
    replay: options.replaySteps,
  };
}
