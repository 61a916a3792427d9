/**
 * What the page computes, as plain functions of a config (run in a Web Worker by worker.ts, and
 * callable in Node for tests): training with throttled progress, the data, and the
 * synchronisation of the untrained model at a chosen k.
 */
import {
  ExperimentConfig, parseConfig, buildModel, initialTheta, simulatedDataset, solverOptions, trueSystem,
  buildSchedule, rollout, runOnDataset, runSummary, RunSummary, Dataset,
} from "../lib/paper/index";
import { SmoothingSpline, CoupledField, suggestCouplingStrength, solve, mse } from "../lib/core/index";

export interface SeriesData {
  t: number[];
  /** (t.length × dim) row-major. */
  u: number[];
}

export interface DataView {
  dim: number;
  stateNames: string[];
  train: SeriesData;
  extrap: SeriesData;
  source: string;
}

export interface Prediction {
  t: number[];
  u: number[];
  dim: number;
  extrapStart: number;
}

export interface EpochRows {
  epoch: number[];
  loss: number[];
  mse: number[];
  lambda: number[];
}

export interface Progress {
  /** Epoch records since the previous report. */
  rows: EpochRows;
  /** The current θ rolled out over train + extrapolation times (null if the solver failed). */
  prediction: Prediction | null;
  epochsDone: number;
}

export interface TrainOutcome {
  summary: RunSummary;
  rows: EpochRows;
  prediction: Prediction | null;
  /** The λ plateaus (homotopy), for the staircase. */
  plateaus: { start: number; lambda: number }[];
}

export function dataView(ds: Dataset): DataView {
  return {
    dim: ds.dim,
    stateNames: [...ds.stateNames],
    train: { t: Array.from(ds.train.t), u: Array.from(ds.train.u) },
    extrap: { t: Array.from(ds.extrap.t), u: Array.from(ds.extrap.u) },
    source: ds.source,
  };
}

function emptyRows(): EpochRows {
  return { epoch: [], loss: [], mse: [], lambda: [] };
}

/** The data of a (simulated) config. */
export function dataJob(raw: unknown): DataView {
  return dataView(simulatedDataset(parseConfig(raw)));
}

/**
 * Train a config as `homotopy-ode train` does and resolve to its --json object. `report` gets
 * progress at most every `everyMs` milliseconds (and the prediction of the θ of that moment).
 */
export function trainJob(raw: unknown, report?: (p: Progress) => void, everyMs = 250, now: () => number = () => Date.now()): TrainOutcome {
  const config: ExperimentConfig = parseConfig(raw);
  const ds = simulatedDataset(config);
  const all = emptyRows();
  let pending = emptyRows();
  let last = now();
  let theta: Float64Array | null = null;
  const viewModel = report ? buildModel(config) : null;
  // The live picture needs less precision than the scores; a capped, looser solve keeps it cheap
  // even while θ is still far off (stiff, many steps).
  const previewConfig: ExperimentConfig = { ...config, solver: { ...config.solver, rtol: 1e-5, atol: 1e-7, maxSteps: 2000 } };
  let gap = everyMs;
  const predict = (th: Float64Array): Prediction | null => {
    const started = now();
    const u = viewModel ? rollout(viewModel, ds, th, previewConfig) : null;
    // Pictures may take at most a fifth of the time: wait longer after an expensive one.
    gap = Math.max(everyMs, 4 * (now() - started));
    return u ? { t: [...ds.train.t, ...ds.extrap.t], u: Array.from(u), dim: ds.dim, extrapStart: ds.train.t.length } : null;
  };
  const result = runOnDataset(config, ds, {
    inspect: report ? (_epoch, th) => (theta = th) : undefined,
    onEpoch: (rec) => {
      for (const rows of [all, pending]) {
        rows.epoch.push(rec.epoch);
        rows.loss.push(rec.loss);
        rows.mse.push(rec.mse);
        rows.lambda.push(rec.lambda);
      }
      if (report && now() - last >= gap) {
        report({ rows: pending, prediction: theta ? predict(theta) : null, epochsDone: rec.epoch + 1 });
        last = now();
        pending = emptyRows();
      }
    },
  });
  return {
    summary: runSummary(result),
    rows: all,
    prediction: result.prediction,
    plateaus: config.homotopy && config.method === "homotopy" ? buildSchedule(config).plateaus.map((p) => ({ ...p })) : [],
  };
}

export interface SyncOutcome {
  k: number;
  /** The helper's k (Theorem 1 along the spline of the data, with the true system's Jacobian). */
  suggestedK: number;
  t: number[];
  /** The untrained model coupled at k (λ = 1), or null if the solver failed. */
  coupled: number[] | null;
  /** The untrained model alone (k = 0), or null if the solver failed. */
  free: number[] | null;
  coupledMse: number | null;
  dim: number;
}

/** Theorem 1 on screen: the untrained model's trajectory, coupled to the data's spline at k. */
export function syncJob(raw: unknown, k: number): SyncOutcome {
  const config = parseConfig(raw);
  const ds = simulatedDataset(config);
  const alpha = config.homotopy?.alpha ?? 1e-3;
  const spline = new SmoothingSpline(ds.train.t, ds.train.u, ds.dim, alpha);
  const model = buildModel(config);
  const theta0 = initialTheta(config, model);
  const suggestedK = suggestCouplingStrength({ jacobian: trueSystem(config), spline }).suggestedK;
  const run = (gain: number): Float64Array | null => {
    try {
      return solve(new CoupledField(model, spline, gain, 1), ds.u0, ds.train.t, theta0, { ...solverOptions(config), record: false }).us;
    } catch {
      return null;
    }
  };
  const coupled = run(k);
  const free = run(0);
  return {
    k,
    suggestedK,
    t: Array.from(ds.train.t),
    coupled: coupled ? Array.from(coupled) : null,
    free: free ? Array.from(free) : null,
    coupledMse: coupled ? mse(coupled, ds.train.u) : null,
    dim: ds.dim,
  };
}
