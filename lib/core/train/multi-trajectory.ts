/**
 * Several trajectories, one model: each trajectory has its own objective (its own initial
 * condition, spline and, for multiple shooting, corrections); the loss is the MSE over all their
 * points, i.e. each trajectory's loss weighted by its share of the values. The uncoupled MSE is
 * always reported, so the training loop never needs a single trajectory of its own.
 */
import { VectorField } from "../ode/types";
import { solve, SolveOptions } from "../ode/solve";
import { mse } from "./loss";
import { LossEvaluation, Objective, TrainingData, TrainingMethod } from "./objectives";

export interface TrajectoryObjective {
  objective: Objective;
  data: TrainingData;
}

export class MultiTrajectoryObjective implements Objective {
  readonly method: TrainingMethod;
  readonly nExtra: number;
  private readonly weights: number[];
  private readonly extraAt: number[];

  constructor(readonly model: VectorField, readonly parts: readonly TrajectoryObjective[], readonly solver: SolveOptions) {
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
  }

  evaluate(epoch: number, theta: Float64Array, extra: Float64Array): LossEvaluation {
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
