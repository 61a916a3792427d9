/**
 * Several trajectories, one model: each trajectory has its own objective (its own initial
 * condition, spline and, for multiple shooting, corrections); the loss is the MSE over all their
 * points, i.e. each trajectory's loss weighted by its share of the values. The uncoupled MSE is
 * always reported, so the training loop never needs a single trajectory of its own.
 *
 * With `batch: true`, trajectories that share their output times and use the vanilla or homotopy
 * loss go through one batched solve (BatchedField: one network call per stage for all of them).
 * Same loss and gradient up to summation order with a fixed-step solver; with an adaptive solver
 * all trajectories share the steps (and the error norm), so the numbers change. Off by default.
 */
import { VectorField } from "../ode/types";
import { solve, SolveOptions } from "../ode/solve";
import { mse, mseGradient } from "./loss";
import { HomotopyObjective, LossEvaluation, Objective, TrainingData, TrainingMethod } from "./objectives";
import { BatchedField, stackTrajectories } from "../ode/batched";
import { CoupledField } from "./coupling";
import { batchedCoupledField } from "./batched-coupling";

export interface TrajectoryObjective {
  objective: Objective;
  data: TrainingData;
}

export interface MultiTrajectoryOptions {
  /** One batched solve for all trajectories when they share their output times and use vanilla or homotopy (default false). */
  batch?: boolean;
}

/** The stacked problem of a batched evaluation. */
interface Batch {
  t: Float64Array;
  u0: Float64Array;
  data: Float64Array;
  plain: BatchedField;
  /** Homotopy: the coupled field of all trajectories (each its own spline). */
  coupled: CoupledField | null;
}

export class MultiTrajectoryObjective implements Objective {
  readonly method: TrainingMethod;
  readonly nExtra: number;
  /** Whether evaluate() runs one batched solve (batch requested and the trajectories allow it). */
  readonly batched: boolean;
  private readonly weights: number[];
  private readonly extraAt: number[];
  private readonly batch: Batch | null;

  constructor(readonly model: VectorField, readonly parts: readonly TrajectoryObjective[], readonly solver: SolveOptions, options: MultiTrajectoryOptions = {}) {
    if (!parts.length) throw new RangeError("multi-trajectory objective: needs at least one trajectory");
    this.method = parts[0].objective.method;
    if (parts.some((p) => p.objective.method !== this.method)) throw new RangeError("multi-trajectory objective: all trajectories must use the same method");
    const total = parts.reduce((a, p) => a + p.data.u.length, 0);
    this.weights = parts.map((p) => p.data.u.length / total);
    let at = 0;
    this.extraAt = parts.map((p) => {
      const start = at;
      at += p.objective.nExtra;
      return start;
    });
    this.nExtra = at;
    this.batch = options.batch ? this.stack() : null;
    this.batched = this.batch !== null;
  }

  /** The stacked problem, or null when the trajectories cannot share one solve. */
  private stack(): Batch | null {
    const { parts, model } = this;
    if (parts.length < 2 || this.method === "multishoot") return null;
    const t = parts[0].data.t;
    const sameTimes = (u: Float64Array) => u.length === t.length && u.every((v, i) => Object.is(v, t[i]));
    if (!parts.every((p) => sameTimes(p.data.t))) return null;
    // One solve has one set of solver options: the parts must all use this objective's.
    const options = JSON.stringify(this.solver);
    if (!parts.every((p) => JSON.stringify((p.objective as { solver?: SolveOptions }).solver) === options)) return null;
    const d = model.dim;
    const batch: Batch = {
      t,
      u0: stackTrajectories(parts.map((p) => p.data.u0), d),
      data: stackTrajectories(parts.map((p) => p.data.u), d),
      plain: new BatchedField(model, parts.length),
      coupled: null,
    };
    if (this.method === "homotopy") {
      const hs = parts.map((p) => p.objective as HomotopyObjective);
      const k = hs[0].coupled.k;
      if (!hs.every((h) => h.coupled.inner === model && h.coupled.k.every((g, i) => g === k[i]))) return null;
      batch.coupled = batchedCoupledField(model, hs.map((h) => h.coupled.target), k, 1);
    }
    return batch;
  }

  evaluate(epoch: number, theta: Float64Array, extra: Float64Array): LossEvaluation {
    if (this.batch) {
      const lambdas = this.parts.map((p) => (p.objective as HomotopyObjective).schedule?.lambda(epoch) ?? 0);
      // Homotopy parts on different schedules cannot share a coupling strength this epoch.
      if (lambdas.every((l) => l === lambdas[0])) return this.evaluateBatched(this.batch, lambdas[0], theta);
    }
    return this.evaluateEach(epoch, theta, extra);
  }

  /**
   * All trajectories in one solve. With equal trajectory lengths the weighted sum of their MSEs is
   * the MSE over the stacked values. nfe counts per trajectory (B per batched evaluation), as unbatched.
   */
  private evaluateBatched(b: Batch, lambda: number, theta: Float64Array): LossEvaluation {
    const B = this.parts.length;
    const field = b.coupled ?? b.plain;
    if (b.coupled) b.coupled.lambda = lambda;
    const sol = solve(field, b.u0, b.t, theta, this.solver);
    const loss = mse(sol.us, b.data);
    const g = sol.backward(mseGradient(sol.us, b.data));
    let nfe = sol.stats.nfe * B;
    let uncoupled = loss;
    if (b.coupled && lambda !== 0) {
      const plain = solve(b.plain, b.u0, b.t, theta, { ...this.solver, record: false });
      uncoupled = mse(plain.us, b.data);
      nfe += plain.stats.nfe * B;
    }
    return { loss, gradTheta: g.theta, gradExtra: new Float64Array(0), lambda, nfe, uncoupledMse: uncoupled };
  }

  private evaluateEach(epoch: number, theta: Float64Array, extra: Float64Array): LossEvaluation {
    const gradTheta = new Float64Array(theta.length);
    const gradExtra = new Float64Array(this.nExtra);
    let loss = 0;
    let uncoupled = 0;
    let nfe = 0;
    let lambda = 0;
    this.parts.forEach((part, j) => {
      const { objective, data } = part;
      const w = this.weights[j];
      const ev = objective.evaluate(epoch, theta, extra.subarray(this.extraAt[j], this.extraAt[j] + objective.nExtra));
      loss += w * ev.loss;
      for (let q = 0; q < gradTheta.length; q++) gradTheta[q] += w * ev.gradTheta[q];
      for (let q = 0; q < ev.gradExtra.length; q++) gradExtra[this.extraAt[j] + q] = w * ev.gradExtra[q];
      nfe += ev.nfe;
      lambda = ev.lambda;
      let m = ev.uncoupledMse;
      if (m === undefined) {
        const plain = solve(this.model, data.u0, data.t, theta, { ...this.solver, record: false });
        m = mse(plain.us, data.u);
        nfe += plain.stats.nfe;
      }
      uncoupled += w * m;
    });
    return { loss, gradTheta, gradExtra, lambda, nfe, uncoupledMse: uncoupled };
  }
}
