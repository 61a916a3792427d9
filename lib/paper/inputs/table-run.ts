/**
 * A table of measurements as a run's trajectories: read the table, split each trajectory into its
 * training window and the extrapolation window after it, and scale states for training.
 */
import { readMeasuredData, MeasuredData, FitInputError, TableColumns, TableFormat } from "./table";
import { RunData, RunTrajectory, windowStatistics } from "./run-data";

/** Which table, and how its trajectories split and scale (a run description's table data section). */
export interface TableWindows {
  path: string;
  columns: TableColumns;
  /** A text table's separator and decimal mark, where given. */
  format?: TableFormat;
  /** Train on times up to trainUntil after each trajectory's start; null: on trainFraction of its span. */
  trainUntil: number | null;
  trainFraction: number;
  normalise: boolean;
  /** Initial condition replacing the first sample (a single trajectory only). */
  u0: number[] | null;
}

function fail(msg: string): never {
  throw new FitInputError(msg);
}

/** Each trajectory with its training window: times up to trainUntil after its start, else trainFraction of its span. */
export function splitMeasured(data: MeasuredData, trainUntil: number | null, fraction: number, u0: number[] | null): RunTrajectory[] {
  const dim = data.stateNames.length;
  if (u0 !== null) {
    if (data.trajectories.length !== 1) fail(`--u0: the data has ${data.trajectories.length} trajectories; an initial condition can replace the first sample of a single trajectory only`);
    if (u0.length !== dim || u0.some((v) => !Number.isFinite(v))) fail(`--u0: expected ${dim} numbers (${data.stateNames.join(", ")}), got ${u0.join(",")}`);
  }
  return data.trajectories.map((tr) => {
    const t0 = tr.t[0];
    const span = tr.t[tr.t.length - 1] - t0;
    const cut = trainUntil !== null ? t0 + trainUntil : t0 + fraction * span;
    const tol = 1e-9 * Math.max(span, 1e-300);
    let n = 0;
    while (n < tr.t.length && tr.t[n] <= cut + tol) n++;
    const label = data.trajectories.length > 1 ? `trajectory "${tr.id}"` : "the data";
    if (n < 3) fail(`${data.source}: the training window of ${label} holds ${n} point${n === 1 ? "" : "s"} (times up to ${cut}); it needs at least 3 (raise --train-until or --train-fraction)`);
    return { id: tr.id, t: tr.t, u: tr.u, trainPoints: n, u0: u0 ? Float64Array.from(u0) : tr.u.slice(0, dim) };
  });
}

/** Measured data (already read) as a run's trajectories, split and scaled as the table config says. */
export function runDataFromMeasured(measured: MeasuredData, d: TableWindows): RunData {
  const dim = measured.stateNames.length;
  const trajectories = splitMeasured(measured, d.trainUntil, d.trainFraction, d.u0);
  const { scaling, variance } = windowStatistics(trajectories, dim, d.normalise);
  return {
    source: measured.source,
    dim,
    stateNames: measured.stateNames,
    timeName: measured.timeName,
    trajectories,
    scaling,
    variance,
    hash: measured.hash,
    trajectoryColumn: measured.trajectoryColumn,
    dropped: measured.dropped,
  };
}

/** Read a table config's file into a run's trajectories. */
export function runDataFromTable(d: TableWindows): RunData {
  return runDataFromMeasured(readMeasuredData(d.path, d.columns, d.format), d);
}
