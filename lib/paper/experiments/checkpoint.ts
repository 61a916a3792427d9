/**
 * Checkpoints: a run description with its training state (JSON), to resume training exactly
 * (optimizer state, best-so-far and history included) or to reuse a model in a notebook. One
 * format for every command: a fit's checkpoint also records its data's hash and output folder.
 */
import * as fs from "node:fs";
import { z } from "zod";
import { ExperimentConfig, parseConfig, ConfigError } from "./config";
import { TrainState, decodeTrainState, encodeTrainState, TrainStateSchema, writeJsonAtomic } from "../../core/index";
import { fitConfig, FitOptions } from "./table-config";

/** The format tag written into every checkpoint file. */
export const CHECKPOINT_FORMAT = "homotopy-ode/checkpoint@2";
/** Earlier formats that still load: train's checkpoints (same layout) and fit's (its options, rebuilt into a run description). */
const TRAIN_CHECKPOINT_V1 = "homotopy-ode/checkpoint@1";
const FIT_CHECKPOINT_V1 = "homotopy-ode/fit-checkpoint@1";

/** What a fit's checkpoint adds: the data's hash (to refuse changed data) and where the fit writes. */
export interface CheckpointExtras {
  dataHash?: string;
  out?: string;
}

/** A checkpoint file's contents: the run description, the training state and when it was saved. */
export interface Checkpoint extends CheckpointExtras {
  config: ExperimentConfig;
  state: TrainState;
  savedAt: string;
}

const FileSchema = z
  .object({
    format: z.enum([CHECKPOINT_FORMAT, TRAIN_CHECKPOINT_V1]),
    savedAt: z.string(),
    config: z.unknown(),
    state: TrainStateSchema,
    dataHash: z.string().optional(),
    out: z.string().optional(),
  })
  .strict();

const FitV1Schema = z.object({ format: z.literal(FIT_CHECKPOINT_V1), savedAt: z.string(), options: z.record(z.unknown()), dataHash: z.string(), out: z.string(), state: TrainStateSchema }).strict();

/** Write a run description and its training state to a JSON checkpoint, atomically. */
export function saveCheckpoint(file: string, config: ExperimentConfig, state: TrainState, extras: CheckpointExtras = {}): void {
  writeJsonAtomic(file, { format: CHECKPOINT_FORMAT, savedAt: new Date().toISOString(), config, state: encodeTrainState(state), ...extras });
}

function issues(file: string, error: z.ZodError): string {
  return error.issues.map((i) => `checkpoint ${file}: ${i.path.join(".") || "(top level)"}: ${i.message}`).join("\n");
}

/** Read and validate a checkpoint written by `saveCheckpoint` (or by an earlier version that still loads), for an exact resume. */
export function loadCheckpoint(file: string): Checkpoint {
  if (!fs.existsSync(file)) throw new ConfigError(`checkpoint ${file}: file not found`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ConfigError(`checkpoint ${file}: cannot read it as JSON (${(e as Error).message})`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format === FIT_CHECKPOINT_V1) {
    const r = FitV1Schema.safeParse(raw);
    if (!r.success) throw new ConfigError(issues(file, r.error));
    const options = r.data.options as unknown as FitOptions;
    return { config: fitConfig(options).config, state: decodeTrainState(r.data.state), savedAt: r.data.savedAt, dataHash: r.data.dataHash, out: r.data.out };
  }
  if (typeof format === "string" && format.startsWith("homotopy-ode/") && format !== CHECKPOINT_FORMAT && format !== TRAIN_CHECKPOINT_V1) {
    throw new ConfigError(`checkpoint ${file}: written in format "${format}", which this version of homotopy-ode cannot resume (it reads "${CHECKPOINT_FORMAT}"); start the run again`);
  }
  if (format !== CHECKPOINT_FORMAT && format !== TRAIN_CHECKPOINT_V1) {
    throw new ConfigError(`checkpoint ${file}: format: expected "${CHECKPOINT_FORMAT}" (a checkpoint written by train or fit), got ${JSON.stringify(format ?? null)}`);
  }
  const r = FileSchema.safeParse(raw);
  if (!r.success) throw new ConfigError(issues(file, r.error));
  const config = parseConfig(r.data.config, `checkpoint ${file}: config`);
  return { config, savedAt: r.data.savedAt, state: decodeTrainState(r.data.state), dataHash: r.data.dataHash, out: r.data.out };
}
