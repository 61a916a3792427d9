/**
 * The three training losses with their gradients, on one interface so that one training loop
 * serves all methods: vanilla (rollout MSE), multiple shooting, and homotopy (coupled rollout
 * with λ from a schedule).
 */
import { VectorField } from "../ode/types";
import { solve, SolveOptions } from "../ode/solve";
import { Interpolant, CoupledField } from "./coupling";
import { mse, mseGradient } from "./loss";
import { HomotopySchedule } from "./schedules";
import { checkSegments, splitIndices } from "./multishoot";
import type { TrainingMethodName } from "./methods";

export type TrainingMethod = TrainingMethodName;

/** What one evaluation of a training loss returns. */
export interface LossEvaluation {
  loss: number;
  /** d loss / dθ. */
  gradTheta: Float64Array;
  /** d loss / d(extra parameters) (multiple shooting's corrections; empty otherwise). */
  gradExtra: Float64Array;
  /** Homotopy parameter used (0 for the baselines). */
  lambda: number;
  /** Vector-field evaluations spent. */
  nfe: number;
  /** The uncoupled full-trajectory MSE at θ when it came out of this evaluation for free. */
  uncoupledMse?: number;
  /** Named parts of the loss (e.g. data and continuity terms). */
  parts?: Record<string, number>;
}

/** The training problem: one trajectory of data. */
export interface TrainingData {
  t: Float64Array;
  /** Observations, (t.length × dim) row-major. */
  u: Float64Array;
  u0: Float64Array;
}

export interface Objective {
  readonly method: TrainingMethod;
  /** Trainable parameters beyond θ (multiple shooting's corrections). */
  readonly nExtra: number;
  evaluate(epoch: number, theta: Float64Array, extra: Float64Array): LossEvaluation;
}

/** Vanilla training: MSE of the free rollout from the first data point. */
export class VanillaObjective implements Objective {
  readonly method = "vanilla" as const;
  readonly nExtra = 0;
  constructor(readonly model: VectorField, readonly data: TrainingData, readonly solver: SolveOptions) {}

  evaluate(_epoch: number, theta: Float64Array): LossEvaluation {
    const sol = solve(this.model, this.data.u0, this.data.t, theta, this.solver);
    const loss = mse(sol.us, this.data.u);
    const g = sol.backward(mseGradient(sol.us, this.data.u));
    return { loss, gradTheta: g.theta, gradExtra: new Float64Array(0), lambda: 0, nfe: sol.stats.nfe, uncoupledMse: loss };
  }
}

/** Homotopy training: MSE of the rollout coupled to the data's spline with strength λ(epoch)·k. */
export class HomotopyObjective implements Objective {
  readonly method = "homotopy" as const;
  readonly nExtra = 0;
  readonly coupled: CoupledField;
  constructor(
    readonly model: VectorField,
    readonly data: TrainingData,
    readonly solver: SolveOptions,
    interpolant: Interpolant,
    k: number | ArrayLike<number>,
    readonly schedule: HomotopySchedule,
  ) {
    this.coupled = new CoupledField(model, interpolant, k, 1);
  }

  evaluate(epoch: number, theta: Float64Array): LossEvaluation {
    const lambda = this.schedule.lambda(epoch);
    this.coupled.lambda = lambda;
    const sol = solve(this.coupled, this.data.u0, this.data.t, theta, this.solver);
    const loss = mse(sol.us, this.data.u);
    const g = sol.backward(mseGradient(sol.us, this.data.u));
    // At λ = 0 the coupled field is the model itself, so its loss is the uncoupled MSE.
    return { loss, gradTheta: g.theta, gradExtra: new Float64Array(0), lambda, nfe: sol.stats.nfe, uncoupledMse: lambda === 0 ? loss : undefined };
  }
}

/** Multiple shooting: segments from data points plus trainable corrections, with a continuity penalty. */
export class MultipleShootingObjective implements Objective {
  readonly method = "multishoot" as const;
  readonly nExtra: number;
  readonly split: number[];
  private readonly segTimes: Float64Array[];

