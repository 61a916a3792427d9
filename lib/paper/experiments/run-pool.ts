/**
 * Many experiment configs on the worker pool (pool.ts, whose failure rule applies): each config's
 * RunResult or error message arrives through the events as soon as the run ends.
 */
import * as path from "node:path";
import { ExperimentConfig, runId } from "./config";
import { runExperiment, RunResult } from "./runner";
import { runTasks, TaskKind } from "./pool";
import { estimateRunCost } from "./cost";

/** The experiment task: one config in, its RunResult out; progress is epochs done. */
export const experimentTask: TaskKind<ExperimentConfig, RunResult> = {
  workerFile: path.join(__dirname, "worker.ts"),
  run: (config, progress) => runExperiment(config, { onEpoch: (rec) => progress(rec.epoch + 1) }),
};

/** Callbacks of runPool, keyed by run id. */
export interface PoolEvents {
  onStart?: (id: string, config: ExperimentConfig) => void;
  onEpoch?: (id: string, epoch: number) => void;
  onDone?: (result: RunResult) => void;
  /** A run that threw (e.g. a missing data file); the other runs go on. */
  onError?: (id: string, message: string) => void;
  /** Stop early (Ctrl-C): runs in flight are abandoned, finished ones have been reported. */
  signal?: AbortSignal;
}

/**
 * Run all configs on `jobs` threads, the costliest (estimateRunCost) first so the threads finish
 * together; resolves when every run has ended (results arrive through the events).
 */
export async function runPool(configs: ExperimentConfig[], jobs: number, events: PoolEvents = {}): Promise<void> {
  const ids = configs.map(runId);
  await runTasks(experimentTask, configs, jobs, {
    onStart: (i) => events.onStart?.(ids[i], configs[i]),
    onProgress: (i, epoch) => events.onEpoch?.(ids[i], epoch),
    onResult: (i, r) => (r.ok === true ? events.onDone?.(r.value) : events.onError?.(ids[i], r.error)),
    signal: events.signal,
    costs: configs.map(estimateRunCost),
  });
}
