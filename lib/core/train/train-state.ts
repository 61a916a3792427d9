/**
 * A training state as JSON and back, exactly: θ, AdamW's moments, the best-so-far and the history.
 * float64 values survive JSON (shortest round-trip representation); a best MSE not yet measured
 * (Infinity) is stored as null because JSON has no Infinity.
 */
import { z } from "zod";
import { AdamWState } from "./adamw";
import { EpochRecord, TrainState } from "./loop";

const finite = z.number().finite();

/** The JSON form of a TrainState (validates a stored state before it is trusted). */
export const TrainStateSchema = z
  .object({
    epoch: z.number().int().nonnegative(),
    params: z.array(finite),
    optimizer: z.object({ step: z.number().int().nonnegative(), m: z.array(finite), v: z.array(finite.nonnegative()) }).strict(),
    best: z.object({ epoch: z.number().int(), mse: z.number().nullable(), theta: z.array(finite) }).strict(),
    history: z.array(z.object({ epoch: z.number(), loss: z.number(), mse: z.number(), lambda: z.number(), nfe: z.number(), ms: z.number() }).strict()),
  })
  .strict();

/** The JSON-ready form of a training state. */
export function encodeTrainState(state: TrainState): z.infer<typeof TrainStateSchema> {
  return {
    epoch: state.epoch,
    params: Array.from(state.params),
    optimizer: state.optimizer,
    best: { epoch: state.best.epoch, mse: Number.isFinite(state.best.mse) ? state.best.mse : null, theta: Array.from(state.best.theta) },
    history: state.history,
  };
}

/** The training state from its validated JSON form. */
export function decodeTrainState(s: z.infer<typeof TrainStateSchema>): TrainState {
  return {
    epoch: s.epoch,
    params: Float64Array.from(s.params),
    // Casts: tslab's non-strict compiler infers zod's fields as optional.
    optimizer: s.optimizer as AdamWState,
    best: { epoch: s.best.epoch, mse: s.best.mse ?? Infinity, theta: Float64Array.from(s.best.theta) },
    history: s.history as EpochRecord[],
  };
}
