/**
 * Hessian spectra from matrix-free products, as PyHessian computes them (Yao et al. 2020):
 * - top-k eigenpairs (largest |λ| first, as power iteration finds them) from Lanczos Ritz pairs;
 * - the trace by Hutchinson's estimator with Rademacher probes (PyHessian's stopping rule);
 * - the spectral density by stochastic Lanczos quadrature: Ritz values of a Lanczos run from a
 *   normalised Rademacher probe, weighted by the squared first components of the Ritz vectors
 *   (upstream PyHessian; not the official repository's uniform weights, see docs/fidelity.md), broadened by Gaussians as `density_generate`.
 */
import { Rng, rademacherVector } from "../random/rng";
import { LinearOperator } from "./hvp";
import { lanczos, LanczosResult, ritzPairs, ritzVector } from "./lanczos";

export interface Eigenpairs {
  /** Eigenvalue estimates, ordered as requested. */
  values: number[];
  /** Unit eigenvector estimates (length n each). */
  vectors: Float64Array[];
  /** Residual norms ‖A x − λ x‖ of each pair. */
  residuals: number[];
}

export type EigenOrder = "magnitude" | "largest" | "smallest";

/** Pick k Ritz pairs of a Lanczos run: by |λ| descending (default), λ descending, or λ ascending. */
export function selectEigenpairs(run: LanczosResult, k: number, order: EigenOrder = "magnitude"): Eigenpairs {
  const ritz = ritzPairs(run);
  const idx = Array.from(ritz.values, (_, i) => i);
  if (order === "magnitude") idx.sort((a, b) => Math.abs(ritz.values[b]) - Math.abs(ritz.values[a]));
  else if (order === "largest") idx.reverse();
  else if (order !== "smallest") throw new RangeError(`eigenpair order: expected "magnitude", "largest" or "smallest", got "${order}"`);
  const chosen = idx.slice(0, Math.min(k, idx.length));
  return {
    values: chosen.map((i) => ritz.values[i]),
    vectors: chosen.map((i) => ritzVector(run, ritz, i)),
    residuals: chosen.map((i) => ritz.residuals[i]),
  };
}

export interface TopEigenOptions {
  /** How many pairs (default 2). */
  k?: number;
  /** Lanczos steps (default 100; capped at n). */
  iters?: number;
  order?: EigenOrder;
}

/** The k dominant eigenpairs by Lanczos from a random Gaussian start. */
export function topEigenpairs(op: LinearOperator, rng: Rng, options: TopEigenOptions = {}): Eigenpairs {
  const k = options.k ?? 2;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`top eigenpairs: k must be a whole number ≥ 1, got ${k}`);
  const start = new Float64Array(op.n);
  for (let i = 0; i < start.length; i++) start[i] = rng.normal();
  const run = lanczos(op, start, { iters: options.iters ?? 100 });
  return selectEigenpairs(run, k, options.order);
}

export interface TraceOptions {
  /** Maximum number of probes (default 100, PyHessian). */
  maxIter?: number;
  /** Stop when the running mean changes by less than tol relative (default 1e-3, PyHessian); 0 = use all maxIter probes. */
  tol?: number;
}

export interface TraceEstimate {
  /** Mean of the probe values vᵀHv. */
  trace: number;
  /** The probe values vᵀHv. */
  samples: number[];
  /** Sample standard deviation / √probes (NaN with one probe). */
  standardError: number;
}

/** Hutchinson's trace estimator, E[vᵀAv] = tr A for Rademacher v. */
export function hutchinsonTrace(op: LinearOperator, rng: Rng, options: TraceOptions = {}): TraceEstimate {
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-3;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`Hutchinson trace: maxIter must be a whole number ≥ 1, got ${maxIter}`);
  if (!(tol >= 0)) throw new RangeError(`Hutchinson trace: tol must be ≥ 0, got ${tol}`);
  const samples: number[] = [];
  let previous = 0;
  for (let i = 0; i < maxIter; i++) {
    const v = rademacherVector(rng, op.n);
    const hv = op.apply(v);
    let s = 0;
    for (let j = 0; j < v.length; j++) s += v[j] * hv[j];
    samples.push(s);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    // PyHessian's rule: stop once the running mean settles (its first comparison is against 0).
    if (tol > 0 && Math.abs(mean - previous) / (Math.abs(previous) + 1e-6) < tol) break;
    previous = mean;
  }
  const m = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / m;
  const variance = m > 1 ? samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (m - 1) : NaN;
  return { trace: mean, samples, standardError: Math.sqrt(variance / m) };
}

