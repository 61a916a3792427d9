/** The page's Web Worker: runs one job at a time (jobs.ts) so the page stays responsive. */
import { dataJob, syncJob, trainJob } from "./jobs";
import { useKernelBackend, KernelBackend } from "../lib/core/index";

declare const self: { onmessage: ((e: { data: WorkerRequest }) => void) | null; postMessage(message: unknown): void };

export type WorkerJob =
  | { kind: "train"; config: unknown; progressMs?: number; backend?: KernelBackend }
  | { kind: "data"; config: unknown }
  | { kind: "sync"; config: unknown; k: number };

export type WorkerRequest = WorkerJob & { id: number };

self.onmessage = (e) => {
  const job = e.data;
  try {
    if (job.kind === "train") {
      if (job.backend) useKernelBackend(job.backend);
      const out = trainJob(job.config, (p) => self.postMessage({ id: job.id, kind: "progress", progress: p }), job.progressMs ?? 250);
      self.postMessage({ id: job.id, kind: "done", result: out });
    } else if (job.kind === "data") self.postMessage({ id: job.id, kind: "done", result: dataJob(job.config) });
    else self.postMessage({ id: job.id, kind: "done", result: syncJob(job.config, job.k) });
  } catch (err) {
    self.postMessage({ id: job.id, kind: "error", message: (err as Error).message ?? String(err) });
  }
};
