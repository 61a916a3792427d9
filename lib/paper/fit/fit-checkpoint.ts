/**
 * Checkpoints of a fit: the fit's options (data path, columns, settings) with the training state,
 * so `fit --resume FILE` continues exactly where it stopped, on the same data (checked by hash).
 */
import * as fs from "node:fs";
import { writeJsonAtomic } from "../../core/io/atomic";
import { TrainState } from "../../core/train/loop";
import { FitOptions } from "./fit";
import { FitInputError } from "./table";

export const FIT_CHECKPOINT_FORMAT = "homotopy-ode/fit-checkpoint@1";

/** The JSON-able part of FitOptions (the data as a path). */
export type StoredFitOptions = Omit<FitOptions, "data" | "onEpoch" | "resume" | "onState" | "checkpointEvery"> & { data: string };

export interface FitCheckpoint {
  options: StoredFitOptions;
  dataHash: string;
  out: string;
  state: TrainState;
}

export function saveFitCheckpoint(file: string, checkpoint: FitCheckpoint): void {
  const s = checkpoint.state;
  writeJsonAtomic(file, {
    format: FIT_CHECKPOINT_FORMAT,
    savedAt: new Date().toISOString(),
    options: checkpoint.options,
    dataHash: checkpoint.dataHash,
    out: checkpoint.out,
    state: { epoch: s.epoch, params: Array.from(s.params), optimizer: s.optimizer, best: { epoch: s.best.epoch, mse: Number.isFinite(s.best.mse) ? s.best.mse : null, theta: Array.from(s.best.theta) }, history: s.history },
  });
}

export function loadFitCheckpoint(file: string): FitCheckpoint {
  if (!fs.existsSync(file)) throw new FitInputError(`--resume ${file}: file not found`);
  let raw: { format?: string; options?: StoredFitOptions; dataHash?: string; out?: string; state?: { epoch: number; params: number[]; optimizer: TrainState["optimizer"]; best: { epoch: number; mse: number | null; theta: number[] }; history: TrainState["history"] } };
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new FitInputError(`--resume ${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (raw?.format !== FIT_CHECKPOINT_FORMAT || !raw.options || !raw.state || typeof raw.dataHash !== "string" || typeof raw.out !== "string") {
    throw new FitInputError(`--resume ${file}: expected a fit checkpoint (format "${FIT_CHECKPOINT_FORMAT}") written by fit --checkpoint`);
  }
  const s = raw.state;
  return {
    options: raw.options,
    dataHash: raw.dataHash,
    out: raw.out,
    state: { epoch: s.epoch, params: Float64Array.from(s.params), optimizer: s.optimizer, best: { epoch: s.best.epoch, mse: s.best.mse ?? Infinity, theta: Float64Array.from(s.best.theta) }, history: s.history },
  };
}