export interface SlqOptions {
  /** Lanczos steps per probe (default 100, PyHessian; capped at n). */
  iters?: number;
  /** Number of probes (default 1, PyHessian's n_v). */
  probes?: number;
}

export interface SlqResult {
  /** Per probe: the Ritz values, ascending. */
  ritzValues: number[][];
  /** Per probe: the SLQ weights (e₁ᵀ y_k)², summing to 1. */
  weights: number[][];
  /** The Lanczos runs (their bases give Ritz vectors). */
  runs: LanczosResult[];
}

/** Stochastic Lanczos quadrature: one Lanczos run per normalised Rademacher probe. */
export function stochasticLanczosQuadrature(op: LinearOperator, rng: Rng, options: SlqOptions = {}): SlqResult {
  const iters = options.iters ?? 100;
  const probes = options.probes ?? 1;
  if (!Number.isInteger(probes) || probes < 1) throw new RangeError(`SLQ: probes must be a whole number ≥ 1, got ${probes}`);
  const out: SlqResult = { ritzValues: [], weights: [], runs: [] };
  for (let p = 0; p < probes; p++) {
    const run = lanczos(op, rademacherVector(rng, op.n), { iters });
    const ritz = ritzPairs(run);
    out.ritzValues.push(Array.from(ritz.values));
    out.weights.push(Array.from(ritz.weights));
    out.runs.push(run);
  }
  return out;
}

export interface DensityOptions {
  /** Grid points (default 10000). */
  numBins?: number;
  /** Gaussian variance per unit of spectral range: σ² = sigmaSquared·max(1, λmax − λmin) (default 1e-5). */
  sigmaSquared?: number;
  /** Margin added beyond the mean extreme Ritz values (default 0.01). */
  overhead?: number;
}

export interface SpectralDensity {
  grid: Float64Array;
  /** Density on the grid, normalised so that Σ density·Δgrid = 1. */
  density: Float64Array;
}

/**
 * PyHessian's `density_generate`: grid between the mean (over probes) smallest and largest Ritz
 * values ± overhead, a Gaussian of variance sigmaSquared·max(1, range) at every Ritz value with
 * its weight, averaged over probes and normalised on the grid.
 */
export function densityGenerate(ritzValues: ArrayLike<number>[], weights: ArrayLike<number>[], options: DensityOptions = {}): SpectralDensity {
  const numBins = options.numBins ?? 10000;
  const sigmaSquared = options.sigmaSquared ?? 1e-5;
  const overhead = options.overhead ?? 0.01;
  if (ritzValues.length === 0) throw new RangeError("density: need at least one probe of Ritz values");
  if (weights.length !== ritzValues.length) throw new RangeError(`density: ${ritzValues.length} probes of Ritz values but ${weights.length} of weights`);
  if (!Number.isInteger(numBins) || numBins < 2) throw new RangeError(`density: numBins must be a whole number ≥ 2, got ${numBins}`);
  const runs = ritzValues.length;
  let maxMean = 0;
  let minMean = 0;
  for (let r = 0; r < runs; r++) {
    const vals = ritzValues[r];
    if (vals.length === 0 || vals.length !== weights[r].length) {
      throw new RangeError(`density: probe ${r} has ${vals.length} Ritz values and ${weights[r].length} weights (need equal, ≥ 1)`);
    }
    maxMean += Math.max(...Array.from(vals)) / runs;
    minMean += Math.min(...Array.from(vals)) / runs;
  }
  const lambdaMax = maxMean + overhead;
  const lambdaMin = minMean - overhead;
  const grid = new Float64Array(numBins);
  const step = (lambdaMax - lambdaMin) / (numBins - 1);
  for (let j = 0; j < numBins; j++) grid[j] = lambdaMin + j * step;
  const variance = sigmaSquared * Math.max(1, lambdaMax - lambdaMin);
  const norm = 1 / Math.sqrt(2 * Math.PI * variance);
  const density = new Float64Array(numBins);
  for (let r = 0; r < runs; r++) {
    const vals = ritzValues[r];
    const w = weights[r];
    for (let k = 0; k < vals.length; k++) {
      // Gaussians vanish (below 1e-300) beyond ~37 σ: only touch the bins in that window.
      const width = 37.5 * Math.sqrt(variance);
      const lo = Math.max(0, Math.floor((vals[k] - width - lambdaMin) / step));
      const hi = Math.min(numBins - 1, Math.ceil((vals[k] + width - lambdaMin) / step));
      for (let j = lo; j <= hi; j++) density[j] += (w[k] * norm * Math.exp(-((grid[j] - vals[k]) ** 2) / (2 * variance))) / runs;
    }
  }
  let total = 0;
  for (let j = 0; j < numBins; j++) total += density[j];
  total *= grid[1] - grid[0];
  if (total > 0) for (let j = 0; j < numBins; j++) density[j] /= total;
  return { grid, density };
}

