/**
 * The paper's Lotka–Volterra black-box homotopy run against the official code's own result
 * (the official code's own run: torchdiffeq + the official modules, seed 10: best MSE 6.863e-3 at epoch 299,
 * extrapolation 2.22e-3 vs the clean trajectory, 1.00e-2 vs the noisy target). Our noise and
 * initial weights are drawn as PyTorch draws them, so the whole run is comparable.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { runExperiment } from "../../lib/paper/experiments/runner";

test("LV black-box homotopy, seed 10, full profile: best MSE 6.863e-3 at epoch 299, as the official code", () => {
  const r = runExperiment(paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "full", seed: 10 }));
  assert.equal(r.epochs, 600);
  assert.equal(r.bestEpoch, 299);
  assert.ok(Math.abs(r.interpMse - 6.863e-3) < 0.0005e-2, `interp ${r.interpMse}`);
  assert.ok(Math.abs((r.extrapMseClean as number) - 2.22e-3) < 0.01e-3, `extrap clean ${r.extrapMseClean}`);
  assert.ok(Math.abs((r.extrapMse as number) - 1.0e-2) < 0.01e-2, `extrap noisy ${r.extrapMse}`);
});
