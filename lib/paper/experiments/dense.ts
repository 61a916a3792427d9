/**
 * Rollouts on a fine time grid, for smooth plots of fast systems (Lorenz sampled every 0.1 looks
 * jagged): a run's best model, and the true system behind simulated data. Same solver settings
 * and initial state as the run's own scores.
 */
import { ExperimentConfig } from "./config";
import { buildModel, solverOptions, trueSystem } from "./build";
import { RunResult } from "./runner";
import { Dataset, arange } from "../systems/dataset";
import { solve } from "../../core/index";

export interface DenseOptions {
  /** Grid spacing (default 0.01). */
  dt?: number;
  /** Last time (default: the dataset's last extrapolation time, or its last training time). */
  tEnd?: number;
}

/** States at t, (t.length × dim) row-major. */
export interface DenseTrajectory {
  t: Float64Array;
  u: Float64Array;
}

/** The grid 0, dt, 2dt, … up to and including tEnd (within round-off). */
export function denseGrid(ds: Dataset, options: DenseOptions = {}): Float64Array {
  const dt = options.dt ?? 0.01;
  if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`dense dt: expected a finite number > 0, got ${dt}`);
  const last = ds.extrap.t.length ? ds.extrap.t[ds.extrap.t.length - 1] : ds.train.t[ds.train.t.length - 1];
  const tEnd = options.tEnd ?? last;
  if (!(tEnd > ds.train.t[0]) || !Number.isFinite(tEnd)) throw new RangeError(`dense tEnd: expected a finite time after ${ds.train.t[0]}, got ${tEnd}`);
  return arange(ds.train.t[0], tEnd + dt / 2, dt);
}

/** The run's best parameters rolled out from the dataset's u0 on a fine grid (null if the run has none or the solver fails). */
export function denseRollout(run: RunResult, ds: Dataset, options: DenseOptions = {}): DenseTrajectory | null {
  if (!run.prediction || run.bestTheta.length === 0) return null;
  const t = denseGrid(ds, options);
  const model = buildModel(run.config);
  try {
    return { t, u: solve(model, ds.u0, t, Float64Array.from(run.bestTheta), { ...solverOptions(run.config), record: false }).us };
  } catch {
    return null;
  }
}

/** The noise-free trajectory of a simulated config on a fine grid (null for recorded data, whose truth is unknown). */
export function denseTruth(config: ExperimentConfig, ds: Dataset, options: DenseOptions = {}): DenseTrajectory | null {
  if (config.data.kind !== "simulated") return null;
  const system = trueSystem(config);
  const t = denseGrid(ds, options);
  // The data's own recipe (lib/paper/systems/dataset.ts): dopri5 at rtol 1e-7, atol 1e-9.
  return { t, u: solve(system, ds.u0, t, system.defaultParams, { method: "dopri5", rtol: 1e-7, atol: 1e-9, record: false }).us };
}
