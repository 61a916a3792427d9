/** Dense rollouts agree with the run's own prediction and the dataset's clean values on the data grid. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { buildDataset } from "../../lib/paper/experiments/build";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { withBudget } from "../../lib/paper/experiments/budget";
import { denseGrid, denseRollout, denseTruth } from "../../lib/paper/experiments/dense";

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test("denseGrid runs from the first sample to the last extrapolation time", () => {
  const ds = buildDataset(paperConfig("lorenz", "blackbox", "vanilla"));
  const t = denseGrid(ds, { dt: 0.01 });
  // 31 training points (0 … 3.0) and 31 extrapolation points (3.1 … 6.1)
  assert.equal(t.length, 611);
  assert.ok(Math.abs(t[610] - 6.1) < 1e-12);
  assert.equal(denseGrid(ds, { dt: 0.5, tEnd: 2 }).length, 5);
  assert.throws(() => denseGrid(ds, { dt: 0 }), /dense dt: expected a finite number > 0, got 0/);
});

test("on the data grid, the dense rollout is the run's prediction and the dense truth is the clean data", () => {
  const config = withBudget(paperConfig("lorenz", "blackbox", "vanilla", { seed: 10 }), { baselineEpochs: 3 });
  const ds = buildDataset(config);
  const run = runExperiment(config, { dataset: ds });
  const onGrid = denseRollout(run, ds, { dt: 0.1 });
  assert.ok(onGrid && run.prediction);
  assert.equal(onGrid.t.length, run.prediction.t.length);
  assert.ok(maxAbsDiff(onGrid.u, run.prediction.u) < 1e-9);
  const fine = denseRollout(run, ds, { dt: 0.02 });
  assert.ok(fine);
  assert.ok(maxAbsDiff(fine.u.filter((_, i) => Math.floor(i / 3) % 5 === 0), run.prediction.u) < 1e-6);
  const truth = denseTruth(config, ds, { dt: 0.1 });
  assert.ok(truth && ds.train.clean && ds.extrap.clean);
  assert.ok(maxAbsDiff(truth.u, [...ds.train.clean, ...ds.extrap.clean]) < 1e-9);
  assert.equal(denseRollout({ ...run, prediction: null }, ds), null);
});

test("recorded data has no dense truth", () => {
  const config = paperConfig("double-pendulum", "blackbox", "vanilla", { data: "synthetic" });
  assert.equal(denseTruth(config, buildDataset(config)), null);
});
