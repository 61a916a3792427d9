/**
 * Figure 2 as data: landscapes on the top-2 Hessian eigenvectors and Hessian spectra of the LV
 * black-box loss at initialisation, against data length (t_end 3.1 … 9.1, uncoupled) and against
 * coupling strength (k 0 … 0.8 at t_end 9.1, λ = 1). Also the landscape of any one problem.
 */
import {
  Rng, HessianOperator, HvpOptions, densityGenerate, HessianSpectrum, hessianSpectrum, SpectralDensity,
  topEigenpairs,
} from "../../core/index";
import { ModelName, SystemName } from "../experiments/config";
import { AnalysisProblem, analysisProblem } from "./problem";
import { LandscapeGrid, LandscapeOptions, lossLandscape } from "./landscape";

export interface HessianLandscape {
  grid: LandscapeGrid;
  /** The two dominant eigenvalues (largest |λ| first) whose eigenvectors span the plane. */
  eigenvalues: number[];
  directions: [Float64Array, Float64Array];
}

export interface HessianLandscapeOptions extends LandscapeOptions {
  /** Lanczos steps for the eigenvectors (default 100). */
  iters?: number;
  /** Seed of the Lanczos start vector (default 0). */
  seed?: number;
  hvp?: HvpOptions;
  /** Use these directions instead of computing them. */
  directions?: [Float64Array, Float64Array];
  eigenvalues?: number[];
}

/**
 * The problem's loss on the plane of its top-2 Hessian eigenvectors; each grid point is a fresh
 * adaptive solve (failed solves are +∞, shown clipped).
 */
export function hessianLandscape(problem: AnalysisProblem, options: HessianLandscapeOptions = {}): HessianLandscape {
  const { directions, eigenvalues } = options.directions ? { directions: options.directions, eigenvalues: options.eigenvalues ?? [] } : hessianDirections(problem, options);
  const maxSteps = problem.config.solver.maxSteps;
  const grid = lossLandscape((th) => problem.loss.adaptiveValue(th, maxSteps), problem.theta, directions[0], directions[1], options);
  return { grid, eigenvalues, directions };
}

/** The two dominant Hessian eigenpairs at the problem's θ (Lanczos with options.iters steps from options.seed). */
export function hessianDirections(problem: AnalysisProblem, options: Pick<HessianLandscapeOptions, "iters" | "seed" | "hvp"> = {}): { directions: [Float64Array, Float64Array]; eigenvalues: number[] } {
  const op = new HessianOperator(problem.loss, problem.theta, options.hvp);
  const top = topEigenpairs(op, new Rng(options.seed ?? 0), { k: 2, iters: options.iters ?? 100 });
  if (top.vectors.length < 2) throw new RangeError("Hessian landscape: fewer than two eigenpairs found (is θ one-dimensional?)");
  return { directions: [top.vectors[0], top.vectors[1]], eigenvalues: top.values };
}

/** One panel of Fig. 2: a landscape on the top-2 Hessian eigenvectors and the spectrum at (t_end, k). */
export interface Figure2Panel {
  tEnd: number;
  k: number;
  label: string;
  /** Training loss at the initial θ. */
  loss: number;
  topEigenvalues: number[];
  trace: number;
  traceStandardError: number;
  spectrum: HessianSpectrum;
  density: SpectralDensity;
  /** Present unless landscapes were switched off. */
  landscape?: LandscapeGrid;
}

export interface Figure2Options {
  system?: SystemName;
  model?: ModelName;
  /** Initialisation seed (default 10). */
  seed?: number;
  /** Data lengths of the first sweep (default 3.1, 5.1, 7.1, 9.1). */
  tEnds?: number[];
  /** Coupling strengths of the second sweep (default 0, 0.2, 0.4, 0.8) … */
  ks?: number[];
  /** … at this data length (default 9.1). */
  kTEnd?: number;
  /** SLQ settings (defaults 100 steps, 1 probe, as the paper) and probe seed. */
  iters?: number;
  probes?: number;
  probeSeed?: number;
  /** Density grid points (default 10000). */
  bins?: number;
  /** Landscape grid options, or false to skip the landscapes (spectra only). */
  landscape?: LandscapeOptions | false;
  /** Called after each panel (progress). */
  onPanel?: (panel: Figure2Panel, done: number, total: number) => void;
}

/** One panel of figure2Sweep: the spectrum (and landscape, unless switched off) at one (t_end, k). */
export function figure2Panel(problemOptions: Figure2PanelProblem, options: Figure2Options): Figure2Panel {
  const problem = analysisProblem(problemOptions);
  const op = new HessianOperator(problem.loss, problem.theta);
  const spectrum = hessianSpectrum(op, { iters: options.iters ?? 100, probes: options.probes ?? 1, seed: options.probeSeed ?? 0, topK: 2 });
  const density = densityGenerate(spectrum.ritzValues, spectrum.weights, { numBins: options.bins ?? 10000 });
  const out: Figure2Panel = {
    tEnd: problemOptions.tEnd,
    k: problemOptions.k,
    label: problem.label,
    loss: problem.loss.referenceValue,
    topEigenvalues: spectrum.topEigenvalues,
    trace: spectrum.trace,
    traceStandardError: spectrum.traceStandardError,
    spectrum,
    density,
  };
  if (options.landscape !== false) {
    // The spectrum's first Lanczos run already holds the top-2 eigenvectors.
    const dirs: [Float64Array, Float64Array] = [spectrum.topEigenvectors[0], spectrum.topEigenvectors[1]];
    out.landscape = hessianLandscape(problem, { ...(options.landscape ?? {}), directions: dirs, eigenvalues: spectrum.topEigenvalues }).grid;
  }
  return out;
}

/** Which loss a panel of figure2Sweep analyses. */
export interface Figure2PanelProblem {
  system: SystemName;
  model: ModelName;
  seed: number;
  tEnd: number;
  k: number;
}

/** The distinct (t_end, k) panels of both sweeps, in figure2Sweep's order (the shared one once). */
export function figure2Panels(options: Figure2Options = {}): { problems: Figure2PanelProblem[]; byLength: number[]; byK: number[] } {
  const system = options.system ?? "lotka-volterra";
  const model = options.model ?? "blackbox";
  const seed = options.seed ?? 10;
  const tEnds = options.tEnds ?? [3.1, 5.1, 7.1, 9.1];
  const ks = options.ks ?? [0, 0.2, 0.4, 0.8];
  const kTEnd = options.kTEnd ?? 9.1;
  const problems: Figure2PanelProblem[] = tEnds.map((tEnd) => ({ system, model, seed, tEnd, k: 0 }));
  const byLength = tEnds.map((_, i) => i);
  const byK = ks.map((k) => {
    const shared = k === 0 ? tEnds.indexOf(kTEnd) : -1;
    if (shared >= 0) return shared;
    problems.push({ system, model, seed, tEnd: kTEnd, k });
    return problems.length - 1;
  });
  return { problems, byLength, byK };
}

/** Both sweeps of Figure 2 (the uncoupled panel at kTEnd is computed once and shared). */
export function figure2Sweep(options: Figure2Options = {}): { byLength: Figure2Panel[]; byK: Figure2Panel[] } {
  const plan = figure2Panels(options);
  const panels = plan.problems.map((p, i) => {
    const out = figure2Panel(p, options);
    options.onPanel?.(out, i + 1, plan.problems.length);
    return out;
  });
  return { byLength: plan.byLength.map((i) => panels[i]), byK: plan.byK.map((i) => panels[i]) };
}
