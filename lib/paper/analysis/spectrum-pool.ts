/**
 * The Hessian spectrum with its two independent halves on the worker pool: the Lanczos runs (SLQ
 * and the top eigenpairs) on one thread, Hutchinson's trace on another. Each half draws from its
 * own fork of the seed's Rng and each worker rebuilds the same loss (problem-spec.ts), so the
 * result equals hessianSpectrum's in one thread whatever `jobs` is.
 */
import * as path from "node:path";
import { runTasks, TaskKind } from "../experiments/pool";
import { ProblemSpec, problemOf } from "./problem-spec";
import {
  HessianOperator, HvpOptions, HessianSpectrum, joinSpectrum, spectrumLanczosPart, SpectrumLanczosPart,
  SpectrumOptions, spectrumTracePart, TraceEstimate,
} from "../../core/index";

export interface SpectrumPartTask {
  problem: ProblemSpec;
  hvp: HvpOptions;
  options: SpectrumOptions;
  part: "lanczos" | "trace";
}

/** A half's result, the Hessian's size n and the Hessian-vector products it took. */
export type SpectrumPartResult = { part: "lanczos"; value: SpectrumLanczosPart; n: number; calls: number } | { part: "trace"; value: TraceEstimate | null; n: number; calls: number };

export const spectrumPartTask: TaskKind<SpectrumPartTask, SpectrumPartResult> = {
  workerFile: path.join(__dirname, "spectrum-worker.ts"),
  run: (task) => {
    const problem = problemOf(task.problem);
    const op = new HessianOperator(problem.loss, problem.theta, task.hvp);
    return task.part === "lanczos"
      ? { part: "lanczos", value: spectrumLanczosPart(op, task.options), n: op.n, calls: op.calls }
      : { part: "trace", value: spectrumTracePart(op, task.options), n: op.n, calls: op.calls };
  },
};

/** hessianSpectrum of the problem `spec` describes, its Lanczos runs and trace on up to 2 of `jobs` threads. */
export async function hessianSpectrumOnPool(
  spec: ProblemSpec,
  jobs: number,
  options: SpectrumOptions = {},
  hvp: HvpOptions = {},
): Promise<{ spectrum: HessianSpectrum; hessianVectorProducts: number }> {
  const parts = options.trace === false ? (["lanczos"] as const) : (["lanczos", "trace"] as const);
  const results = await runTasks(spectrumPartTask, parts.map((part) => ({ problem: spec, hvp, options, part })), jobs);
  let lanczos: SpectrumLanczosPart | null = null;
  let trace: TraceEstimate | null = null;
  let calls = 0;
  let n = 0;
  for (const r of results) {
    if (r.ok !== true) throw new Error(`spectrum: ${r.error}`);
    calls += r.value.calls;
    n = r.value.n;
    if (r.value.part === "lanczos") lanczos = r.value.value;
    else trace = r.value.value;
  }
  return { spectrum: joinSpectrum(n, lanczos as SpectrumLanczosPart, trace), hessianVectorProducts: calls };
}
