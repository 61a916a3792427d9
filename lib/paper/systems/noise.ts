/**
 * The zod schema of a noise recipe (the NoiseSpec type of dataset.ts), shared by system files and
 * experiment configs so both accept and reject the same recipes with the same messages.
 */
import { z } from "zod";

const amplitude = z
  .number({ invalid_type_error: "noise amplitude must be a number" })
  .finite({ message: "noise amplitude must be finite" })
  .nonnegative({ message: "noise amplitude must be ≥ 0" });

/** A NoiseSpec: none, std relative to each component's mean, or an absolute std. */
export const NoiseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }).strict(),
  z.object({ kind: z.literal("relative-to-mean"), amplitude }).strict(),
  z.object({ kind: z.literal("absolute"), amplitude }).strict(),
]);
