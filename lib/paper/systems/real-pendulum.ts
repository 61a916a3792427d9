/**
 * The real double-pendulum recording of Schmidt & Lipson (Science 2009), as published in the
 * paper's repository, and its synthetic stand-in from the ideal equations.
 *
 * File format: one header line (`% o1 o2 w1 w2`), then space-separated rows of 10 numbers whose
 * first six are (trajectory id, t, θ1, θ2, ω1, ω2). The paper uses trajectory 0: the first 100
 * samples train, the next 100 extrapolate; time is shifted to start at 0; u0 is the first sample.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Dataset } from "./dataset";
import { DoublePendulum } from "./double-pendulum";
import { solve, UsageError } from "../../core/index";

export const PENDULUM_FILE = "real_double_pend_h_1.txt";
export const PENDULUM_SOURCE_URL =
  "https://github.com/Jhko725/NeuralODEHomotopy/blob/main/node_homotopy/experiments/data/invar_datasets/real_double_pend_h_1.txt";

export class DataFileError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "DataFileError";
  }
}

/** Where the recording is looked for: an explicit path, else $HOMOTOPY_DATA_DIR/real_double_pend_h_1.txt. */
export function resolvePendulumPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (explicit) return explicit;
  if (env.HOMOTOPY_DATA_DIR) return path.join(env.HOMOTOPY_DATA_DIR, PENDULUM_FILE);
  return null;
}

export function missingPendulumMessage(where: string | null): string {
  return [
    where ? `double-pendulum data: file not found: ${where}` : "double-pendulum data: no data file given",
    `Download ${PENDULUM_FILE} (Schmidt & Lipson 2009, from the paper's repository):`,
    `  ${PENDULUM_SOURCE_URL}`,
    `then pass --data /path/to/${PENDULUM_FILE}, or put it in a folder and set HOMOTOPY_DATA_DIR=/that/folder.`,
    "Without it, --system double-pendulum uses the synthetic pendulum (ideal equations, same sampling).",
  ].join("\n");
}

export interface PendulumRows {
  /** Trajectory id → rows of (t, θ1, θ2, ω1, ω2). */
  trajectories: Map<number, number[][]>;
}

/** Parse the file's text; every problem names the line and what was expected. */
export function parsePendulumText(text: string, source = PENDULUM_FILE): PendulumRows {
  const lines = text.split(/\r?\n/);
  const trajectories = new Map<number, number[][]>();
  let columns = -1;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("%") || line.startsWith("#")) return;
    const parts = line.split(/\s+/);
    if (columns < 0) columns = parts.length;
    if (parts.length < 6) {
      throw new DataFileError(`${source} line ${i + 1}: expected at least 6 space-separated columns (id t θ1 θ2 ω1 ω2), got ${parts.length}`);
    }
    if (parts.length !== columns) {
      throw new DataFileError(`${source} line ${i + 1}: expected ${columns} columns like the first data line, got ${parts.length}`);
    }
    const values = parts.slice(0, 6).map(Number);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new DataFileError(`${source} line ${i + 1}, column ${bad + 1}: expected a finite number, got "${parts[bad]}"`);
    const id = values[0];
    if (!trajectories.has(id)) trajectories.set(id, []);
    (trajectories.get(id) as number[][]).push(values.slice(1));
  });
  if (trajectories.size === 0) throw new DataFileError(`${source}: no data rows found`);
  return { trajectories };
}

/** The paper's split of the recording into train and extrapolation windows. */
export function pendulumDataset(rows: PendulumRows, trainPoints = 100, trajectory = 0, source = PENDULUM_FILE): Dataset {
  const traj = rows.trajectories.get(trajectory);
  if (!traj) throw new DataFileError(`${source}: no trajectory with id ${trajectory} (ids: ${[...rows.trajectories.keys()].join(", ")})`);
  if (trainPoints < 4) throw new DataFileError(`${source}: trainPoints must be at least 4, got ${trainPoints}`);
  if (traj.length < 2 * trainPoints) {
    throw new DataFileError(`${source}: trajectory ${trajectory} has ${traj.length} samples; ${trainPoints} train + ${trainPoints} extrapolation need ${2 * trainPoints}`);
  }
  const t0 = traj[0][0];
  for (let i = 1; i < 2 * trainPoints; i++) {
    if (!(traj[i][0] > traj[i - 1][0])) {
      throw new DataFileError(`${source}: times must be strictly increasing, but sample ${i} (t = ${traj[i][0]}) follows t = ${traj[i - 1][0]}`);
    }
  }
  const window = (from: number) => {
    const rowsW = traj.slice(from, from + trainPoints);
    return { t: Float64Array.from(rowsW, (r) => r[0] - t0), u: Float64Array.from(rowsW.flatMap((r) => r.slice(1, 5))) };
  };
  const train = window(0);
  return {
    name: "double-pendulum",
    dim: 4,
    stateNames: ["theta1", "theta2", "omega1", "omega2"],
    train,
    extrap: window(trainPoints),
    u0: train.u.slice(0, 4),
    source: `Schmidt & Lipson real double pendulum (${path.basename(source)}), trajectory ${trajectory}, ${trainPoints} + ${trainPoints} samples`,
  };
}

/** Read and split the recording; clear errors for a missing or malformed file. */
export function loadRealPendulum(filePath: string, trainPoints = 100): Dataset {
  if (!fs.existsSync(filePath)) throw new DataFileError(missingPendulumMessage(filePath));
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch (e) {
    throw new DataFileError(`double-pendulum data: cannot read ${filePath}: ${(e as Error).message}`);
  }
  return pendulumDataset(parsePendulumText(text, filePath), trainPoints, 0, filePath);
}

/** The ideal double pendulum from the recording's first state, sampled uniformly (default every 0.01 s). */
export function syntheticPendulum(trainPoints = 100, dt = 0.01): Dataset {
  const system = new DoublePendulum();
  const n = 2 * trainPoints;
  const t = Float64Array.from({ length: n }, (_, i) => i * dt);
  const sol = solve(system, system.defaultU0, t, system.defaultParams, { rtol: 1e-10, atol: 1e-12, record: false });
  const split = trainPoints * 4;
  return {
    name: "double-pendulum",
    dim: 4,
    stateNames: system.stateNames,
    train: { t: t.slice(0, trainPoints), u: sol.us.slice(0, split), clean: sol.us.slice(0, split) },
    extrap: { t: t.slice(trainPoints), u: sol.us.slice(split), clean: sol.us.slice(split) },
    u0: Float64Array.from(system.defaultU0),
    source: `synthetic ideal double pendulum (m = 1, 1 kg; l = 0.1, 0.1 m), ${trainPoints} + ${trainPoints} samples every ${dt} s`,
  };
}
