/**
 * The default --jobs of the analysis commands. A worker thread first loads the library (about
 * half a second on an idle machine, several on a busy one), so work that one thread finishes in
 * a few seconds is faster without workers; longer work gets one worker per core.
 */
import { defaultJobs } from "../../paper/index";

/** Below this estimate of one thread's time, stay in this thread. */
export const WORKERS_WORTHWHILE_SECONDS = 5;

/** --jobs as given, else one per core when the work would take one thread ≥ 5 s, else 1. */
export function jobsFor(given: number | undefined, estimatedSeconds: () => number): number {
  if (given !== undefined) return given;
  return estimatedSeconds() >= WORKERS_WORTHWHILE_SECONDS ? defaultJobs() : 1;
}

/** Wall time of one call of f in seconds: after a warm-up call (it compiles), the fastest of three. */
export function secondsOf(f: () => unknown): number {
  f();
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000;
}
