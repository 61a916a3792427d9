/**
 * One experiment on a worker thread, so that the calling thread stays free to hear Ctrl-C and can
 * stop training between two epochs (a synchronous run in this thread could not be interrupted).
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { ExperimentConfig } from "./config";
import { RunResult } from "./runner";
import { EpochRecord, TrainState } from "../../core/index";

export interface StoppableJob {
  config: ExperimentConfig;
  resume?: TrainState;
  checkpointEvery?: number;
  /** Int32 flag: non-zero asks the run to stop before its next epoch. */
  stopFlag: SharedArrayBuffer;
}

export interface StoppableRun {
  /** Resolves with the result; `stopped` when training ended early on request. */
  done: Promise<{ result: RunResult; stopped: boolean }>;
  /** Stop before the next epoch; the final state (onState with final = true) resumes the run. */
  stop: () => void;
}

export function runStoppable(
  config: ExperimentConfig,
  options: { resume?: TrainState; checkpointEvery?: number; onEpoch?: (record: EpochRecord) => void; onState?: (state: TrainState, final: boolean) => void } = {},
): StoppableRun {
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  const job: StoppableJob = { config, resume: options.resume, checkpointEvery: options.checkpointEvery, stopFlag };
  // Workers compile the TypeScript with tsx, like the CLI does.
  const worker = new Worker(path.join(__dirname, "stoppable-worker.ts"), { workerData: job, execArgv: ["--require", require.resolve("tsx/cjs")] });
  const done = new Promise<{ result: RunResult; stopped: boolean }>((resolve, reject) => {
    worker.on("message", (msg: { type: string; record?: EpochRecord; state?: TrainState; final?: boolean; result?: RunResult; message?: string; stack?: string }) => {
      if (msg.type === "epoch") options.onEpoch?.(msg.record as EpochRecord);
      else if (msg.type === "state") options.onState?.(msg.state as TrainState, Boolean(msg.final));
      else if (msg.type === "done") {
        const result = msg.result as RunResult;
        resolve({ result, stopped: Atomics.load(flag, 0) !== 0 && result.epochs < config.epochs });
        void worker.terminate();
      } else if (msg.type === "error") {
        const e = new Error(msg.message);
        e.stack = msg.stack;
        reject(e);
        void worker.terminate();
      }
    });
    worker.on("error", reject);
  });
  return { done, stop: () => Atomics.store(flag, 0, 1) };
}
