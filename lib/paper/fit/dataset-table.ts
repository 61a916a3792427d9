/**
 * Paper datasets as measurements, and measurements thinned at random: the bridges that let the
 * paper's data go through `fit` like anyone's data, and test irregular sampling. CSV numbers are
 * written in JavaScript's shortest round-trip form, so reading them back gives the same float64s.
 */
import { createHash } from "node:crypto";
import { Dataset } from "../systems/dataset";
import { Rng } from "../../core/index";
import { MeasuredData, Trajectory } from "../inputs/table";

/** A dataset as a CSV table: time, one column per state; training window then extrapolation window. */
export function datasetCsv(ds: Dataset, timeName = "t"): string {
  const lines = [[timeName, ...ds.stateNames].join(",")];
  for (const w of [ds.train, ds.extrap]) {
    for (let i = 0; i < w.t.length; i++) lines.push([w.t[i], ...Array.from(w.u.subarray(i * ds.dim, (i + 1) * ds.dim))].map(String).join(","));
  }
  return lines.join("\n") + "\n";
}

/** Measurements as a CSV table (a trajectory column when there are several trajectories). */
export function measurementsCsv(data: MeasuredData): string {
  const many = data.trajectories.length > 1;
  const dim = data.stateNames.length;
  const lines = [[...(many ? [data.trajectoryColumn ?? "trajectory"] : []), data.timeName, ...data.stateNames].join(",")];
  for (const tr of data.trajectories) {
    for (let i = 0; i < tr.t.length; i++) lines.push([...(many ? [tr.id] : []), tr.t[i], ...Array.from(tr.u.subarray(i * dim, (i + 1) * dim))].join(","));
  }
  return lines.join("\n") + "\n";
}

function withHash(data: Omit<MeasuredData, "hash">): MeasuredData {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ timeName: data.timeName, stateNames: data.stateNames }));
  for (const tr of data.trajectories) {
    hash.update(tr.id);
    hash.update(new Uint8Array(tr.t.buffer, tr.t.byteOffset, tr.t.byteLength));
    hash.update(new Uint8Array(tr.u.buffer, tr.u.byteOffset, tr.u.byteLength));
  }
  return { ...data, hash: hash.digest("hex") };
}

/** A dataset (training then extrapolation window) as one measured trajectory. */
export function datasetMeasurements(ds: Dataset): MeasuredData {
  const t = new Float64Array(ds.train.t.length + ds.extrap.t.length);
  t.set(ds.train.t);
  t.set(ds.extrap.t, ds.train.t.length);
  const u = new Float64Array(t.length * ds.dim);
  u.set(ds.train.u);
  u.set(ds.extrap.u, ds.train.u.length);
  return withHash({ source: ds.source, timeName: "t", stateNames: [...ds.stateNames], trajectories: [{ id: "0", t, u }], dropped: 0 });
}

/**
 * Drop a fraction of each trajectory's rows at random (seeded), keeping the first row (the
 * initial condition) and at least 4 rows: irregular sampling from regular data.
 */
export function thinMeasurements(data: MeasuredData, dropFraction: number, seed = 0): MeasuredData {
  if (!(dropFraction >= 0 && dropFraction < 1)) throw new RangeError(`thinMeasurements dropFraction: expected a number in [0, 1), got ${dropFraction}`);
  const rng = new Rng(seed);
  const dim = data.stateNames.length;
  const trajectories: Trajectory[] = data.trajectories.map((tr) => {
    const n = tr.t.length;
    const drop = Math.min(Math.round(dropFraction * n), n - 4);
    // Partial Fisher–Yates over rows 1..n−1 picks the rows to drop.
    const idx = Array.from({ length: n - 1 }, (_, i) => i + 1);
    for (let i = 0; i < drop; i++) {
      const j = i + Math.floor(rng.uniformRange(0, idx.length - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    const dropped = new Set(idx.slice(0, drop));
    const keep = Array.from({ length: n }, (_, i) => i).filter((i) => !dropped.has(i));
    return { id: tr.id, t: Float64Array.from(keep, (i) => tr.t[i]), u: Float64Array.from(keep.flatMap((i) => Array.from(tr.u.subarray(i * dim, (i + 1) * dim)))) };
  });
  return withHash({ ...data, source: `${data.source} with ${Math.round(dropFraction * 100)} % of the rows dropped at random (seed ${seed})`, trajectories });
}
