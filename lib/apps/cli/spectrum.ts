/** `homotopy-ode spectrum`: Hessian spectrum (SLQ), top eigenvalues and trace of a paper model's training loss. */
import * as fs from "node:fs";
import {
  MODELS, ModelName, SYSTEMS, SystemName, PAPER_MODELS, AnalysisProblem, AnalysisProblemOptions,
  analysisProblem, hessianSpectrumOnPool, problemSpec,
} from "../../paper/index";
import type { HvpScheme } from "../../core/index";
import { densityGenerate, HessianOperator } from "../../core/index";
import { jobsFor, secondsOf, WORKERS_WORTHWHILE_SECONDS } from "./auto-jobs";
import { UsageError } from "./errors";
import { choiceFlag, intFlag, numberFlag, parseFlags } from "./flags";

export const SPECTRUM_HELP = `homotopy-ode spectrum --system lotka-volterra|lorenz|double-pendulum --model blackbox|graybox|secondorder
                      [--t-end X] [--k X] [--lambda X] [--seed N] [--theta FILE]
                      [--iters 100] [--probes 1] [--top 2] [--trace-probes 100] [--trace-tol 1e-3]
                      [--probe-seed 0] [--hvp richardson|central] [--density] [--bins 10000] [--jobs N] [--json]

The Hessian of the training loss (rollout MSE, elementwise mean) with respect to θ, at the model's
PyTorch-identical initialisation for --seed (default 10) or at the θ in --theta (a JSON array, or
an object with "bestTheta", such as \`train --json\` output). --t-end changes the data length of a
simulated system; --k > 0 gives the coupled loss du/dt = f + λ·k·(û − u) (λ from --lambda, default 1;
spline α as the paper). Hessian-vector products difference the exact gradient with the adaptive
step sequence frozen at θ (--hvp, default richardson).

Spectrum: stochastic Lanczos quadrature with --probes Rademacher probes and --iters Lanczos steps
(full reorthogonalisation); weights are the squared first components of the Ritz vectors.
Top eigenvalues (largest |λ| first) come from the first probe's Lanczos run. Trace: Hutchinson with
up to --trace-probes Rademacher probes, stopping when the running mean changes by < --trace-tol.
--json prints one JSON object: ritzValues and weights (one array per probe), topEigenvalues,
trace (and its standard error), loss, n, the settings; --density adds PyHessian's density_generate
grid and density (--bins points). The Lanczos runs and the trace are independent and run on two of
--jobs worker threads with the numbers of one thread; by default on two when they would take one
thread ${WORKERS_WORTHWHILE_SECONDS} s or more (timed from one Hessian-vector product), else in this thread.`;

export const SPECTRUM_SUMMARY = "Hessian spectrum, top eigenvalues and trace of a training loss";

/** Flags shared with `landscape`: which loss, at which θ. */
export const PROBLEM_FLAGS = {
  system: { type: "string" },
  model: { type: "string" },
  "t-end": { type: "string" },
  k: { type: "string" },
  lambda: { type: "string" },
  seed: { type: "string" },
  theta: { type: "string" },
} as const;

export interface ProblemFlagValues {
  system?: string;
  model?: string;
  "t-end"?: string;
  k?: string;
  lambda?: string;
  seed?: string;
  theta?: string;
}

/** Read θ from a JSON file: an array of numbers, or an object with a bestTheta/theta array. */
export function readThetaFile(file: string): Float64Array {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`--theta: cannot read ${file}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--theta: ${file} is not JSON; expected an array of numbers or an object with "bestTheta"`);
  }
  const obj = value as { bestTheta?: unknown; theta?: unknown } | null;
  const arr = Array.isArray(value) ? value : obj && Array.isArray(obj.bestTheta) ? obj.bestTheta : obj && Array.isArray(obj.theta) ? obj.theta : null;
  if (!arr || !arr.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw new UsageError(`--theta: ${file} must hold an array of finite numbers, or an object with a "bestTheta" (or "theta") array`);
  }
  return Float64Array.from(arr as number[]);
}

/** Resolve the shared flags into the analysed loss. */
export function problemFromFlags(values: ProblemFlagValues): AnalysisProblem {
  return buildProblem(problemOptionsFromFlags(values));
}

