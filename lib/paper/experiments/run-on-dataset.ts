/**
 * The one runner: train a prepared run and score its best θ. Paper datasets and tables of
 * measurements go through the same training, rollout and scores (best interpolation MSE and its
 * epoch; extrapolation MSE of the best θ's rollout; per window and state in data units, with NMSE).
 * The result is plain JSON-able data. No file access (build.ts reads files), so it also runs in a browser.
 */
import { ExperimentConfig, runId } from "./config";
import { buildModel, solverOptions } from "./assemble";
import { prepareRun, PreparedRun } from "./prepare";
import { fromScaled, isIdentity, RunData, runDataFromDataset } from "../inputs/run-data";
import { train, EpochRecord, TrainState, RunStatus, solve, SolveOptions, mse, Model } from "../../core/index";
import { Dataset } from "../systems/dataset";

export interface RunHistory {
  loss: number[];
  mse: number[];
  lambda: number[];
  nfe: number[];
  ms: number[];
  /** The epoch of each entry when the history was thinned (precomputed results); absent: one entry per epoch. */
  epochs?: number[];
}

/** Scores on one window (training or extrapolation) over all trajectories, in data units. */
export interface WindowScores {
  mse: number | null;
  /** Mean over states of MSE / training-window variance. */
  nmse: number | null;
  byState: (number | null)[];
}

/** A run on several trajectories or on measured data: per-window scores and each trajectory's rollout (data units). */
export interface TrajectoryScores {
  interp: WindowScores;
  extrap: WindowScores;
  /** Per trajectory: the best θ's rollout over all its times (t.length × dim), null where the solver failed. */
  predictions: (number[] | null)[];
}

/** One finished run: config, status, best epoch and θ, MSEs (noisy and clean targets), history, timing. */
export interface RunResult {
  id: string;
  config: ExperimentConfig;
  status: RunStatus;
  failure?: string;
  /** Best uncoupled MSE on the training window (Table 5's interpolation MSE); for tables, the best θ's rollout MSE in data units. */
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
  /** Runs on tables of measurements: scores per window and state, and every trajectory's rollout. */
  trajectories?: TrajectoryScores;
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

/** Each trajectory's rollout over all its times, in data units (null where the solver fails). */
export function rolloutRun(prep: PreparedRun, theta: Float64Array): (Float64Array | null)[] {
  const identity = isIdentity(prep.data.scaling);
  return prep.data.trajectories.map((tr, j) => {
    try {
      const v = solve(prep.trainModel, prep.training[j].u0, tr.t, theta, { ...solverOptions(prep.config), record: false }).us;
      return identity ? v : fromScaled(v, prep.data.scaling);
    } catch {
      return null;
    }
  });
}

/** The solver of the per-epoch full-trajectory MSE that picks the best θ. */
function monitorSolverOptions(config: ExperimentConfig): SolveOptions {
  const tol = config.method === "multishoot" ? config.multishoot?.monitorTolerance : undefined;
  return tol ? { ...solverOptions(config), rtol: tol.rtol, atol: tol.atol } : solverOptions(config);
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** MSE per window over all trajectories (row-major sums, so one trajectory gives loss.ts's mse bit for bit). */
export function windowScores(data: RunData, preds: readonly (ArrayLike<number> | null)[], window: "train" | "extrap"): WindowScores {
  const dim = data.dim;
  const sum = new Array(dim).fill(0);
  let count = 0;
  let total = 0;
  let failed = false;
  data.trajectories.forEach((tr, j) => {
    const from = window === "train" ? 0 : tr.trainPoints;
    const to = window === "train" ? tr.trainPoints : tr.t.length;
    if (to <= from) return;
    const p = preds[j];
    if (!p) {
      failed = true;
      return;
    }
    for (let i = from; i < to; i++) {
      for (let c = 0; c < dim; c++) {
        const r = p[i * dim + c] - tr.u[i * dim + c];
        const e = r * r;
        sum[c] += e;
        total += e;
      }
    }
    count += to - from;
  });
  if (failed || count === 0) return { mse: null, nmse: null, byState: new Array(dim).fill(null) as (number | null)[] };
  const byState = sum.map((s) => s / count);
  const v = data.variance;
  return {
    mse: finiteOrNull(total / (count * dim)),
    nmse: finiteOrNull(byState.reduce((a, b, c) => a + b / (v[c] > 0 ? v[c] : 1), 0) / dim),
    byState: byState.map(finiteOrNull),
  };
}

/** Train a prepared run and score it. */
export function runPrepared(prep: PreparedRun, options: RunOptions = {}): RunResult {
  const { config, data } = prep;
  const result = train(prep.trainModel, prep.training[0], prep.objective, prep.theta0, {
    epochs: config.epochs,
    // Weight decay regularises network weights; it would pull physical parameters towards 0.
    optimizer: { lr: config.lr, weightDecay: config.weightDecay, noDecay: prep.noDecay },
    solver: monitorSolverOptions(config),
    onEpoch: options.onEpoch ? (r) => options.onEpoch?.(r, config) : undefined,
    inspect: options.inspect,
    resume: options.resume,
    checkpointEvery: options.checkpointEvery,
    shouldStop: options.shouldStop,
    onCheckpoint: options.onState ? (st) => options.onState?.(st, false) : undefined,
  });
  options.onState?.(result.state, true);
  const preds = result.bestEpoch >= 0 ? rolloutRun(prep, result.bestTheta) : data.trajectories.map(() => null);
  const h = result.history;
  const single = data.trajectories.length === 1 ? data.trajectories[0] : null;
  const pred = single ? preds[0] : null;
  const extrapPred = single && pred ? pred.subarray(single.trainPoints * data.dim) : null;
  const measured = config.data.kind === "table";
  const interp = measured ? windowScores(data, preds, "train") : null;
  const extrap = measured ? windowScores(data, preds, "extrap") : null;
  const run: RunResult = {
    id: runId(config),
    config,
    status: result.status,
    failure: result.failure,
    interpMse: interp ? (interp.mse ?? NaN) : result.bestMse,
    extrapMse: extrap ? extrap.mse : extrapPred ? finiteOrNull(mse(extrapPred, single!.u.subarray(single!.trainPoints * data.dim))) : null,
    extrapMseClean: extrapPred && single?.extrapClean ? finiteOrNull(mse(extrapPred, single.extrapClean)) : null,
    bestEpoch: result.bestEpoch,
    epochs: result.epochsRun,
    seconds: result.seconds,
    totalNfe: h.reduce((a, r) => a + r.nfe, 0),
    dataSource: data.source,
    modelDescription: prep.model.describe(),
    history: {
      loss: h.map((r) => r.loss),
      mse: h.map((r) => r.mse),
      lambda: h.map((r) => r.lambda),
      nfe: h.map((r) => r.nfe),
      ms: h.map((r) => Math.round(r.ms * 1000) / 1000),
    },
    prediction: single && pred ? { t: Array.from(single.t), u: Array.from(pred), dim: data.dim, extrapStart: single.trainPoints } : null,
    bestTheta: Array.from(result.bestTheta),
  };
  if (interp && extrap) run.trajectories = { interp, extrap, predictions: preds.map((p) => (p ? Array.from(p) : null)) };
  return run;
}

/** Train `config` on a paper dataset `ds` and score it. */
export function runOnDataset(config: ExperimentConfig, ds: Dataset, options: RunOptions = {}): RunResult {
  const model = buildModel(config);
  return runPrepared(prepareRun(config, runDataFromDataset(ds), { model, trainModel: model, noDecay: [] }), options);
}
