/**
 * A training run observed while it trains (Figures 5 and 6): θ kept at chosen epochs and rolled
 * out over the training and extrapolation windows, and the Hessian trace followed every N epochs
 * for one or more losses. `trackedRun` runs in this thread; `trackedRunPool` runs many on the
 * worker pool (experiments/pool.ts; closures cannot cross threads, so the jobs are plain data).
 *
 * Measurements happen inside the training loop's inspect hook, so a run's `seconds` and per-epoch
 * `ms` include them; the numbers it trains to do not depend on them.
 */
import * as path from "node:path";
import { ExperimentConfig, runId } from "../experiments/config";
import { buildDataset, buildModel } from "../experiments/build";
import { rollout, runExperiment, RunResult, RunOptions } from "../experiments/runner";
import { runTasks, TaskKind } from "../experiments/pool";
import { Dataset } from "../systems/dataset";
import { mse } from "../../core/index";
import { TracePoint, TraceTracker, TraceTrackingOptions } from "./trace-tracking";

export interface TrackedTrace {
  /** Key of the result, e.g. "uncoupled" or "training". */
  name: string;
  options: TraceTrackingOptions;
}

/** What to track during a run: snapshot epochs, trace probes and cadence. */
export interface TrackedRunOptions {
  /** Keep θ before the step of these epochs (epochs the run does not reach are skipped). */
  snapshotEpochs?: number[];
  /** Hessian traces to follow; each gets its own TraceTracker. */
  traces?: TrackedTrace[];
}

export interface Snapshot {
  epoch: number;
  theta: number[];
  /** Rollout from u0 over train + extrapolation times, (n × dim) row-major; null if the solve failed. */
  u: number[] | null;
  /** MSE of that rollout on the training window and on the extrapolation window (NaN if it failed). */
  interpMse: number;
  extrapMse: number;
}

/** A run with its Hessian-trace track and prediction snapshots during training. */
export interface TrackedRun {
  run: RunResult;
  /** Times of the snapshot rollouts (train then extrapolation); extrapStart = first extrapolation index. */
  t: number[];
  extrapStart: number;
  snapshots: Snapshot[];
  traces: Record<string, TracePoint[]>;
}

function checkOptions(options: TrackedRunOptions): void {
  for (const e of options.snapshotEpochs ?? []) {
    if (!Number.isInteger(e) || e < 0) throw new RangeError(`tracked run snapshotEpochs: expected whole numbers ≥ 0, got ${e}`);
  }
  const names = (options.traces ?? []).map((t) => t.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new RangeError(`tracked run traces: each name must be unique, "${dup}" appears twice`);
}

/** Train one config with snapshots and Hessian traces attached. */
export function trackedRun(config: ExperimentConfig, options: TrackedRunOptions & { dataset?: Dataset; onEpoch?: RunOptions["onEpoch"] } = {}): TrackedRun {
  checkOptions(options);
  const dataset = options.dataset ?? buildDataset(config);
  const trackers = (options.traces ?? []).map((t) => ({ name: t.name, tracker: new TraceTracker(config, dataset, t.options) }));
  const wanted = new Set(options.snapshotEpochs ?? []);
  const kept: { epoch: number; theta: Float64Array }[] = [];
  const run = runExperiment(config, {
    dataset,
    onEpoch: options.onEpoch,
    inspect: (epoch, theta, extra) => {
      if (wanted.has(epoch)) kept.push({ epoch, theta: Float64Array.from(theta) });
      for (const t of trackers) t.tracker.inspect(epoch, theta, extra);
    },
  });
  const model = buildModel(config);
  const nTrain = dataset.train.t.length * dataset.dim;
  const snapshots = kept.map(({ epoch, theta }) => {
    const u = rollout(model, dataset, theta, config);
    return {
      epoch,
      theta: Array.from(theta),
      u: u ? Array.from(u) : null,
      interpMse: u ? mse(u.subarray(0, nTrain), dataset.train.u) : NaN,
      extrapMse: u ? mse(u.subarray(nTrain), dataset.extrap.u) : NaN,
    };
  });
  return {
    run,
    t: [...dataset.train.t, ...dataset.extrap.t],
    extrapStart: dataset.train.t.length,
    snapshots,
    traces: Object.fromEntries(trackers.map((t) => [t.name, t.tracker.points])),
  };
}

/** A run to track: its config and tracking options (one job of `trackedRunPool`). */
export interface TrackedJob {
  config: ExperimentConfig;
  options?: TrackedRunOptions;
}

export interface TrackedPoolEvents {
  onStart?: (index: number, id: string) => void;
  onDone?: (index: number, result: TrackedRun) => void;
}

/** The tracked-run task: one job in, its TrackedRun out. */
export const trackedTask: TaskKind<TrackedJob, TrackedRun> = {
  workerFile: path.join(__dirname, "tracked-worker.ts"),
  run: (job) => trackedRun(job.config, job.options ?? {}),
};

/**
 * Run the jobs on `workers` worker threads (in this thread when workers = 1); results come back
 * in job order. Under the pool's failure rule every job runs; if any failed, the pool then rejects
 * with the first failure in job order, named by its run id.
 */
export async function trackedRunPool(jobs: TrackedJob[], workers: number, events: TrackedPoolEvents = {}): Promise<TrackedRun[]> {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`tracked run pool workers: expected a whole number ≥ 1, got ${workers}`);
  jobs.forEach((j) => checkOptions(j.options ?? {}));
  const results = await runTasks(trackedTask, jobs, workers, {
    onStart: (i) => events.onStart?.(i, runId(jobs[i].config)),
    onResult: (i, r) => {
      if (r.ok) events.onDone?.(i, r.value);
    },
  });
  return results.map((r, i) => {
    if (r.ok === false) throw new Error(`tracked run ${runId(jobs[i].config)}: ${r.error}`);
    return r.value;
  });
}