  constructor(
    readonly model: VectorField,
    readonly data: TrainingData,
    readonly solver: SolveOptions,
    readonly segments: number,
    readonly continuityWeight: number,
    /**
     * "segment-start" (default): segment i−1's end is pulled towards segment i's start. "next-sample":
     * towards the data one sample later plus segment i's correction (the original branch's index).
     */
    readonly continuityTarget: "segment-start" | "next-sample" = "segment-start",
  ) {
    const n = data.t.length;
    checkSegments(n, segments);
    if (!(continuityWeight >= 0)) throw new RangeError(`multiple shooting continuityWeight: expected a number ≥ 0, got ${continuityWeight}`);
    this.split = splitIndices(n, segments);
    this.nExtra = model.dim * (segments - 1);
    this.segTimes = [];
    for (let i = 0; i < segments; i++) {
      const from = this.split[i];
      const to = Math.min(this.split[i + 1], n - 1); // inclusive: segments share boundary points
      this.segTimes.push(data.t.slice(from, to + 1));
    }
  }

  evaluate(_epoch: number, theta: Float64Array, extra: Float64Array): LossEvaluation {
    return this.evaluateSegments(theta, extra).evaluation;
  }

  /**
   * The loss with each segment solved by its own options (e.g. replaying frozen steps for Hessian
   * analysis), and the accepted step sizes each segment took.
   */
  evaluateSegments(
    theta: Float64Array,
    extra: Float64Array,
    solverFor: (segment: number) => SolveOptions = () => this.solver,
  ): { evaluation: LossEvaluation; stepSizes: Float64Array[] } {
    const { model, data, split, segments } = this;
    const dim = model.dim;
    const n = data.t.length;
    const gradTheta = new Float64Array(model.nParams);
    const gradExtra = new Float64Array(this.nExtra);
    const pred = new Float64Array(n * dim);
    const starts: Float64Array[] = [];
    const sols = [];
    let nfe = 0;
    for (let i = 0; i < segments; i++) {
      const start = new Float64Array(dim);
      if (i === 0) start.set(data.u0);
      else for (let d = 0; d < dim; d++) start[d] = data.u[split[i] * dim + d] + extra[(i - 1) * dim + d];
      starts.push(start);
      const sol = solve(model, start, this.segTimes[i], theta, { ...solverFor(i), record: true });
      nfe += sol.stats.nfe;
      sols.push(sol);
      // Joined prediction: every segment but the last drops its final (shared) point.
      const keep = i === segments - 1 ? sol.ts.length : sol.ts.length - 1;
      pred.set(sol.us.subarray(0, keep * dim), split[i] * dim);
    }
    const dataLoss = mse(pred, data.u);
    const predBar = mseGradient(pred, data.u);
    // Continuity: starts of segments 1..m−1 against ends of segments 0..m−2.
    let cont = 0;
    const nCont = (segments - 1) * dim;
    const endBars: Float64Array[] = sols.map((s) => new Float64Array(s.us.length));
    const startBars: Float64Array[] = starts.map(() => new Float64Array(dim));
    for (let i = 1; i < segments; i++) {
      const prev = sols[i - 1];
      const last = (prev.ts.length - 1) * dim;
      const nextSample = this.continuityTarget === "next-sample" && split[i] + 1 < n;
      for (let d = 0; d < dim; d++) {
        // Either target is a data value plus the correction c_i, so its gradient goes to c_i alone.
        const target = nextSample ? data.u[(split[i] + 1) * dim + d] + extra[(i - 1) * dim + d] : starts[i][d];
        const r = target - prev.us[last + d];
        cont += r * r;
        const g = (this.continuityWeight * 2 * r) / nCont;
        startBars[i][d] += g;
        endBars[i - 1][last + d] -= g;
      }
    }
    if (nCont > 0) cont /= nCont;
    for (let i = 0; i < segments; i++) {
      const sol = sols[i];
      const bar = endBars[i];
      const keep = i === segments - 1 ? sol.ts.length : sol.ts.length - 1;
      for (let q = 0; q < keep * dim; q++) bar[q] += predBar[split[i] * dim + q];
      const g = sol.backward(bar);
      for (let p = 0; p < gradTheta.length; p++) gradTheta[p] += g.theta[p];
      if (i > 0) for (let d = 0; d < dim; d++) gradExtra[(i - 1) * dim + d] += g.u0[d] + startBars[i][d];
    }
    const evaluation: LossEvaluation = {
      loss: dataLoss + this.continuityWeight * cont,
      gradTheta,
      gradExtra,
      lambda: 0,
      nfe,
      parts: { data: dataLoss, continuity: cont },
      uncoupledMse: segments === 1 ? dataLoss : undefined,
    };
    return { evaluation, stepSizes: sols.map((s) => s.stepSizes) };
  }
}
