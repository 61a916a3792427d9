/** A task kind for testing the worker pool: squares numbers, throws, or kills its worker on request. */
import * as path from "node:path";
import { isMainThread } from "node:worker_threads";
import { TaskKind } from "../../lib/paper/experiments/pool";

export type Probe = { kind: "square"; x: number; spinMs?: number } | { kind: "throw"; message: string } | { kind: "exit"; code: number };

export const probeTask: TaskKind<Probe, number> = {
  workerFile: path.join(__dirname, "pool-probe-worker.ts"),
  run: (p, progress) => {
    if (p.kind === "throw") throw new Error(p.message);
    if (p.kind === "exit") {
      if (isMainThread) throw new Error("exit probes only run in a worker");
      process.exit(p.code);
    }
    // Busy for spinMs, reporting progress all the while (the pool throttles it).
    const until = Date.now() + (p.spinMs ?? 0);
    let n = 0;
    while (Date.now() < until) progress(++n);
    return p.x * p.x;
  },
};