/** log10(density + floor), the paper's plotted quantity (floor 1e-7, PyHessian's plotting code). */
export function logDensity(density: ArrayLike<number>, floor = 1e-7): Float64Array {
  const out = new Float64Array(density.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.log10(density[i] + floor);
  return out;
}

export interface SpectrumOptions extends SlqOptions {
  /** Seed of the probes (default 0). */
  seed?: number;
  /** Top eigenpairs to report (default 2). */
  topK?: number;
  /** Hutchinson options; set trace: false to skip the trace. */
  trace?: TraceOptions | false;
}

export interface HessianSpectrum {
  n: number;
  iters: number;
  probes: number;
  ritzValues: number[][];
  weights: number[][];
  /** Dominant eigenvalues (largest |λ| first), from the first probe's Lanczos run. */
  topEigenvalues: number[];
  topEigenvectors: Float64Array[];
  topResiduals: number[];
  /** Hutchinson estimate (NaN when skipped). */
  trace: number;
  traceStandardError: number;
  traceSamples: number[];
}

/** SLQ, top-k and trace in one call (what the `spectrum` command prints). */
export function hessianSpectrum(op: LinearOperator, options: SpectrumOptions = {}): HessianSpectrum {
  return joinSpectrum(op.n, spectrumLanczosPart(op, options), spectrumTracePart(op, options));
}

/** The Lanczos half of hessianSpectrum: SLQ and the top eigenpairs. */
export interface SpectrumLanczosPart {
  slq: SlqResult;
  top: Eigenpairs;
}

/*
 * hessianSpectrum's two halves draw from their own forks of the seed's Rng (SLQ the first, the
 * trace the second), so each can run alone, e.g. on its own thread, with the numbers of one call.
 */

/** SLQ and top-k of hessianSpectrum, alone. */
export function spectrumLanczosPart(op: LinearOperator, options: SpectrumOptions = {}): SpectrumLanczosPart {
  const slqRng = new Rng(options.seed ?? 0).fork();
  const slq = stochasticLanczosQuadrature(op, slqRng, options);
  return { slq, top: selectEigenpairs(slq.runs[0], options.topK ?? 2, "magnitude") };
}

/** The Hutchinson trace of hessianSpectrum, alone (null when options.trace is false). */
export function spectrumTracePart(op: LinearOperator, options: SpectrumOptions = {}): TraceEstimate | null {
  if (options.trace === false) return null;
  const rng = new Rng(options.seed ?? 0);
  rng.fork();
  return hutchinsonTrace(op, rng.fork(), options.trace ?? {});
}

/** hessianSpectrum's result from its two halves. */
export function joinSpectrum(n: number, lanczos: SpectrumLanczosPart, tr: TraceEstimate | null): HessianSpectrum {
  const { slq, top } = lanczos;
  return {
    n,
    iters: slq.runs[0].steps,
    probes: slq.runs.length,
    ritzValues: slq.ritzValues,
    weights: slq.weights,
    topEigenvalues: top.values,
    topEigenvectors: top.vectors,
    topResiduals: top.residuals,
    trace: tr ? tr.trace : NaN,
    traceStandardError: tr ? tr.standardError : NaN,
    traceSamples: tr ? tr.samples : [],
  };
}
