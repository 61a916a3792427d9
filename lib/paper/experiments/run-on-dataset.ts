/**
 * One experiment on a given dataset: model, training, and the scores the paper reports (best
 * interpolation MSE and its epoch, extrapolation MSE of the best θ over the next window of equal
 * length). The result is plain JSON-able data. No file access (runner.ts builds the dataset from
 * the config, files included), so it also runs in a browser.
 */
import { ExperimentConfig, runId } from "./config";
import { buildModel, buildObjective, initialTheta, solverOptions, trainingData } from "./assemble";
import { train, EpochRecord, TrainState } from "../../core/train/loop";
import { solve, SolveOptions } from "../../core/ode/solve";
import { mse } from "../../core/train/loss";
import { Dataset } from "../systems/dataset";
import { Model } from "../../core/models/model";

export interface RunHistory {
  loss: number[];
  mse: number[];
  lambda: number[];
  nfe: number[];
  ms: number[];
  /** The epoch of each entry when the history was thinned (precomputed results); absent: one entry per epoch. */
  epochs?: number[];
}

/** One finished run: config, status, best epoch and θ, MSEs (noisy and clean targets), history, timing. */
export interface RunResult {
  id: string;
  config: ExperimentConfig;
  status: "ok" | "diverged";
  failure?: string;
  /** Best uncoupled MSE on the training window (Table 5's interpolation MSE). */
  interpMse: number;
  /** MSE of the best θ's rollout over the extrapolation window against its data (noisy where simulated). */
  extrapMse: number | null;
  /** The same against the noise-free trajectory, where known. */
  extrapMseClean: number | null;
  bestEpoch: number;
  epochs: number;
  seconds: number;
  totalNfe: number;
  dataSource: string;
  modelDescription: string;
  history: RunHistory;
  /** The best θ's rollout over train + extrapolation times; extrapStart = index of the first extrapolation point. */
  prediction: { t: number[]; u: number[]; dim: number; extrapStart: number } | null;
  bestTheta: number[];
}

export interface RunOptions {
  /** runExperiment: reuse an already built dataset (e.g. in a notebook) instead of building it from the config. */
  dataset?: Dataset;
  onEpoch?: (record: EpochRecord, config: ExperimentConfig) => void;
  /** Called with θ and the extra parameters (live; copy to keep) at the start of every epoch. */
  inspect?: (epoch: number, theta: Float64Array, extra: Float64Array) => void;
  /** Continue from a saved state (see lib/paper/experiments/checkpoint.ts). */
  resume?: TrainState;
  /** Called every `checkpointEvery` epochs and once at the end with the training state. */
  onState?: (state: TrainState, final: boolean) => void;
  checkpointEvery?: number;
  /** Asked before every epoch; true stops training there (the final state then resumes it). */
  shouldStop?: () => boolean;
}

/** Roll the model out from u0 over train + extrapolation times (null if the solver fails). */
export function rollout(model: Model, ds: Dataset, theta: Float64Array, config: ExperimentConfig): Float64Array | null {
  const t = new Float64Array(ds.train.t.length + ds.extrap.t.length);
  t.set(ds.train.t);
  t.set(ds.extrap.t, ds.train.t.length);
  try {
    return solve(model, ds.u0, t, theta, { ...solverOptions(config), record: false }).us;
  } catch {
    return null;
  }
}

/** The solver of the per-epoch full-trajectory MSE that picks the best θ. */
function monitorSolverOptions(config: ExperimentConfig): SolveOptions {
  const tol = config.method === "multishoot" ? config.multishoot?.monitorTolerance : undefined;
  return tol ? { ...solverOptions(config), rtol: tol.rtol, atol: tol.atol } : solverOptions(config);
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Train `config` on `ds` and score it. */
export function runOnDataset(config: ExperimentConfig, ds: Dataset, options: RunOptions = {}): RunResult {
  const model = buildModel(config);
  const theta0 = initialTheta(config, model);
  const objective = buildObjective(config, model, ds);
  const result = train(model, trainingData(ds), objective, theta0, {
    epochs: config.epochs,
    optimizer: { lr: config.lr, weightDecay: config.weightDecay },
    solver: monitorSolverOptions(config),
    onEpoch: options.onEpoch ? (r) => options.onEpoch?.(r, config) : undefined,
    inspect: options.inspect,
    resume: options.resume,
    checkpointEvery: options.checkpointEvery,
    shouldStop: options.shouldStop,
    onCheckpoint: options.onState ? (st) => options.onState?.(st, false) : undefined,
  });
  options.onState?.(result.state, true);
  const pred = result.bestEpoch >= 0 ? rollout(model, ds, result.bestTheta, config) : null;
  const nTrain = ds.train.t.length * ds.dim;
  const extrapPred = pred ? pred.subarray(nTrain) : null;
  const h = result.history;
  return {
    id: runId(config),
    config,
    status: result.status,
    failure: result.failure,
    interpMse: result.bestMse,
    extrapMse: extrapPred ? finiteOrNull(mse(extrapPred, ds.extrap.u)) : null,
    extrapMseClean: extrapPred && ds.extrap.clean ? finiteOrNull(mse(extrapPred, ds.extrap.clean)) : null,
    bestEpoch: result.bestEpoch,
    epochs: result.epochsRun,
    seconds: result.seconds,
    totalNfe: h.reduce((a, r) => a + r.nfe, 0),
    dataSource: ds.source,
    modelDescription: model.describe(),
    history: {
      loss: h.map((r) => r.loss),
      mse: h.map((r) => r.mse),
      lambda: h.map((r) => r.lambda),
      nfe: h.map((r) => r.nfe),
      ms: h.map((r) => Math.round(r.ms * 1000) / 1000),
    },
    prediction: pred
      ? { t: [...ds.train.t, ...ds.extrap.t], u: Array.from(pred), dim: ds.dim, extrapStart: ds.train.t.length }
      : null,
    bestTheta: Array.from(result.bestTheta),
  };
}
