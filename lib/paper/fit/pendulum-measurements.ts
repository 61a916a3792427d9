/**
 * The real double-pendulum recording (Schmidt & Lipson) as measurements for fitData: both of its
 * trajectories, each with its own times, optionally cut to the first samples of each (the paper
 * trains on 100 samples of trajectory 0 and extrapolates over the next 100).
 */
import * as fs from "node:fs";
import { createHash } from "node:crypto";
import { parsePendulumText, DataFileError, missingPendulumMessage } from "../systems/real-pendulum";
import { MeasuredData } from "../inputs/table";

export const PENDULUM_STATES = ["theta1", "theta2", "omega1", "omega2"] as const;

/** Both trajectories (or those listed), the first `points` samples of each (default: all). */
export function pendulumMeasurements(file: string, options: { points?: number; trajectories?: number[] } = {}): MeasuredData {
  if (!fs.existsSync(file)) throw new DataFileError(missingPendulumMessage(file));
  const rows = parsePendulumText(fs.readFileSync(file, "utf8"), file);
  const ids = options.trajectories ?? [...rows.trajectories.keys()];
  const hash = createHash("sha256");
  const trajectories = ids.map((id) => {
    const all = rows.trajectories.get(id);
    if (!all) throw new DataFileError(`${file}: no trajectory with id ${id} (ids: ${[...rows.trajectories.keys()].join(", ")})`);
    const r = options.points === undefined ? all : all.slice(0, options.points);
    const t = Float64Array.from(r, (x) => x[0]);
    const u = Float64Array.from(r.flatMap((x) => x.slice(1, 5)));
    hash.update(String(id));
    hash.update(new Uint8Array(t.buffer));
    hash.update(new Uint8Array(u.buffer));
    return { id: String(id), t, u };
  });
  return { source: file, timeName: "t", stateNames: [...PENDULUM_STATES], trajectoryColumn: "trajectory", trajectories, hash: hash.digest("hex"), dropped: 0 };
}
