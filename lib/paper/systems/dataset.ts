/**
 * Datasets: a training window and the extrapolation window that follows it, built from a true
 * system (simulated, optionally noisy) or loaded from a file.
 */
import { solve, TorchGenerator } from "../../core/index";
import { TrueSystem } from "./system";

/** Observations at times, (t.length × dim) row-major. */
export interface Series {
  t: Float64Array;
  u: Float64Array;
  /** Noise-free values where known (simulated data). */
  clean?: Float64Array;
}

/** Noisy training data, the clean truth and the extrapolation window of one trajectory. */
export interface Dataset {
  name: string;
  dim: number;
  stateNames: readonly string[];
  /** Training window (what the model is fitted to). */
  train: Series;
  /** The next window of equal length (for extrapolation scores). */
  extrap: Series;
  /** Initial condition of the IVP: clean for simulated data, the first sample for real data. */
  u0: Float64Array;
  /** How it was made, for reports. */
  source: string;
}

export type NoiseSpec =
  | { kind: "none" }
  /** std_j = amplitude × mean over the training window of the clean component j (the paper's LV recipe). */
  | { kind: "relative-to-mean"; amplitude: number }
  /** std = amplitude for every component (the paper's Lorenz recipe). */
  | { kind: "absolute"; amplitude: number };

/**
 * numpy's arange(start, stop, step) length, made robust to the float round-off that would turn
 * arange(0, 3.1, 0.1) into 32 points: a quotient within 1e-9 of an integer counts as that integer.
 */
export function arange(start: number, stop: number, step: number): Float64Array {
  if (!(step > 0)) throw new RangeError(`arange: step must be > 0, got ${step}`);
  const q = (stop - start) / step;
  const n = Math.abs(q - Math.round(q)) < 1e-9 ? Math.round(q) : Math.ceil(q);
  const out = new Float64Array(Math.max(0, n));
  for (let i = 0; i < out.length; i++) out[i] = start + i * step;
  return out;
}

export interface SimulateOptions {
  /** Training window [0, tEnd) sampled every dt (numpy arange semantics). */
  tEnd: number;
  dt: number;
  noise?: NoiseSpec;
  /** Seed of the noise draw (the official code's add_noise default is 10). */
  noiseSeed?: number;
  u0?: Float64Array;
  params?: Float64Array;
}

/**
 * The official add_noise recipe: torch.manual_seed(seed), then noise = amplitude · N(0, 1) drawn
 * as one float32 tensor of shape (dof, time), scaled by each component's time-mean of the clean
 * window when relative. Drawn with a TorchGenerator, so the values equal the official code's.
 * @param clean (n × dim) row-major
 */
export function officialNoise(clean: Float64Array, dim: number, noise: NoiseSpec, seed: number): Float64Array {
  const n = clean.length / dim;
  const out = new Float64Array(clean.length);
  if (noise.kind === "none") return out;
  if (!(noise.amplitude >= 0) || !Number.isFinite(noise.amplitude)) {
    throw new RangeError(`dataset noise amplitude: expected a finite number ≥ 0, got ${noise.amplitude}`);
  }
  const z = new TorchGenerator(seed).randnFloat32(n * dim); // (dof, time) order
  const amp = Math.fround(noise.amplitude);
  for (let j = 0; j < dim; j++) {
    let scale = 1;
    if (noise.kind === "relative-to-mean") {
      let s = 0;
      for (let i = 0; i < n; i++) s += clean[i * dim + j];
      scale = Math.fround(s / n);
    }
    for (let i = 0; i < n; i++) out[i * dim + j] = Math.fround(Math.fround(amp * z[j * n + i]) * scale);
  }
  return out;
}

/**
 * Simulate a true system (dopri5, rtol 1e-7, atol 1e-9, as the paper) on the training window and
 * add the official noise. The extrapolation window is the second half of the same recipe applied
 * to [0, 2·tEnd) (its noise is a separate draw, relative to the whole doubled window's mean).
 */
export function simulateDataset(system: TrueSystem, options: SimulateOptions): Dataset {
  const { tEnd, dt } = options;
  const noise = options.noise ?? { kind: "none" };
  const seed = options.noiseSeed ?? 10;
  const u0 = Float64Array.from(options.u0 ?? system.defaultU0);
  const params = options.params ?? system.defaultParams;
  if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`dataset dt: expected a finite number > 0, got ${dt}`);
  if (!(tEnd > 0) || !Number.isFinite(tEnd)) throw new RangeError(`dataset tEnd: expected a finite number > 0, got ${tEnd}`);
  const tTrain = arange(0, tEnd, dt);
  if (tTrain.length < 4) throw new RangeError(`dataset: [0, ${tEnd}) sampled every ${dt} gives ${tTrain.length} points; need at least 4`);
  const n = tTrain.length;
  const tAll = arange(0, 2 * n * dt - dt / 2, dt);
  const sol = solve(system, u0, tAll, params, { method: "dopri5", rtol: 1e-7, atol: 1e-9, record: false });
  const dim = system.dim;
  const clean = sol.us;
  const cleanTrain = clean.slice(0, n * dim);
  const cleanExtrap = clean.slice(n * dim);
  const trainNoise = officialNoise(cleanTrain, dim, noise, seed);
  const longNoise = officialNoise(clean, dim, noise, seed);
  const train = cleanTrain.map((v, i) => v + trainNoise[i]);
  const extrap = cleanExtrap.map((v, i) => v + longNoise[n * dim + i]);
  return {
    name: system.name,
    dim,
    stateNames: system.stateNames,
    train: { t: tAll.slice(0, n), u: train, clean: cleanTrain },
    extrap: { t: tAll.slice(n), u: extrap, clean: cleanExtrap },
    u0,
    source: `simulated ${system.name}, [0, ${tEnd}) every ${dt}, noise ${describeNoise(noise)} (seed ${seed})`,
  };
}

export function describeNoise(noise: NoiseSpec): string {
  switch (noise.kind) {
    case "none":
      return "none";
    case "relative-to-mean":
      return `${noise.amplitude * 100}% of each state's mean`;
    case "absolute":
      return `std ${noise.amplitude}`;
  }
}
