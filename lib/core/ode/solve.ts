/**
 * solve(): explicit Runge–Kutta integration that records its steps, and the backward sweep
 * through those steps (discrete adjoint, discretise-then-optimise).
 *
 * - Fixed-step methods (euler, rk4) step between consecutive output times, `substeps` equal
 *   steps per interval; outputs are the step end states.
 * - Adaptive methods (dopri5, dopri5-hairer, tsit5) follow torchdiffeq's controller: steps
 *   independent of the output grid, its automatic initial step, RMS error norm, safety/ifactor/
 *   dfactor control, and outputs by the tableau's dense interpolant. With the dopri5 tableau this
 *   takes torchdiffeq's dopri5 steps one for one (test/core/dopri5-golden.test.ts). Step sizes are
 *   constants for the gradient (as diffrax's and torchdiffeq's backprop through the solver).
 */
import { ButcherTableau } from "./butcher";
import { SolverMethod, tableauByName } from "./tableaus";
import { SolverError } from "./errors";
import { savedSizeOf, SolveStats, VectorField } from "./types";
import { allFinite } from "../numeric";
import { pow } from "../libm";
import { SavedSteps } from "./saved-steps";

/** Options of `solve`: method (tableau name), tolerances and controller, substeps, step limit, recording. */
export interface SolveOptions {
  /** Default "dopri5". */
  method?: SolverMethod;
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

export interface Gradients {
  /** dLoss/dθ. */
  theta: Float64Array;
  /** dLoss/du0. */
  u0: Float64Array;
}

export const DEFAULT_RTOL = 1e-7;
export const DEFAULT_ATOL = 1e-9;
const DEFAULT_MAX_STEPS = 100000;
/** Default of SolveOptions.maxSaved: 2^25 doubles (256 MB) of a field's saved intermediate values per solve. */
const DEFAULT_MAX_SAVED = 1 << 25;
const NOTHING_SAVED = new Float64Array(0);
/** A store that never has room: what an adaptive solve saves into when it saves nothing. */
const NO_SAVED_STEPS = new SavedSteps(0, 0);

/** A growable Float64Array. */
class Buffer64 {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    this.reserve(1);
    this.data[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

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

/** What the backward sweep needs: step starts and sizes, stage inputs, and where each output came from. */
interface Tape {
  field: VectorField;
  theta: Float64Array;
  tableau: ButcherTableau;
  t0s: Buffer64;
  dts: Buffer64;
  /** Stage inputs Y_i, (steps × stages × dim). */
  stageY: Buffer64;
  /** For output i ≥ 1: index of the step it belongs to. */
  outStep: Int32Array;
  /** For output i ≥ 1: dense-output position x in [0, 1], or NaN for "the step's end state". */
  outX: Float64Array;
  /**
   * The field's saved intermediate values (evalSaving) of the first saved.steps steps, savedSize per
   * stage; an adaptive solve leaves the first stage of every step but the first unwritten (FSAL: the sweep
   * carries that stage's adjoint over to the step before, and reads the values saved there).
   */
  saved: SavedSteps;
  savedSize: number;
}

/** Evaluate a stage, saving its intermediate values at saved[at…] when savedSize > 0. */
function evalStage(field: VectorField, t: number, u: Float64Array, theta: Float64Array, out: Float64Array, savedSize: number, saved: Float64Array, at: number): void {
  if (savedSize > 0) (field.evalSaving as NonNullable<VectorField["evalSaving"]>).call(field, t, u, theta, out, saved, at);
  else field.eval(t, u, theta, out);
}

function rmsNorm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s / v.length);
}

/** Horner evaluation of a polynomial with coefficients lowest power first. */
function polyval(coeffs: readonly number[], x: number): number {
  let s = 0;
  for (let p = coeffs.length - 1; p >= 0; p--) s = s * x + coeffs[p];
  return s;
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
  const record = options.record ?? true;
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const dim = field.dim;
  const nOut = ts.length;
  // What a stage evaluation saves for the backward sweep (when the field can and the solve records).
  const savedSize = record ? savedSizeOf(field) : 0;
  const tape: Tape | null = record
    ? {
        field,
        theta: Float64Array.from(theta), // θ may be updated in place before backward() runs
        tableau,
        t0s: new Buffer64(nOut),
        dts: new Buffer64(nOut),
        stageY: new Buffer64(nOut * tableau.stages * dim),
        outStep: new Int32Array(nOut),
        outX: new Float64Array(nOut),
        saved: new SavedSteps(tableau.stages * savedSize, options.maxSaved ?? DEFAULT_MAX_SAVED),
        savedSize,
      }
    : null;
  const us = new Float64Array(nOut * dim);
  us.set(u0, 0);
  const stats: SolveStats = { nfe: 0, accepted: 0, rejected: 0 };
  field.begin?.(theta);
  try {
    if (tableau.bErr) {
      solveAdaptive(field, u0, ts, theta, tableau, options, maxSteps, us, stats, tape);
    } else {
      solveFixed(field, u0, ts, theta, tableau, options.substeps ?? 1, maxSteps, us, stats, tape);
    }
  } finally {
    field.end?.();
  }
  return new Solution(ts, us, dim, stats, tape);
}


function solveFixed(
  field: VectorField,
  u0: Float64Array,
  ts: Float64Array,
  theta: Float64Array,
  tab: ButcherTableau,
  substeps: number,
  maxSteps: number,
  us: Float64Array,
  stats: SolveStats,
  tape: Tape | null,
): void {
  if (!Number.isInteger(substeps) || substeps < 1) {
    throw new RangeError(`solve: substeps must be a positive integer, got ${substeps}`);
  }
  const dim = field.dim;
  const S = tab.stages;
  const kAll = new Float64Array(S * dim);
  const kViews = Array.from({ length: S }, (_, i) => kAll.subarray(i * dim, (i + 1) * dim));
  const y = new Float64Array(dim);
  const yStage = new Float64Array(dim);
  y.set(u0);
  let steps = 0;
  for (let n = 1; n < ts.length; n++) {
    const tStart = ts[n - 1];
    const h = (ts[n] - tStart) / substeps;
    for (let m = 0; m < substeps; m++) {
      if (++steps > maxSteps) {
        throw new SolverError("max-steps", { t: tStart + m * h, dt: h, ...stats }, `solve: more than ${maxSteps} steps`);
      }
      const t0 = tStart + m * h;
      let stageBase = 0;
      // This step's stages save their intermediate values straight into the tape.
      let savedSize = 0;
      let saved: Float64Array = NOTHING_SAVED;
      let savedBase = 0;
      if (tape) {
        tape.t0s.push(t0);
        tape.dts.push(h);
        tape.stageY.reserve(S * dim);
        stageBase = tape.stageY.length;
        tape.stageY.length += S * dim;
        const n = tape.saved.steps;
        if (tape.savedSize > 0 && tape.saved.add()) {
          savedSize = tape.savedSize;
          saved = tape.saved.chunk(n);
          savedBase = tape.saved.offset(n);
        }
      }
      for (let i = 0; i < S; i++) {
        const row = tab.a[i];
        for (let d = 0; d < dim; d++) {
          let acc = 0;
          for (let j = 0; j < row.length; j++) acc += row[j] * kAll[j * dim + d];
          yStage[d] = y[d] + h * acc;
        }
        if (tape) tape.stageY.data.set(yStage, stageBase + i * dim);
        evalStage(field, t0 + tab.c[i] * h, yStage, theta, kViews[i], savedSize, saved, savedBase + i * savedSize);
      }
      stats.nfe += S;
      for (let d = 0; d < dim; d++) {
        let acc = 0;
        for (let i = 0; i < S; i++) acc += tab.b[i] * kAll[i * dim + d];
        y[d] += h * acc;
      }
      stats.accepted++;
      if (!allFinite(y)) {
        throw new SolverError("non-finite", { t: t0 + h, dt: h, ...stats }, "solve: the state became non-finite");
      }
    }
    us.set(y, n * dim);
    if (tape) {
      tape.outStep[n] = tape.dts.length - 1;
      tape.outX[n] = NaN;
    }
  }
}

function solveAdaptive(
  field: VectorField,
  u0: Float64Array,
  ts: Float64Array,
  theta: Float64Array,
  tab: ButcherTableau,
  options: SolveOptions,
  maxSteps: number,
  us: Float64Array,
  stats: SolveStats,
  tape: Tape | null,
): void {
  const rtol = options.rtol ?? DEFAULT_RTOL;
  const atol = options.atol ?? DEFAULT_ATOL;
  const safety = options.safety ?? 0.9;
  const ifactor = options.ifactor ?? 10;
  const dfactor = options.dfactor ?? 0.2;
  const replay = options.replaySteps;
  const dim = field.dim;
  const S = tab.stages;
  const bErr = tab.bErr as readonly number[];
  const dense = tab.dense as readonly (readonly number[])[];
  const kAll = new Float64Array(S * dim);
  const kViews = Array.from({ length: S }, (_, i) => kAll.subarray(i * dim, (i + 1) * dim));
  const stageY = new Float64Array(S * dim);
  const yStage = new Float64Array(dim);
  const y = new Float64Array(dim);
  const err = new Float64Array(dim);
  y.set(u0);
  // The attempted step's stages save their intermediate values straight into the tape's next slot,
  // which an accepted step keeps (a rejected one's are overwritten); none once the tape's cap is reached.
  const savedSize = tape ? tape.savedSize : 0;
  const saved = tape && savedSize > 0 ? tape.saved : NO_SAVED_STEPS;
  let saving = saved.reserve();
  let slot = saving ? saved.chunk(saved.steps) : NOTHING_SAVED;
  let slotAt = saving ? saved.offset(saved.steps) : 0;

  let t = ts[0];
  evalStage(field, t, y, theta, kViews[0], saving ? savedSize : 0, slot, slotAt);
  stats.nfe++;
  let dt: number;
  if (replay) dt = replay.length > 0 ? replay[0] : 0;
  else if (options.firstStep !== undefined) dt = options.firstStep;
  else {
    dt = selectInitialStep(field, theta, t, y, kViews[0], tab.order - 1, rtol, atol);
    stats.nfe++;
  }
  // Last accepted step (for dense output): start, size, and the stage values in kAll.
  let stepT0 = t;
  let stepDt = 0;
  const stepY0 = new Float64Array(dim);
  const stepK = new Float64Array(S * dim);
  let attempts = 0;
  let replayIndex = 0;

  for (let n = 1; n < ts.length; n++) {
    const tNext = ts[n];
    while (tNext > stepT0 + stepDt) {
      if (++attempts > maxSteps) {
        throw new SolverError("max-steps", { t, dt, ...stats }, `solve: more than ${maxSteps} step attempts`);
      }
      if (replay) {
        if (replayIndex >= replay.length) {
          throw new SolverError("max-steps", { t, dt, ...stats }, "solve: replaySteps ran out before the last output time");
        }
        dt = replay[replayIndex];
      }
      if (!(t + dt > t)) {
        throw new SolverError("step-underflow", { t, dt, ...stats }, "solve: step size underflow");
      }
      const t1 = t + dt;
      // Stages 1..S-1 (stage 0 is f(t, y), carried over: FSAL).
      stageY.set(y, 0);
      for (let i = 1; i < S; i++) {
        const row = tab.a[i];
        for (let d = 0; d < dim; d++) {
          let acc = 0;
          for (let j = 0; j < row.length; j++) acc += row[j] * kAll[j * dim + d];
          yStage[d] = y[d] + dt * acc;
        }
        stageY.set(yStage, i * dim);
        evalStage(field, tab.c[i] === 1 ? t1 : t + tab.c[i] * dt, yStage, theta, kViews[i], saving ? savedSize : 0, slot, slotAt + i * savedSize);
      }
      stats.nfe += S - 1;
      // y1 is the last stage's input (FSAL: b = a[S-1]); its error estimate:
      const y1 = stageY.subarray((S - 1) * dim, S * dim);
      let ratio: number;
      if (replay) ratio = 0;
      else {
        for (let d = 0; d < dim; d++) {
          let acc = 0;
          for (let i = 0; i < S; i++) acc += bErr[i] * kAll[i * dim + d];
          const tol = atol + rtol * Math.max(Math.abs(y[d]), Math.abs(y1[d]));
          err[d] = (dt * acc) / tol;
        }
        ratio = rmsNorm(err);
        if (!Number.isFinite(ratio)) {
          throw new SolverError("non-finite", { t, dt, ...stats }, "solve: the state or its derivative became non-finite");
        }
      }
      if (ratio <= 1) {
        stats.accepted++;
        if (tape) {
          tape.t0s.push(t);
          tape.dts.push(dt);
          tape.stageY.reserve(S * dim);
          tape.stageY.data.set(stageY, tape.stageY.length);
          tape.stageY.length += S * dim;
          if (saving) saved.add();
        }
        stepT0 = t;
        stepDt = dt;
        stepY0.set(y);
        stepK.set(kAll);
        t = t1;
        y.set(y1);
        kViews[0].set(kViews[S - 1]);
        if (saving) {
          // The next step's stages save into the next slot. Its first stage is this one's last (FSAL),
          // saved here; the sweep never reads a later step's first stage, whose adjoint it carries over.
          saving = saved.reserve();
          if (saving) {
            slot = saved.chunk(saved.steps);
            slotAt = saved.offset(saved.steps);
          }
        }
        if (replay) {
          replayIndex++;
          if (!allFinite(y)) throw new SolverError("non-finite", { t, dt, ...stats }, "solve: the state became non-finite");
        }
      } else {
        stats.rejected++;
      }
      if (!replay) dt = optimalStepSize(dt, ratio, safety, ifactor, dfactor, tab.order);
    }
    // Dense output inside the last accepted step.
    const x = (tNext - stepT0) / stepDt;
    for (let d = 0; d < dim; d++) {
      let acc = 0;
      for (let i = 0; i < S; i++) acc += polyval(dense[i], x) * stepK[i * dim + d];
      us[n * dim + d] = stepY0[d] + stepDt * acc;
    }
    if (tape) {
      tape.outStep[n] = tape.dts.length - 1;
      tape.outX[n] = x;
    }
  }
}

/** torchdiffeq's `_select_initial_step` (Hairer, Nørsett & Wanner, II.4), with `order` = method order − 1. */
function selectInitialStep(
  field: VectorField,
  theta: Float64Array,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  order: number,
  rtol: number,
  atol: number,
): number {
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

/** torchdiffeq's `_optimal_step_size`. */
function optimalStepSize(dt: number, ratio: number, safety: number, ifactor: number, dfactor: number, order: number): number {
  if (ratio === 0) return dt * ifactor;
  const df = ratio < 1 ? 1 : dfactor;
  const factor = Math.min(ifactor, Math.max(safety / pow(ratio, 1 / order), df));
  return dt * factor;
}

/** The discrete adjoint: sweep back through the recorded steps. */
function sweepBack(tape: Tape, usBar: Float64Array): Gradients {
  const { field, theta, tableau: tab } = tape;
  const dim = field.dim;
  const S = tab.stages;
  const nSteps = tape.dts.length;
  const thetaGrad = new Float64Array(field.nParams);
  const yBar = new Float64Array(dim); // adjoint of the current step's end state
  const y0Bar = new Float64Array(dim);
  const kBar = new Float64Array(S * dim);
  const kBarViews = Array.from({ length: S }, (_, i) => kBar.subarray(i * dim, (i + 1) * dim));
  const stageBar = new Float64Array(dim);
  const yStage = new Float64Array(dim);
  const carry = new Float64Array(dim); // FSAL: adjoint of the next step's first stage
  const denseW = tab.dense ? new Float64Array(S) : null;
  const stageY = tape.stageY.data;
  const savedSize = tape.savedSize;
  const saved = tape.saved;
  const vjpSaved = field.vjpSaved;
  let out = tape.outStep.length - 1;

  for (let n = nSteps - 1; n >= 0; n--) {
    const t0 = tape.t0s.data[n];
    const dt = tape.dts.data[n];
    kBar.fill(0);
    y0Bar.fill(0);
    if (tab.fsal && n < nSteps - 1) kBarViews[S - 1].set(carry);
    // Outputs taken from this step.
    for (; out >= 1 && tape.outStep[out] === n; out--) {
      const x = tape.outX[out];
      const base = out * dim;
      if (Number.isNaN(x)) {
        for (let d = 0; d < dim; d++) yBar[d] += usBar[base + d];
      } else {
        const w = denseW as Float64Array;
        for (let i = 0; i < S; i++) w[i] = dt * polyval((tab.dense as readonly (readonly number[])[])[i], x);
        for (let d = 0; d < dim; d++) {
          const g = usBar[base + d];
          y0Bar[d] += g;
          for (let i = 0; i < S; i++) kBar[i * dim + d] += w[i] * g;
        }
      }
    }
    if (!tab.fsal) {
      for (let d = 0; d < dim; d++) y0Bar[d] += yBar[d];
      for (let i = 0; i < S; i++) {
        const c = dt * tab.b[i];
        for (let d = 0; d < dim; d++) kBar[i * dim + d] += c * yBar[d];
      }
    }
    const stepBase = n * S * dim;
    for (let i = S - 1; i >= 0; i--) {
      if (tab.fsal && i === 0 && n > 0) {
        carry.set(kBarViews[0]);
        continue;
      }
      if (tab.fsal && i === S - 1) stageBar.set(yBar);
      else stageBar.fill(0);
      for (let d = 0; d < dim; d++) yStage[d] = stageY[stepBase + i * dim + d];
      const ti = tab.c[i] === 1 ? t0 + dt : t0 + tab.c[i] * dt;
      if (n < saved.steps) {
        (vjpSaved as NonNullable<VectorField["vjpSaved"]>).call(field, ti, yStage, theta, kBarViews[i], stageBar, thetaGrad, saved.chunk(n), saved.offset(n) + i * savedSize);
      } else {
        field.vjp(ti, yStage, theta, kBarViews[i], stageBar, thetaGrad);
      }
      for (let d = 0; d < dim; d++) y0Bar[d] += stageBar[d];
      const row = tab.a[i];
      for (let j = 0; j < row.length; j++) {
        const c = dt * row[j];
        if (c === 0) continue;
        for (let d = 0; d < dim; d++) kBar[j * dim + d] += c * stageBar[d];
      }
    }
    yBar.set(y0Bar);
  }
  for (let d = 0; d < dim; d++) yBar[d] += usBar[d];
  return { theta: thetaGrad, u0: yBar };
}