/** The analysed loss of checked options; a bad combination is a usage error naming it. */
export function buildProblem(options: AnalysisProblemOptions): AnalysisProblem {
  try {
    return analysisProblem(options);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

/** The shared flags as analysisProblem's options (checked; plain data, so they can go to worker threads). */
export function problemOptionsFromFlags(values: ProblemFlagValues): AnalysisProblemOptions {
  const system = choiceFlag("--system", values.system, SYSTEMS) as SystemName;
  const model = choiceFlag("--model", values.model, MODELS) as ModelName;
  if (!PAPER_MODELS.some((m) => m.system === system && m.model === model)) {
    const fits = PAPER_MODELS.filter((m) => m.system === system).map((m) => m.model);
    throw new UsageError(`--model: ${model} does not fit --system ${system}; expected one of ${fits.join(", ")}`);
  }
  if (values["t-end"] !== undefined && system === "double-pendulum") {
    throw new UsageError("--t-end: the double pendulum's data are a fixed recording; --t-end applies to lotka-volterra and lorenz");
  }
  const tEnd = values["t-end"] === undefined ? undefined : numberFlag("--t-end", values["t-end"], (v) => v > 0, "a number > 0 (e.g. 9.1)");
  const k = values.k === undefined ? 0 : numberFlag("--k", values.k, (v) => v >= 0, "a number ≥ 0");
  const lambda = values.lambda === undefined ? 1 : numberFlag("--lambda", values.lambda, (v) => v >= 0 && v <= 1, "a number in [0, 1]");
  const seed = values.seed === undefined ? 10 : intFlag("--seed", values.seed, 0);
  const theta = values.theta === undefined ? undefined : readThetaFile(values.theta);
  return { system, model, seed, tEnd, k, lambda, theta };
}

export async function spectrumCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    ...PROBLEM_FLAGS,
    iters: { type: "string" },
    probes: { type: "string" },
    top: { type: "string" },
    "trace-probes": { type: "string" },
    "trace-tol": { type: "string" },
    "probe-seed": { type: "string" },
    hvp: { type: "string" },
    density: { type: "boolean" },
    bins: { type: "string" },
    jobs: { type: "string" },
    json: { type: "boolean" },
  });
  const iters = values.iters === undefined ? 100 : intFlag("--iters", values.iters, 1);
  const probes = values.probes === undefined ? 1 : intFlag("--probes", values.probes, 1);
  const topK = values.top === undefined ? 2 : intFlag("--top", values.top, 1);
  const traceProbes = values["trace-probes"] === undefined ? 100 : intFlag("--trace-probes", values["trace-probes"], 1);
  const traceTol = values["trace-tol"] === undefined ? 1e-3 : numberFlag("--trace-tol", values["trace-tol"], (v) => v >= 0, "a number ≥ 0 (0 = use all probes)");
  const probeSeed = values["probe-seed"] === undefined ? 0 : intFlag("--probe-seed", values["probe-seed"], 0);
  const scheme = values.hvp === undefined ? "richardson" : (choiceFlag("--hvp", values.hvp, ["richardson", "central"] as const) as HvpScheme);
  const bins = values.bins === undefined ? 10000 : intFlag("--bins", values.bins, 2);
  const givenJobs = values.jobs === undefined ? undefined : intFlag("--jobs", values.jobs, 1);
  const options = problemOptionsFromFlags(values);
  const problem = buildProblem(options);
  // At most iters × probes + trace-probes Hessian-vector products, like one timed here.
  const jobs = jobsFor(givenJobs, () => {
    const op = new HessianOperator(problem.loss, problem.theta, { scheme });
    return (iters * probes + traceProbes) * secondsOf(() => op.apply(new Float64Array(op.n).fill(1 / Math.sqrt(op.n))));
  });
  const started = performance.now();
  const { spectrum: s, hessianVectorProducts } = await hessianSpectrumOnPool(
    problemSpec(options),
    jobs,
    { iters, probes, topK, seed: probeSeed, trace: { maxIter: traceProbes, tol: traceTol } },
    { scheme },
  );
  const seconds = (performance.now() - started) / 1000;
  const cfg = problem.config;
  const out: Record<string, unknown> = {
    system: cfg.system,
    model: cfg.model.kind,
    seed: cfg.seed,
    tEnd: cfg.data.kind === "simulated" ? cfg.data.tEnd : null,
    k: problem.k,
    lambda: problem.k > 0 ? problem.lambda : 0,
    theta: values.theta === undefined ? "init" : values.theta,
    n: s.n,
    loss: problem.loss.referenceValue,
    iters: s.iters,
    probes: s.probes,
    hvp: scheme,
    ritzValues: s.ritzValues,
    weights: s.weights,
    topEigenvalues: s.topEigenvalues,
    topResiduals: s.topResiduals,
    trace: s.trace,
    traceStandardError: Number.isFinite(s.traceStandardError) ? s.traceStandardError : null,
    traceProbes: s.traceSamples.length,
    hessianVectorProducts,
    jobs,
    seconds,
  };
  if (values.density) {
    const d = densityGenerate(s.ritzValues, s.weights, { numBins: bins });
    out.density = { grid: Array.from(d.grid), density: Array.from(d.density) };
  }
  if (values.json) {
    console.log(JSON.stringify(out));
  } else {
    const e = (v: number) => v.toExponential(4);
    const all = s.ritzValues.flat();
    console.log(`${problem.label}: ${problem.model.describe()}, n = ${s.n} parameters`);
    console.log(`  loss at θ:        ${e(problem.loss.referenceValue)}`);
    console.log(`  top eigenvalues:  ${s.topEigenvalues.map(e).join(", ")} (residuals ${s.topResiduals.map((r) => r.toExponential(1)).join(", ")})`);
    console.log(`  Ritz range:       [${e(Math.min(...all))}, ${e(Math.max(...all))}] from ${s.probes} probe(s) × ${s.iters} Lanczos steps`);
    console.log(`  trace:            ${e(s.trace)} ± ${Number.isFinite(s.traceStandardError) ? e(s.traceStandardError) : "n/a"} (${s.traceSamples.length} probes)`);
    console.log(`  time:             ${seconds.toFixed(2)} s, ${hessianVectorProducts} Hessian-vector products`);
  }
  return 0;
}
