/**
 * Batched solves: B trajectories stacked into one state. A batched RK4 solve gives every
 * trajectory exactly the bits of its own solve; θ-gradients agree with the sum of the separate
 * ones (the order of accumulation differs) and with central differences, as do u0-gradients.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { GrayBoxModel } from "../../lib/core/models/graybox";
import { Model } from "../../lib/core/models/model";
import { BatchedField, stackTrajectories, unstackTrajectory } from "../../lib/core/ode/batched";
import { solve, SolveOptions } from "../../lib/core/ode/solve";
import { VectorField } from "../../lib/core/ode/types";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { CoupledField } from "../../lib/core/train/coupling";
import { batchedCoupledField, StackedInterpolant } from "../../lib/core/train/batched-coupling";
import { mse, mseGradient } from "../../lib/core/train/loss";
import { Rng } from "../../lib/core/random/rng";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { fdGradient, relError } from "../helpers/helpers";

/** B noisy LV trajectories on the same grid from seeded initial conditions in [0.5, 2.5]². */
function trajectories(B: number, tEnd = 2.05, seed = 3) {
  const rng = new Rng(seed);
  return Array.from({ length: B }, (_, b) => {
    const u0 = Float64Array.from([rng.uniformRange(0.5, 2.5), rng.uniformRange(0.5, 2.5)]);
    const ds = simulateDataset(new LotkaVolterra(), { tEnd, dt: 0.05, u0, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed: 10 + b });
    return { u0: ds.u0, t: ds.train.t, u: ds.train.u, spline: new SmoothingSpline(ds.train.t, ds.train.u, 2, 1e-3) };
  });
}

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return relError(a, b);
}

const models: [string, Model][] = [
  ["black-box (batched network call)", new BlackBoxModel([2, 8, 8, 2], "tanh")],
  ["gray-box (per-row fallback)", new GrayBoxModel([2, 5, 2], [1.3, -1.8], "gelu")],
];

for (const [name, model] of models) {
  for (const coupled of [false, true]) {
    test(`rk4 × ${name} × ${coupled ? "coupled" : "uncoupled"}: the batched solve equals B separate solves`, (t0) => {
      const B = 5;
      const trs = trajectories(B);
      const theta = model.init(new Rng(11));
      const opts: SolveOptions = { method: "rk4", substeps: 2 };
      const t = trs[0].t;
      const batched: VectorField = coupled ? batchedCoupledField(model, trs.map((r) => r.spline), [5, 3], 0.8) : new BatchedField(model, B);
      const sol = solve(batched, stackTrajectories(trs.map((r) => r.u0), 2), t, theta, opts);
      // Each trajectory's own MSE gradient, stacked: the batched sweep must reproduce each separate sweep.
      const usBar = stackTrajectories(trs.map((r, b) => mseGradient(unstackTrajectory(sol.us, b, B, 2), r.u)), 2);
      const g = sol.backward(usBar);
      const thetaSum = new Float64Array(theta.length);
      trs.forEach((r, b) => {
        const single: VectorField = coupled ? new CoupledField(model, r.spline, [5, 3], 0.8) : model;
        const own = solve(single, r.u0, t, theta, opts);
        const mine = unstackTrajectory(sol.us, b, B, 2);
        for (let i = 0; i < mine.length; i++) assert.ok(Object.is(mine[i], own.us[i]), `trajectory ${b}, value ${i}: ${mine[i]} vs ${own.us[i]}`);
        const og = own.backward(mseGradient(own.us, r.u));
        const u0b = g.u0.subarray(b * 2, b * 2 + 2);
        assert.deepEqual(Array.from(u0b), Array.from(og.u0), `trajectory ${b}: u0-gradient`);
        for (let q = 0; q < theta.length; q++) thetaSum[q] += og.theta[q];
      });
      const err = relDiff(g.theta, thetaSum);
      t0.diagnostic(`θ-gradient relative difference to the sum of separate solves: ${err.toExponential(2)}`);
      assert.ok(err <= 1e-12, `θ-gradient relative difference ${err.toExponential(2)}`);
    });
  }
}

