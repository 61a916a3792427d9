/**
 * Checkpoints: trained parameters together with their config (JSON), to resume training exactly
 * (optimizer state, best-so-far and history included) or to reuse a model in a notebook.
 */
import * as fs from "node:fs";
import { z } from "zod";
import { ExperimentConfig, parseConfig, ConfigError } from "./config";
import { TrainState } from "../../core/train/loop";
import { decodeTrainState, encodeTrainState, TrainStateSchema } from "../../core/train/train-state";
import { writeJsonAtomic } from "../../core/io/atomic";

/** The format tag written into every checkpoint file. */
export const CHECKPOINT_FORMAT = "homotopy-ode/checkpoint@1";

/** A checkpoint file's contents: the config, the training state and when it was saved. */
export interface Checkpoint {
  config: ExperimentConfig;
  state: TrainState;
  savedAt: string;
}

const FileSchema = z.object({ format: z.literal(CHECKPOINT_FORMAT), savedAt: z.string(), config: z.unknown(), state: TrainStateSchema }).strict();

/** Write a config and its training state to a JSON checkpoint, atomically. */
export function saveCheckpoint(file: string, config: ExperimentConfig, state: TrainState): void {
  writeJsonAtomic(file, { format: CHECKPOINT_FORMAT, savedAt: new Date().toISOString(), config, state: encodeTrainState(state) });
}

/** Read and validate a checkpoint written by `saveCheckpoint`, for an exact resume. */
export function loadCheckpoint(file: string): Checkpoint {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ConfigError(`checkpoint ${file}: cannot read it as JSON (${(e as Error).message})`);
  }
  const r = FileSchema.safeParse(raw);
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => `checkpoint ${file}: ${i.path.join(".") || "(top level)"}: ${i.message}`).join("\n"));
  }
  const config = parseConfig(r.data.config, `checkpoint ${file}: config`);
  return { config, savedAt: r.data.savedAt, state: decodeTrainState(r.data.state) };
}
