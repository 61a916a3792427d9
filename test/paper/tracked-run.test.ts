/** trackedRun / trackedRunPool: θ snapshots with their rollouts, and Hessian traces, during training. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { parseConfig } from "../../lib/paper/experiments/config";
import { withBudget } from "../../lib/paper/experiments/budget";
import { buildDataset, buildModel, initialTheta } from "../../lib/paper/experiments/build";
import { rollout, runExperiment } from "../../lib/paper/experiments/runner";
import { trackHessianTrace } from "../../lib/paper/analysis/trace-tracking";
import { trackedRun, trackedRunPool } from "../../lib/paper/analysis/tracked-run";
import { mse } from "../../lib/core/train/loss";

const vanilla = () => parseConfig({ ...paperConfig("lotka-volterra", "blackbox", "vanilla", { seed: 10 }), epochs: 25 });
const homotopy = () => withBudget(paperConfig("lotka-volterra", "blackbox", "homotopy", { seed: 20 }), { epochsPerStep: 4 });

test("snapshots hold θ before the step of each chosen epoch and its rollout; training is unchanged", () => {
  const config = vanilla();
  const plain = runExperiment(config);
  const tr = trackedRun(config, { snapshotEpochs: [0, 7, plain.bestEpoch, 500] });
  // Observing does not change what is trained.
  assert.deepEqual(tr.run.history.mse, plain.history.mse);
  assert.deepEqual(tr.run.bestTheta, plain.bestTheta);
  // Epoch 500 is never reached, so it is skipped; the others come in epoch order.
  assert.deepEqual(tr.snapshots.map((s) => s.epoch), [...new Set([0, 7, plain.bestEpoch])].sort((a, b) => a - b));
  const ds = buildDataset(config);
  const model = buildModel(config);
  const at = (e: number) => tr.snapshots.find((s) => s.epoch === e)!;
  assert.deepEqual(at(0).theta, Array.from(initialTheta(config, model)));
  assert.deepEqual(at(plain.bestEpoch).theta, plain.bestTheta);
  // The best-epoch rollout is the run's own prediction; its training-window MSE is the logged MSE of that epoch.
  assert.deepEqual(at(plain.bestEpoch).u, plain.prediction?.u);
  assert.equal(at(7).interpMse, plain.history.mse[7]);
  const u7 = rollout(model, ds, Float64Array.from(at(7).theta), config)!;
  assert.equal(at(7).extrapMse, mse(u7.subarray(ds.train.t.length * 2), ds.extrap.u));
  assert.equal(tr.t.length, ds.train.t.length + ds.extrap.t.length);
  assert.equal(tr.extrapStart, ds.train.t.length);
});

test("several traces in one run equal separate trackHessianTrace runs", () => {
  const config = homotopy();
  const options = { every: 8, maxProbes: 3, tol: 0, seed: 5 };
  const tr = trackedRun(config, { traces: [{ name: "uncoupled", options }, { name: "training", options: { ...options, loss: "training" as const } }] });
  const u = trackHessianTrace(config, options);
  const t = trackHessianTrace(config, { ...options, loss: "training" });
  assert.deepEqual(tr.traces.uncoupled, u.points);
  assert.deepEqual(tr.traces.training, t.points);
  assert.deepEqual(tr.traces.uncoupled.map((p) => p.epoch), [0, 8, 16]);
  assert.deepEqual(tr.snapshots, []);
  assert.throws(() => trackedRun(config, { traces: [{ name: "a", options }, { name: "a", options }] }), /each name must be unique, "a" appears twice/);
  assert.throws(() => trackedRun(config, { snapshotEpochs: [-1] }), /snapshotEpochs: expected whole numbers ≥ 0, got -1/);
});

test("the worker pool returns the same results as this thread, in job order", async () => {
  const jobs = [
    { config: vanilla(), options: { snapshotEpochs: [3, 10] } },
    { config: homotopy(), options: { snapshotEpochs: [5], traces: [{ name: "uncoupled", options: { every: 12, maxProbes: 2, tol: 0 } }] } },
    { config: parseConfig({ ...vanilla(), seed: 30, epochs: 9 }) },
  ];
  const started: number[] = [];
  const pooled = await trackedRunPool(jobs, 2, { onStart: (i) => started.push(i) });
  const local = await trackedRunPool(jobs, 1);
  assert.deepEqual(started.sort(), [0, 1, 2]);
  assert.equal(pooled.length, 3);
  pooled.forEach((p, i) => {
    assert.equal(p.run.id, local[i].run.id);
    assert.deepEqual(p.run.history.mse, local[i].run.history.mse);
    assert.deepEqual(p.snapshots, local[i].snapshots);
    assert.deepEqual(p.traces, local[i].traces);
  });
  assert.equal(pooled[2].run.epochs, 9);
  // A failing job rejects the pool with its id.
  const bad = { config: { ...vanilla(), data: { kind: "real-pendulum", path: "/nonexistent/x.txt", trainPoints: 100 }, system: "double-pendulum", model: { ...vanilla().model, widths: [4, 8, 4] } } as never };
  await assert.rejects(trackedRunPool([jobs[2], bad], 2), /tracked run double-pendulum__blackbox__vanilla__seed10: double-pendulum data: file not found: \/nonexistent\/x.txt/);
});