for (const method of ["rk4", "dopri5"] as const) {
  test(`${method} batched coupled field: dL/dθ and dL/du0 match finite differences to 1e-6`, (t0) => {
    const B = 3;
    const trs = trajectories(B, 1.05, 5);
    const model = new BlackBoxModel([2, 6, 2], "gelu");
    const theta = model.init(new Rng(2));
    const field = batchedCoupledField(model, trs.map((r) => r.spline), 4, 0.6);
    const t = trs[0].t;
    const data = stackTrajectories(trs.map((r) => r.u), 2);
    const u0 = stackTrajectories(trs.map((r) => r.u0), 2);
    const sol = solve(field, u0, t, theta, { method });
    const g = sol.backward(mseGradient(sol.us, data));
    const frozen: SolveOptions = { method, record: false, replaySteps: method === "dopri5" ? sol.stepSizes : undefined };
    const loss = (th: Float64Array, v0: Float64Array) => mse(solve(field, v0, t, th, frozen).us, data);
    const errTheta = relError(g.theta, fdGradient((th) => loss(th, u0), theta));
    const errU0 = relError(g.u0, fdGradient((v0) => loss(theta, v0), u0));
    t0.diagnostic(`relative error against central differences: θ ${errTheta.toExponential(2)}, u0 ${errU0.toExponential(2)}`);
    assert.ok(errTheta <= 1e-6, `θ-gradient relative error ${errTheta.toExponential(2)}`);
    assert.ok(errU0 <= 1e-6, `u0-gradient relative error ${errU0.toExponential(2)}`);
  });
}

test("dopri5: a batch of one takes the unbatched solve's steps bit for bit; a batch of B shares steps and stays within tolerance", (t0) => {
  const trs = trajectories(4, 2.05, 8);
  const model = new BlackBoxModel([2, 8, 2], "gelu");
  const theta = model.init(new Rng(5));
  const t = trs[0].t;
  const one = solve(new BatchedField(model, 1), trs[0].u0, t, theta);
  const plain = solve(model, trs[0].u0, t, theta);
  assert.deepEqual(Array.from(one.us), Array.from(plain.us));
  assert.equal(one.stats.accepted, plain.stats.accepted);
  const all = solve(new BatchedField(model, 4), stackTrajectories(trs.map((r) => r.u0), 2), t, theta);
  trs.forEach((r, b) => {
    const own = solve(model, r.u0, t, theta).us;
    const err = relDiff(unstackTrajectory(all.us, b, 4, 2), own);
    t0.diagnostic(`trajectory ${b}: shared steps vs its own solve, relative difference ${err.toExponential(2)}`);
    assert.ok(err < 1e-5, `trajectory ${b}: relative difference ${err.toExponential(2)} (rtol 1e-7)`);
  });
});

test("stacking: unstack inverts stack; mismatched inputs are refused with the expected form", () => {
  const a = Float64Array.from([1, 2, 3, 4, 5, 6]);
  const b = Float64Array.from([7, 8, 9, 10, 11, 12]);
  const s = stackTrajectories([a, b], 2);
  assert.deepEqual(Array.from(s), [1, 2, 7, 8, 3, 4, 9, 10, 5, 6, 11, 12]);
  assert.deepEqual(Array.from(unstackTrajectory(s, 1, 2, 2)), Array.from(b));
  assert.throws(() => stackTrajectories([a, b.subarray(2)], 2), /same output times/);
  assert.throws(() => new BatchedField(new BlackBoxModel([2, 3, 2]), 0), /positive integer/);
  assert.throws(() => new StackedInterpolant([trajectories(1)[0].spline, { dim: 3, evaluate() {} }]), /expected 2/);
  assert.throws(() => batchedCoupledField(new BlackBoxModel([2, 3, 2]), [trajectories(1)[0].spline], [1, 2, 3]), /k must be a number or have 2 entries/);
});
