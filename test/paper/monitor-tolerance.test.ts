/** multishoot.monitorTolerance: only the rollout that picks the best epoch changes, never the training. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConfig } from "../../lib/paper/experiments/config";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { buildModel, initialTheta, solverOptions } from "../../lib/paper/experiments/assemble";
import { buildDataset } from "../../lib/paper/experiments/build";
import { runOnDataset } from "../../lib/paper/experiments/run-on-dataset";
import { solve } from "../../lib/core/ode/solve";
import { mse } from "../../lib/core/train/loss";

const base = paperConfig("lotka-volterra", "blackbox", "multishoot", { seed: 10 });
const ms = base.multishoot!;
const tight = parseConfig({ ...base, epochs: 4 });
const loose = parseConfig({ ...base, epochs: 4, multishoot: { ...ms, monitorTolerance: { rtol: 1e-5, atol: 1e-5 } } });

test("a looser monitor rollout leaves the training losses alone and measures the MSE at its own tolerance", () => {
  const ds = buildDataset(tight);
  const a = runOnDataset(tight, ds);
  const b = runOnDataset(loose, ds);
  assert.deepEqual(b.history.loss, a.history.loss);
  assert.notEqual(b.history.mse[0], a.history.mse[0]);
  const model = buildModel(loose);
  const theta0 = initialTheta(loose, model);
  const at = (rtol: number, atol: number) => mse(solve(model, ds.u0, ds.train.t, theta0, { ...solverOptions(loose), rtol, atol, record: false }).us, ds.train.u);
  assert.equal(b.history.mse[0], at(1e-5, 1e-5));
  assert.equal(a.history.mse[0], at(tight.solver.rtol, tight.solver.atol));
});

test("monitorTolerance must hold two positive numbers", () => {
  assert.throws(() => parseConfig({ ...base, multishoot: { ...ms, monitorTolerance: { rtol: -1, atol: 1e-5 } } }), /rtol/);
});
