/** Compile-time (strict tsc) check that the written-out config types equal the zod schema's inferred ones. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { ExperimentConfig, ExperimentConfigSchema } from "../../lib/paper/experiments/config";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameType: Equal<z.infer<typeof ExperimentConfigSchema>, ExperimentConfig> = true;

test("ExperimentConfig equals the schema's inferred type (checked by tsc; this assertion keeps the file a test)", () => {
  assert.equal(sameType, true);
});
