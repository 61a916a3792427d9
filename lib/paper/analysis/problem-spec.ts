/**
 * An analysed loss as plain data, for tasks on worker threads (closures and built models cannot
 * cross threads): analysisProblem's options with θ as numbers. Building is deterministic, so a
 * worker's problem gives the numbers this thread's does.
 */
import { AnalysisProblem, AnalysisProblemOptions, analysisProblem } from "./problem";

/** analysisProblem's options without a prebuilt dataset, θ as numbers. */
export type ProblemSpec = Omit<AnalysisProblemOptions, "dataset" | "theta"> & { theta?: number[] };

export function problemSpec(options: AnalysisProblemOptions): ProblemSpec {
  const { dataset: _dataset, theta, ...rest } = options;
  return { ...rest, theta: theta ? Array.from(theta) : undefined };
}

export function problemOptions(spec: ProblemSpec): AnalysisProblemOptions {
  return { ...spec, theta: spec.theta ? Float64Array.from(spec.theta) : undefined };
}

// A worker serves many tasks of one problem: build it once.
let cached: { key: string; problem: AnalysisProblem } | null = null;

/** The problem of a spec, reusing the last one built when the spec is the same. */
export function problemOf(spec: ProblemSpec): AnalysisProblem {
  const key = JSON.stringify(spec);
  if (!cached || cached.key !== key) cached = { key, problem: analysisProblem(problemOptions(spec)) };
  return cached.problem;
}
