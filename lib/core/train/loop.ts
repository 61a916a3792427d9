/**
 * The one training loop for every method: one trajectory, one AdamW step per epoch. Each epoch
 * first measures the uncoupled full-trajectory MSE at the current θ (before the step, as
 * Algorithm 1) and keeps the best θ; a solver failure or a non-finite loss or gradient ends the
 * run with status "diverged", keeping the best parameters so far.
 */
import { VectorField } from "../ode/types";
import { solve, SolveOptions } from "../ode/solve";
import { isSolverError } from "../ode/errors";
import { AdamW, AdamWOptions, AdamWState } from "./adamw";
import { mse } from "./loss";
import { Objective, TrainingData } from "./objectives";
import { allFinite } from "../numeric";

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

/** Everything needed to continue a run exactly where it stopped (what a checkpoint stores). */
export interface TrainState {
  /** The next epoch to run. */
  epoch: number;
  /** θ followed by the extra parameters (multiple-shooting corrections). */
  params: Float64Array;
  optimizer: AdamWState;
  best: { epoch: number; mse: number; theta: Float64Array };
  history: EpochRecord[];
}

/** What `train` returns: status, best θ and its epoch and MSE, the per-epoch history. */
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
  /** The state after the last epoch (save it to resume later). */
  state: TrainState;
}

/** Options of `train`: epochs, AdamW settings, the solver for the MSE measurement, resume state, hooks. */
export interface TrainOptions {
  epochs: number;
  optimizer: AdamWOptions;
  /** Solver for the uncoupled MSE measurement (the objective has its own). */
  solver: SolveOptions;
  /** Called after every epoch (progress bars, live plots). */
  onEpoch?: (record: EpochRecord) => void;
  /**
   * Called at the start of every epoch with θ before that epoch's step (e.g. to record the
   * optimisation path or track the Hessian trace), and the extra parameters (multiple shooting's
   * corrections; empty otherwise). Both are live: copy them to keep them.
   */
  inspect?: (epoch: number, theta: Float64Array, extra: Float64Array) => void;
  /** Continue from a saved state instead of starting at epoch 0 (θ0 is then ignored). */
  resume?: TrainState;
  /** Called every `checkpointEvery` epochs with the current state (e.g. to save a checkpoint). */
  onCheckpoint?: (state: TrainState) => void;
  checkpointEvery?: number;
  /** Asked before every epoch; true ends training there (e.g. Ctrl-C), and `state` resumes it. */
  shouldStop?: () => boolean;
}

/** Train θ (copied, not modified) with the given objective. */
export function train(model: VectorField, data: TrainingData, objective: Objective, theta0: Float64Array, options: TrainOptions): TrainResult {
  const { epochs } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs: expected a positive integer, got ${epochs}`);
  const nTheta = model.nParams;
  const params = new Float64Array(nTheta + objective.nExtra);
  const theta = params.subarray(0, nTheta);
  const extra = params.subarray(nTheta);
  const grad = new Float64Array(params.length);
  const opt = new AdamW(params.length, options.optimizer);
  const resume = options.resume;
  let history: EpochRecord[] = [];
  let best = { mse: Infinity, epoch: -1, theta: Float64Array.from(theta0) };
  let epoch = 0;
  if (resume) {
    if (resume.params.length !== params.length) {
      throw new RangeError(`resume: the saved state has ${resume.params.length} parameters, this model and method need ${params.length}`);
    }
    params.set(resume.params);
    opt.setState(resume.optimizer);
    best = { mse: resume.best.mse, epoch: resume.best.epoch, theta: Float64Array.from(resume.best.theta) };
    history = resume.history.slice();
    epoch = resume.epoch;
  } else {
    params.set(theta0);
  }
  let status: RunStatus = "ok";
  let failure: string | undefined;
  const started = performance.now();
  const snapshot = (nextEpoch: number): TrainState => ({ epoch: nextEpoch, params: Float64Array.from(params), optimizer: opt.getState(), best: { ...best, theta: Float64Array.from(best.theta) }, history: history.slice() });
  for (; epoch < epochs; epoch++) {
    if (options.shouldStop?.()) break;
    const t0 = performance.now();
    options.inspect?.(epoch, theta, extra);
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
      if (options.onCheckpoint && options.checkpointEvery && (epoch + 1) % options.checkpointEvery === 0 && epoch + 1 < epochs) {
        options.onCheckpoint(snapshot(epoch + 1));
      }
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
    state: snapshot(epoch),
  };
}

class NonFinite extends Error {}
