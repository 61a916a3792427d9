/**
 * Hessian landscapes with their grid rows on the worker pool (experiments/pool.ts). Closures cannot
 * cross threads, so a row task carries the problem as plain options and each worker rebuilds the
 * same loss from them (the build is deterministic, so every row has the numbers the serial
 * hessianLandscape computes). The eigenvectors come first, in this thread: Lanczos is sequential.
 */
import * as path from "node:path";
import { runTasks, TaskKind } from "../experiments/pool";
import { analysisProblem } from "./problem";
import { ProblemSpec, problemOf, problemOptions } from "./problem-spec";
import { hessianDirections, HessianLandscape, HessianLandscapeOptions } from "./figure2";
import { landscapeAxes, landscapeGrid, landscapeRow } from "./landscape";

/** One row of the grid: θ = center + a·d₁ + b_j d₂ for every b_j. */
export interface LandscapeRowTask {
  problem: ProblemSpec;
  center: Float64Array;
  d1: Float64Array;
  d2: Float64Array;
  a: number;
  b: Float64Array;
}

/** The row task: the loss along one row of the grid (what landscapeRow computes in this thread). */
export const landscapeRowTask: TaskKind<LandscapeRowTask, Float64Array> = {
  workerFile: path.join(__dirname, "landscape-worker.ts"),
  run: (task) => {
    const problem = problemOf(task.problem);
    const maxSteps = problem.config.solver.maxSteps;
    return landscapeRow((th) => problem.loss.adaptiveValue(th, maxSteps), task.center, task.d1, task.d2, task.a, task.b);
  },
};

/**
 * hessianLandscape of the problem `spec` describes, its rows on `jobs` threads; the same numbers
 * as the serial call whatever `jobs` is. onRow reports rows done (in finishing order).
 */
export async function hessianLandscapeOnPool(spec: ProblemSpec, jobs: number, options: HessianLandscapeOptions = {}): Promise<HessianLandscape> {
  const problem = analysisProblem(problemOptions(spec));
  const { directions, eigenvalues } = options.directions ? { directions: options.directions, eigenvalues: options.eigenvalues ?? [] } : hessianDirections(problem, options);
  const { a, b, clip } = landscapeAxes(options);
  const tasks: LandscapeRowTask[] = Array.from(a, (ai) => ({ problem: spec, center: problem.theta, d1: directions[0], d2: directions[1], a: ai, b }));
  let done = 0;
  const rows = await runTasks(landscapeRowTask, tasks, jobs, { onResult: () => options.onRow?.(++done, a.length) });
  const loss = new Float64Array(a.length * b.length);
  rows.forEach((r, i) => {
    if (r.ok !== true) throw new Error(`landscape row ${i}: ${r.error}`);
    loss.set(r.value, i * b.length);
  });
  const maxSteps = problem.config.solver.maxSteps;
  return { grid: landscapeGrid(a, b, loss, clip, problem.loss.adaptiveValue(problem.theta, maxSteps)), eigenvalues, directions };
}
