/**
 * Runs many experiment configs on a pool of worker threads (one per core by default), or in this
 * thread when jobs = 1. Each run depends only on its config, so results do not depend on `jobs`.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { ExperimentConfig, runId } from "./config";
import { runExperiment, RunResult } from "./runner";

export interface PoolEvents {
  onStart?: (id: string, config: ExperimentConfig) => void;
  onEpoch?: (id: string, epoch: number) => void;
  onDone?: (result: RunResult) => void;
  onError?: (id: string, message: string) => void;
  /** Stop early (Ctrl-C): runs in flight are abandoned, finished ones have been reported. */
  signal?: AbortSignal;
}

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
}

/** Run all configs; resolves when every run has finished (results arrive through the events). */
export async function runPool(configs: ExperimentConfig[], jobs: number, events: PoolEvents = {}): Promise<void> {
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs: expected a whole number ≥ 1, got ${jobs}`);
  // In this thread nothing can interrupt a run, so a stoppable pool always uses workers.
  if ((jobs === 1 || configs.length <= 1) && !events.signal) {
    for (const config of configs) runInThread(config, events);
    return;
  }
  const queue = configs.slice();
  const workerFile = path.join(__dirname, "worker.ts");
  // Workers compile the TypeScript with tsx, like the CLI does.
  const execArgv = ["--require", require.resolve("tsx/cjs")];
  const nWorkers = Math.min(jobs, configs.length);
  await Promise.all(
    Array.from({ length: nWorkers }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerFile, { execArgv });
        let current: string | null = null;
        const stop = () => {
          queue.length = 0;
          current = null;
          void worker.terminate().then(() => resolve());
        };
        if (events.signal?.aborted) return stop();
        events.signal?.addEventListener("abort", stop, { once: true });
        const next = () => {
          if (events.signal?.aborted) return;
          const config = queue.shift();
          if (!config) {
            current = null;
            void worker.terminate().then(() => resolve());
            return;
          }
          current = runId(config);
          events.onStart?.(current, config);
          worker.postMessage({ id: current, config });
        };
        worker.on("message", (msg: { type: string; id: string; epoch?: number; result?: RunResult; message?: string }) => {
          if (msg.type === "epoch") events.onEpoch?.(msg.id, msg.epoch as number);
          else if (msg.type === "done") {
            events.onDone?.(msg.result as RunResult);
            next();
          } else if (msg.type === "error") {
            events.onError?.(msg.id, msg.message as string);
            next();
          }
        });
        worker.on("error", (e) => {
          if (current) events.onError?.(current, e.message);
          reject(e);
        });
        next();
      }),
    ),
  );
}

function runInThread(config: ExperimentConfig, events: PoolEvents): void {
  const id = runId(config);
  events.onStart?.(id, config);
  try {
    let last = 0;
    const result = runExperiment(config, {
      onEpoch: (rec) => {
        const now = Date.now();
        if (now - last > 250) {
          last = now;
          events.onEpoch?.(id, rec.epoch + 1);
        }
      },
    });
    events.onDone?.(result);
  } catch (e) {
    events.onError?.(id, (e as Error)?.message ?? String(e));
  }
}
