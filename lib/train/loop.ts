/**
 * The one training loop for every method: one trajectory, one AdamW step per epoch. Each epoch
 * first measures the uncoupled full-trajectory MSE at the current θ (before the step, as
 * Algorithm 1) and keeps the best θ; a solver failure or a non-finite loss or gradient ends the
 * run with status "diverged", keeping the best parameters so far.
 */
import { VectorField } from "../ode/types";
import { solve, SolveOptions } from "../ode/solve";
import { isSolverError } from "../ode/errors";
import { AdamW, AdamWOptions } from "./adamw";
import { mse } from "./loss";
import { Objective, TrainingData } from "./objectives";

export interface EpochRecord {
  epoch: number;
  /** Training loss of the method (coupled loss for homotopy). */
  loss: number;
  /** Uncoupled full-trajectory MSE at θ before this epoch's step. */
  mse: number;
  lambda: number;
  nfe: number;
  /** Wall time of the epoch in ms. */
  ms: number;
}

export type RunStatus = "ok" | "diverged";

export interface TrainResult {
  status: RunStatus;
  /** Why the run diverged (solver failure or non-finite values), if it did. */
  failure?: string;
  bestTheta: Float64Array;
  bestEpoch: number;
  bestMse: number;
  finalTheta: Float64Array;
  /** Extra parameters (multiple-shooting corrections) at the end. */
  finalExtra: Float64Array;
  history: EpochRecord[];
  epochsRun: number;
  seconds: number;
}

export interface TrainOptions {
  epochs: number;
  optimizer: AdamWOptions;
  /** Solver for the uncoupled MSE measurement (the objective has its own). */
  solver: SolveOptions;
  /** Called after every epoch (progress bars, live plots). */
  onEpoch?: (record: EpochRecord) => void;
  /**
   * Called at the start of every epoch with θ before that epoch's step (e.g. to record the
   * optimisation path or track the Hessian trace). θ is live: copy it to keep it.
   */
  inspect?: (epoch: number, theta: Float64Array) => void;
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/** Train θ (copied, not modified) with the given objective. */
export function train(model: VectorField, data: TrainingData, objective: Objective, theta0: Float64Array, options: TrainOptions): TrainResult {
  const { epochs } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs: expected a positive integer, got ${epochs}`);
  const nTheta = model.nParams;
  const params = new Float64Array(nTheta + objective.nExtra);
  params.set(theta0);
  const theta = params.subarray(0, nTheta);
  const extra = params.subarray(nTheta);
  const grad = new Float64Array(params.length);
  const opt = new AdamW(params.length, options.optimizer);
  const history: EpochRecord[] = [];
  let best = { mse: Infinity, epoch: -1, theta: Float64Array.from(theta0) };
  let status: RunStatus = "ok";
  let failure: string | undefined;
  const started = performance.now();
  let epoch = 0;
  for (; epoch < epochs; epoch++) {
    const t0 = performance.now();
    options.inspect?.(epoch, theta);
    try {
      const ev = objective.evaluate(epoch, theta, extra);
      let mseNow = ev.uncoupledMse;
      let nfe = ev.nfe;
      if (mseNow === undefined) {
        const plain = solve(model, data.u0, data.t, theta, { ...options.solver, record: false });
        mseNow = mse(plain.us, data.u);
        nfe += plain.stats.nfe;
      }
      if (!Number.isFinite(mseNow) || !Number.isFinite(ev.loss)) throw new NonFinite(`non-finite ${Number.isFinite(ev.loss) ? "MSE" : "loss"} at epoch ${epoch}`);
      if (mseNow <= best.mse) best = { mse: mseNow, epoch, theta: Float64Array.from(theta) };
      grad.set(ev.gradTheta, 0);
      grad.set(ev.gradExtra, nTheta);
      if (!allFinite(grad)) throw new NonFinite(`non-finite gradient at epoch ${epoch}`);
      opt.step(params, grad);
      const record = { epoch, loss: ev.loss, mse: mseNow, lambda: ev.lambda, nfe, ms: performance.now() - t0 };
      history.push(record);
      options.onEpoch?.(record);
    } catch (e) {
      if (isSolverError(e) || e instanceof NonFinite) {
        status = "diverged";
        failure = `epoch ${epoch}: ${(e as Error).message}`;
        break;
      }
      throw e;
    }
  }
  return {
    status,
    failure,
    bestTheta: best.theta,
    bestEpoch: best.epoch,
    bestMse: best.mse,
    finalTheta: Float64Array.from(theta),
    finalExtra: Float64Array.from(extra),
    history,
    epochsRun: history.length,
    seconds: (performance.now() - started) / 1000,
  };
}

class NonFinite extends Error {}
