/**
 * The trajectories a run trains on, whatever their origin (a paper dataset, a table of
 * measurements): per trajectory its times, states in data units, the length of its training
 * window and its initial state, plus the scaling into training coordinates. No file access.
 */
import { Dataset } from "../systems/dataset";

/** Training coordinates are (u − shift) / scale, per state. */
export interface Scaling {
  shift: number[];
  scale: number[];
}

/** One trajectory: training window first (trainPoints samples), then the extrapolation window. */
export interface RunTrajectory {
  id: string;
  t: Float64Array;
  /** States in data units, t.length × dim, row-major. */
  u: Float64Array;
  trainPoints: number;
  /** The state the model starts from (data units): the first sample, or a known initial state. */
  u0: Float64Array;
  /** Noise-free states of the extrapolation window, where known (simulated data). */
  extrapClean?: Float64Array;
}

export interface RunData {
  source: string;
  dim: number;
  stateNames: string[];
  timeName: string;
  trajectories: RunTrajectory[];
  scaling: Scaling;
  /** Training-window variance per state (data units): the NMSE denominators. */
  variance: number[];
  /** Tables: sha256 of the values used (to recognise the same data later), the trajectory column, rows dropped. */
  hash?: string;
  trajectoryColumn?: string;
  dropped?: number;
}

/** Identity scaling: training coordinates are data units. */
export function identityScaling(dim: number): Scaling {
  return { shift: new Array(dim).fill(0), scale: new Array(dim).fill(1) };
}

export function isIdentity(s: Scaling): boolean {
  return s.shift.every((v) => v === 0) && s.scale.every((v) => v === 1);
}

/** Data units → training coordinates. */
export function toScaled(u: ArrayLike<number>, scaling: Scaling): Float64Array {
  const dim = scaling.shift.length;
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = (u[i] - scaling.shift[i % dim]) / scaling.scale[i % dim];
  return out;
}

/** Training coordinates → data units. */
export function fromScaled(v: ArrayLike<number>, scaling: Scaling): Float64Array {
  const dim = scaling.shift.length;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = scaling.shift[i % dim] + scaling.scale[i % dim] * v[i];
  return out;
}

/** Mean and variance per state over the training windows; the scaling centres and scales by them when normalising. */
export function windowStatistics(trajectories: readonly Pick<RunTrajectory, "u" | "trainPoints">[], dim: number, normalise: boolean): { scaling: Scaling; variance: number[] } {
  const mean = new Array(dim).fill(0);
  const sq = new Array(dim).fill(0);
  let n = 0;
  for (const tr of trajectories) {
    for (let i = 0; i < tr.trainPoints; i++) for (let j = 0; j < dim; j++) mean[j] += tr.u[i * dim + j];
    n += tr.trainPoints;
  }
  for (let j = 0; j < dim; j++) mean[j] /= n;
  for (const tr of trajectories) for (let i = 0; i < tr.trainPoints; i++) for (let j = 0; j < dim; j++) sq[j] += (tr.u[i * dim + j] - mean[j]) ** 2;
  const variance = sq.map((s) => s / n);
  const scaling = normalise ? { shift: mean, scale: variance.map((v) => (v > 0 ? Math.sqrt(v) : 1)) } : identityScaling(dim);
  return { scaling, variance };
}

/** A paper dataset (training window, then extrapolation window) as one trajectory in data units. */
export function runDataFromDataset(ds: Dataset): RunData {
  const nTrain = ds.train.t.length;
  const t = new Float64Array(nTrain + ds.extrap.t.length);
  t.set(ds.train.t);
  t.set(ds.extrap.t, nTrain);
  const u = new Float64Array(t.length * ds.dim);
  u.set(ds.train.u);
  u.set(ds.extrap.u, ds.train.u.length);
  const trajectory: RunTrajectory = { id: ds.name, t, u, trainPoints: nTrain, u0: Float64Array.from(ds.u0), extrapClean: ds.extrap.clean };
  const { variance } = windowStatistics([trajectory], ds.dim, false);
  return { source: ds.source, dim: ds.dim, stateNames: [...ds.stateNames], timeName: "t", trajectories: [trajectory], scaling: identityScaling(ds.dim), variance };
}
