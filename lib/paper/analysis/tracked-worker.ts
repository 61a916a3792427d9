/** Worker-thread entry of trackedRunPool: runs one tracked job per message and posts the result back. */
import { parentPort } from "node:worker_threads";
import { ExperimentConfig } from "../experiments/config";
import { trackedRun, TrackedRunOptions } from "./tracked-run";

const port = parentPort;
if (!port) throw new Error("analysis/tracked-worker.ts must run in a worker thread");

port.on("message", (job: { index: number; config: ExperimentConfig; options: TrackedRunOptions }) => {
  try {
    port.postMessage({ type: "done", index: job.index, result: trackedRun(job.config, job.options) });
  } catch (e) {
    port.postMessage({ type: "error", index: job.index, message: (e as Error)?.message ?? String(e) });
  }
});
