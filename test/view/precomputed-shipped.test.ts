/**
 * The full-profile results shipped in precomputed/full match a fresh run bit for bit. If this fails
 * after a deliberate change of the numerics, regenerate them (PRECOMPUTED_COMMAND, see README).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { parseConfig } from "../../lib/paper/experiments/config";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { loadPrecomputed, loadPrecomputedRuns, PRECOMPUTED_COMMAND } from "../../lib/view/report/precomputed";

const regenerate = `the shipped results differ from a fresh run; if the numerics changed on purpose, regenerate them: ${PRECOMPUTED_COMMAND}`;

test("shipped LV black-box homotopy seed 10 (full profile) equals a fresh run: metrics and best θ bit for bit", () => {
  const config = paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "full", seed: 10 });
  const shipped = loadPrecomputed("lotka-volterra").runs.find((r) => r.id === "lotka-volterra__blackbox__homotopy__seed10");
  assert.ok(shipped, "precomputed/full/lotka-volterra.json has no lotka-volterra__blackbox__homotopy__seed10");
  assert.deepEqual(shipped.config, config, `config: ${regenerate}`);
  const fresh = runExperiment(config);
  assert.equal(fresh.bestTheta.length, 162);
  for (const key of ["status", "interpMse", "extrapMse", "extrapMseClean", "bestEpoch", "epochs", "totalNfe"] as const) {
    assert.equal(shipped[key], fresh[key], `${key}: ${regenerate}`);
  }
  // deepStrictEqual compares numbers with Object.is: every bit of every weight.
  assert.deepEqual(shipped.bestTheta, fresh.bestTheta, `best θ: ${regenerate}`);
});

test("every shipped run is a valid full-profile config of today's schema, with finite scores", () => {
  const runs = [...loadPrecomputedRuns(), ...loadPrecomputed("figure3-length").runs];
  assert.ok(runs.length >= 18, `${runs.length} shipped runs`);
  for (const r of runs) {
    assert.equal(r.config.profile, "full", r.id);
    assert.deepEqual(parseConfig(r.config, r.id), r.config, `${r.id}: ${regenerate}`);
    assert.ok(Number.isFinite(r.interpMse) && r.interpMse > 0, r.id);
    assert.ok(r.history.epochs && r.history.epochs.length === r.history.mse.length, r.id);
  }
});
