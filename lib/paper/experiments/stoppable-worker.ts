/** Worker-thread entry of runStoppable: one experiment, stopped when the shared flag is set. */
import { parentPort, workerData } from "node:worker_threads";
import { runExperiment } from "./runner";
import type { StoppableJob } from "./stoppable";

const port = parentPort;
if (!port) throw new Error("experiments/stoppable-worker.ts must run in a worker thread");
const job = workerData as StoppableJob;
const flag = new Int32Array(job.stopFlag);
try {
  const result = runExperiment(job.config, {
    resume: job.resume,
    checkpointEvery: job.checkpointEvery,
    shouldStop: () => Atomics.load(flag, 0) !== 0,
    onEpoch: (record) => port.postMessage({ type: "epoch", record }),
    onState: (state, final) => port.postMessage({ type: "state", state, final }),
  });
  port.postMessage({ type: "done", result });
} catch (e) {
  port.postMessage({ type: "error", message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack });
}
