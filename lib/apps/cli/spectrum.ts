/** `homotopy-ode spectrum`: Hessian spectrum (SLQ), top eigenvalues and trace of a paper model's training loss. */
import * as fs from "node:fs";
import {
  MODELS, SYSTEMS, SystemName, PAPER_MODELS, AnalysisProblem, AnalysisProblemOptions,
  analysisProblem, hessianSpectrumOnPool, problemSpec,
} from "../../paper/index";
import { densityGenerate, HessianOperator } from "../../core/index";
import { jobsFor, secondsOf, WORKERS_WORTHWHILE_SECONDS } from "./auto-jobs";
import { UsageError } from "./errors";
import { flag, flagHelp, FlagValues, outOfRange, parseCommandFlags, required } from "./flags";

const PAPER_SYSTEMS = SYSTEMS.filter((s): s is Exclude<SystemName, "custom"> => s !== "custom");

/** Flags shared with `landscape`: which loss, at which θ. Ranges (k ≥ 0, λ in [0, 1], t_end > 0) are analysisProblem's to check. */
export const PROBLEM_FLAGS = {
  system: flag.choice({ choices: PAPER_SYSTEMS, help: "the paper's system (required)" }),
  model: flag.choice({ choices: MODELS, help: "the paper's model of that system (required)" }),
  "t-end": flag.number({ help: "data length of a simulated system (lotka-volterra, lorenz)" }),
  k: flag.number({ default: 0, help: "coupling strength; > 0 gives the coupled loss" }),
  lambda: flag.number({ default: 1, help: "homotopy parameter λ of the coupled loss" }),
  seed: flag.integer({ min: 0, default: 10, help: "seed of the initial parameters" }),
  theta: flag.string({ placeholder: "FILE", shownDefault: "the initial parameters", help: "θ as JSON: an array, or an object with \"bestTheta\" such as train --json prints" }),
};

/** The shared flags, as parsed. */
export type ProblemFlagValues = Partial<FlagValues<typeof PROBLEM_FLAGS>>;

const SPECTRUM_FLAGS = {
  ...PROBLEM_FLAGS,
  iters: flag.integer({ min: 1, default: 100, help: "Lanczos steps per probe" }),
  probes: flag.integer({ min: 1, default: 1, help: "Rademacher probes of the spectrum" }),
  top: flag.integer({ min: 1, default: 2, help: "top eigenvalues to report" }),
  "trace-probes": flag.integer({ min: 1, default: 100, help: "most Rademacher probes of the trace" }),
  "trace-tol": flag.number({ default: 1e-3, shownDefault: "1e-3", help: "stop the trace when its running mean changes by less; 0 uses all probes" }),
  "probe-seed": flag.integer({ min: 0, default: 0, help: "seed of the probes" }),
  hvp: flag.choice({ choices: ["richardson", "central"], default: "richardson", help: "Hessian-vector product differencing" }),
  density: flag.boolean({ help: "add PyHessian's density_generate grid and density to --json" }),
  bins: flag.integer({ min: 2, default: 10000, help: "points of the density grid" }),
  jobs: flag.integer({ min: 1, shownDefault: "two when worthwhile, else this thread", help: "worker threads" }),
  json: flag.boolean({ help: "print one JSON object" }),
};

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
thread ${WORKERS_WORTHWHILE_SECONDS} s or more (timed from one Hessian-vector product), else in this thread.

${flagHelp(SPECTRUM_FLAGS)}`;

export const SPECTRUM_SUMMARY = "Hessian spectrum, top eigenvalues and trace of a training loss";

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
  const system = required(values.system, "system", PROBLEM_FLAGS.system);
  const model = required(values.model, "model", PROBLEM_FLAGS.model);
  if (!PAPER_MODELS.some((m) => m.system === system && m.model === model)) {
    const fits = PAPER_MODELS.filter((m) => m.system === system).map((m) => m.model);
    throw new UsageError(`--model: ${model} does not fit --system ${system}; expected one of ${fits.join(", ")}`);
  }
  if (values["t-end"] !== undefined && system === "double-pendulum") {
    throw new UsageError("--t-end: the double pendulum's data are a fixed recording; --t-end applies to lotka-volterra and lorenz");
  }
  const theta = values.theta === undefined ? undefined : readThetaFile(values.theta);
  return { system, model, seed: values.seed ?? 10, tEnd: values["t-end"], k: values.k ?? 0, lambda: values.lambda ?? 1, theta };
}

export async function spectrumCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandFlags(argv, SPECTRUM_FLAGS);
  const { iters, probes, top: topK, bins, hvp: scheme } = values;
  const traceProbes = values["trace-probes"];
  const traceTol = values["trace-tol"];
  if (!(traceTol >= 0)) throw outOfRange("--trace-tol", "a number ≥ 0 (0 = use all probes)", traceTol);
  const probeSeed = values["probe-seed"];
  const givenJobs = values.jobs;
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
