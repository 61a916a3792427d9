/**
 * Checkpoints: trained parameters together with their config (JSON), to resume training exactly
 * (optimizer state, best-so-far and history included) or to reuse a model in a notebook.
 * float64 values survive JSON exactly (shortest round-trip representation).
 */
import * as fs from "node:fs";
import { z } from "zod";
import { ExperimentConfig, parseConfig, ConfigError } from "./config";
import { TrainState } from "../../core/train/loop";
import { writeJsonAtomic } from "../../core/io/atomic";

export const CHECKPOINT_FORMAT = "homotopy-ode/checkpoint@1";

export interface Checkpoint {
  config: ExperimentConfig;
  state: TrainState;
  savedAt: string;
}

const finite = z.number().finite();
const StateSchema = z
  .object({
    epoch: z.number().int().nonnegative(),
    params: z.array(finite),
    optimizer: z.object({ step: z.number().int().nonnegative(), m: z.array(finite), v: z.array(finite.nonnegative()) }).strict(),
    best: z.object({ epoch: z.number().int(), mse: z.number().nullable(), theta: z.array(finite) }).strict(),
    history: z.array(z.object({ epoch: z.number(), loss: z.number(), mse: z.number(), lambda: z.number(), nfe: z.number(), ms: z.number() }).strict()),
  })
  .strict();
const FileSchema = z.object({ format: z.literal(CHECKPOINT_FORMAT), savedAt: z.string(), config: z.unknown(), state: StateSchema }).strict();

export function saveCheckpoint(file: string, config: ExperimentConfig, state: TrainState): void {
  writeJsonAtomic(file, {
    format: CHECKPOINT_FORMAT,
    savedAt: new Date().toISOString(),
    config,
    state: {
      epoch: state.epoch,
      params: Array.from(state.params),
      optimizer: state.optimizer,
      // JSON has no Infinity: a run that has not measured anything yet stores null.
      best: { epoch: state.best.epoch, mse: Number.isFinite(state.best.mse) ? state.best.mse : null, theta: Array.from(state.best.theta) },
      history: state.history,
    },
  });
}

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
  const s = r.data.state;
  return {
    config,
    savedAt: r.data.savedAt,
    state: {
      epoch: s.epoch,
      params: Float64Array.from(s.params),
      optimizer: s.optimizer,
      best: { epoch: s.best.epoch, mse: s.best.mse ?? Infinity, theta: Float64Array.from(s.best.theta) },
      history: s.history,
    },
  };
}
