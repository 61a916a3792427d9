/** Worker-thread entry: runs experiment configs sent by the pool and posts back results or errors. */
import { parentPort } from "node:worker_threads";
import { runExperiment } from "./runner";
import { ExperimentConfig } from "./config";

interface Job {
  id: string;
  config: ExperimentConfig;
}

const port = parentPort;
if (!port) throw new Error("experiments/worker.ts must run in a worker thread");

port.on("message", (job: Job) => {
  let last = 0;
  try {
    const result = runExperiment(job.config, {
      onEpoch: (rec) => {
        const now = Date.now();
        if (now - last > 250) {
          last = now;
          port.postMessage({ type: "epoch", id: job.id, epoch: rec.epoch + 1 });
        }
      },
    });
    port.postMessage({ type: "done", id: job.id, result });
  } catch (e) {
    port.postMessage({ type: "error", id: job.id, message: (e as Error)?.message ?? String(e) });
  }
});
