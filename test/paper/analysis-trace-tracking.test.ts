/** Figure 5 (right): the Hessian trace measured through the training loop's inspect hook. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { parseConfig } from "../../lib/paper/experiments/config";
import { buildDataset, buildModel, buildObjective, initialTheta, solverOptions, trainingData } from "../../lib/paper/experiments/build";
import { MultipleShootingObjective } from "../../lib/core/train/objectives";
import { SegmentedLoss } from "../../lib/core/hessian/segmented-loss";
import { TraceTracker, trackHessianTrace } from "../../lib/paper/analysis/trace-tracking";
import { TrainingLoss } from "../../lib/core/hessian/loss";
import { configLoss } from "../../lib/paper/analysis/problem";
import { HessianOperator } from "../../lib/core/hessian/hvp";
import { hutchinsonTrace } from "../../lib/core/hessian/spectrum";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { Rng } from "../../lib/core/random/rng";

test("vanilla: the trace every N epochs; the epoch-0 point equals a direct Hutchinson estimate at the initial θ", () => {
  const config = parseConfig({ ...paperConfig("lotka-volterra", "blackbox", "vanilla", { seed: 10 }), epochs: 21 });
  const { run, points } = trackHessianTrace(config, { every: 10, maxProbes: 30, tol: 0, seed: 2 });
  assert.equal(run.epochs, 21);
  assert.deepEqual(points.map((p) => p.epoch), [0, 10, 20]);
  assert.ok(points.every((p) => p.probes === 30 && p.lambda === 0 && Number.isFinite(p.trace)));
  const ds = buildDataset(config);
  const model = buildModel(config);
  const theta0 = initialTheta(config, model);
  const loss = new TrainingLoss(model, trainingData(ds), theta0, { solver: solverOptions(config) });
  const direct = hutchinsonTrace(new HessianOperator(loss, theta0), new Rng(2 * 1000003 + 0), { maxIter: 30, tol: 0 });
  assert.equal(points[0].trace, direct.trace);
  assert.equal(points[0].loss, run.history.mse[0]);
  assert.equal(points[1].loss, run.history.mse[10]);
});

test('homotopy with loss "training": the coupled loss at λ(epoch), ending uncoupled at λ = 0', () => {
  const base = paperConfig("lotka-volterra", "blackbox", "homotopy", { seed: 10 });
  const h = base.homotopy as NonNullable<typeof base.homotopy>;
  const config = parseConfig({ ...base, epochs: 12, homotopy: { ...h, schedule: { kind: "power-law", steps: 6, epochsPerStep: 2, decay: 0.6 } } });
  const { run, points } = trackHessianTrace(config, { every: 2, maxProbes: 4, tol: 0, loss: "training" });
  assert.deepEqual(points.map((p) => p.epoch), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(points.map((p) => Math.round(p.lambda * 1e4) / 1e4), [1, 0.5663, 0.306, 0.1499, 0.0562, 0]);
  // Each point's loss is the training loss the method saw at that epoch.
  for (const p of points) assert.ok(Math.abs(p.loss - run.history.loss[p.epoch]) <= 1e-12 * p.loss, `epoch ${p.epoch}: ${p.loss} vs ${run.history.loss[p.epoch]}`);
  // At epoch 0 (λ = 1) the tracked trace is that of the coupled loss with k = 6.
  const ds = buildDataset(config);
  const model = buildModel(config);
  const theta0 = initialTheta(config, model);
  const data = trainingData(ds);
  const coupled = new TrainingLoss(model, data, theta0, { solver: solverOptions(config), coupling: { interpolant: new SmoothingSpline(data.t, data.u, 2, h.alpha), k: h.k } });
  const direct = hutchinsonTrace(new HessianOperator(coupled, theta0), new Rng(0), { maxIter: 4, tol: 0 });
  assert.equal(points[0].trace, direct.trace);
  // The default tracks the uncoupled loss (comparable across methods).
  const tracker = new TraceTracker(config, ds, { maxProbes: 4, tol: 0 });
  const p0 = tracker.measure(0, theta0);
  assert.equal(p0.lambda, 0);
  assert.equal(p0.loss, run.history.mse[0]);
  assert.ok(p0.trace > points[0].trace, `uncoupled trace ${p0.trace} should exceed the coupled one ${points[0].trace}`);
});

test('multiple shooting with loss "training": the segmented loss over θ and the initial-condition corrections', () => {
  const config = parseConfig({ ...paperConfig("lotka-volterra", "blackbox", "multishoot", { seed: 10 }), epochs: 7 });
  const { run, points } = trackHessianTrace(config, { every: 3, maxProbes: 4, tol: 0, loss: "training" });
  assert.deepEqual(points.map((p) => p.epoch), [0, 3, 6]);
  // Each point's loss is the segmented loss training saw (data + β·continuity), which needs the live corrections.
  for (const p of points) assert.ok(Math.abs(p.loss - run.history.loss[p.epoch]) <= 1e-12 * p.loss, `epoch ${p.epoch}: ${p.loss} vs ${run.history.loss[p.epoch]}`);
  assert.ok(points.every((p) => p.lambda === 0 && p.probes === 4 && Number.isFinite(p.trace)));
  // At epoch 0 the corrections are zero: the trace is that of SegmentedLoss at (θ0, 0).
  const ds = buildDataset(config);
  const model = buildModel(config);
  const theta0 = initialTheta(config, model);
  const objective = buildObjective(config, model, ds) as MultipleShootingObjective;
  const point = new Float64Array(model.nParams + objective.nExtra);
  point.set(theta0);
  const direct = hutchinsonTrace(new HessianOperator(new SegmentedLoss(objective, point), point), new Rng(0), { maxIter: 4, tol: 0 });
  assert.equal(points[0].trace, direct.trace);
  // The segmented loss is a different function from the rollout MSE: its trace differs.
  const uncoupled = new TraceTracker(config, ds, { maxProbes: 4, tol: 0 }).measure(0, theta0);
  assert.notEqual(uncoupled.trace, points[0].trace);
  // Without the corrections the segmented loss cannot be built.
  assert.throws(() => new TraceTracker(config, ds, { loss: "training" }).measure(0, theta0), /needs the 8 initial-condition corrections, got 0/);
});

test("a failed solve records NaN instead of stopping training; bad options are refused by name", () => {
  const ms = paperConfig("lotka-volterra", "blackbox", "multishoot", { seed: 10 });
  const ds = buildDataset(ms);
  assert.throws(() => new TraceTracker(ms, ds, { every: 0 }), /every: expected a whole number ≥ 1, got 0/);
  const strict = parseConfig({ ...ms, solver: { ...ms.solver, maxSteps: 3 } });
  const tracker = new TraceTracker(strict, ds, { maxProbes: 2 });
  const model = buildModel(ms);
  const p = tracker.measure(0, initialTheta(ms, model));
  assert.ok(Number.isNaN(p.trace) && p.probes === 0);
  assert.throws(() => configLoss(ms, ds, initialTheta(ms, model), { lambda: 0.5 }), /a coupled loss needs a homotopy config \(k and spline α\); this one is multishoot/);
});
