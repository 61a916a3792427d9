import { test } from "node:test";
import assert from "node:assert/strict";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { VanillaObjective, HomotopyObjective } from "../../lib/core/train/objectives";
import { MultiTrajectoryObjective } from "../../lib/core/train/multi-trajectory";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { powerLawSchedule } from "../../lib/core/train/schedules";
import { solve } from "../../lib/core/ode/solve";
import { mse } from "../../lib/core/train/loss";
import { Rng } from "../../lib/core/random/rng";
import { fdGradient, relError } from "../helpers/helpers";

const model = new BlackBoxModel([2, 6, 2], "tanh");
const theta = model.init(new Rng(4));
// Fixed steps: the adjoint is then the exact gradient of the discrete scheme (no step-size drift under FD).
const solver = { method: "rk4" as const, substeps: 4 };
// Two trajectories of different lengths and irregular times.
const a = { t: Float64Array.from([0, 0.1, 0.25, 0.3, 0.5]), u: Float64Array.from([1, 0, 0.9, 0.1, 0.8, 0.25, 0.75, 0.3, 0.6, 0.4]), u0: Float64Array.from([1, 0]) };
const b = { t: Float64Array.from([2, 2.2, 2.3, 2.7]), u: Float64Array.from([-0.5, 0.5, -0.4, 0.45, -0.3, 0.4, -0.2, 0.3]), u0: Float64Array.from([-0.5, 0.5]) };

test("multi-trajectory loss is the MSE over all points, and its θ-gradient agrees with central differences", () => {
  const obj = new MultiTrajectoryObjective(model, [{ objective: new VanillaObjective(model, a, solver), data: a }, { objective: new VanillaObjective(model, b, solver), data: b }], solver);
  const ev = obj.evaluate(0, theta, new Float64Array(0));
  const pa = solve(model, a.u0, a.t, theta, solver).us;
  const pb = solve(model, b.u0, b.t, theta, solver).us;
  const all = mse([...pa, ...pb], [...a.u, ...b.u]);
  assert.ok(Math.abs(ev.loss - all) < 1e-15 * Math.max(1, all), `${ev.loss} vs ${all}`);
  assert.equal(ev.uncoupledMse, ev.loss);
  const fd = fdGradient((th) => obj.evaluate(0, th, new Float64Array(0)).loss, theta);
  assert.ok(relError(ev.gradTheta, fd) < 1e-6, `rel error ${relError(ev.gradTheta, fd)}`);
});

test("multi-trajectory homotopy: coupled loss gradient agrees with central differences, uncoupled MSE reported", () => {
  const sched = powerLawSchedule({ steps: 3, epochsPerStep: 2, decay: 0.6 });
  const part = (d: typeof a) => ({ objective: new HomotopyObjective(model, d, solver, new SmoothingSpline(d.t, d.u, 2, 0), 3, sched), data: d });
  const obj = new MultiTrajectoryObjective(model, [part(a), part(b)], solver);
  const ev = obj.evaluate(2, theta, new Float64Array(0));
  assert.ok(ev.lambda > 0 && ev.lambda < 1);
  const fd = fdGradient((th) => obj.evaluate(2, th, new Float64Array(0)).loss, theta);
  assert.ok(relError(ev.gradTheta, fd) < 1e-6, `rel error ${relError(ev.gradTheta, fd)}`);
  const pa = solve(model, a.u0, a.t, theta, solver).us;
  const pb = solve(model, b.u0, b.t, theta, solver).us;
  assert.ok(Math.abs(ev.uncoupledMse! - mse([...pa, ...pb], [...a.u, ...b.u])) < 1e-14);
  assert.ok(ev.loss < ev.uncoupledMse!, "the coupling pulls the rollout towards the data");
});

// Three trajectories on one grid, for the batched evaluation.
const grid = Float64Array.from([0, 0.1, 0.2, 0.35, 0.5]);
const onGrid = (u0: number[]) => {
  const u = new Float64Array(grid.length * 2);
  grid.forEach((t, i) => u.set([u0[0] * Math.cos(2 * t) + 0.1 * t, u0[1] - 0.3 * t * u0[0]], i * 2));
  return { t: grid, u, u0: Float64Array.from(u0) };
};
const shared = [onGrid([1, 0]), onGrid([-0.5, 0.5]), onGrid([0.3, -0.8])];

for (const method of ["vanilla", "homotopy"] as const) {
  test(`multi-trajectory ${method}, batched: one solve gives the per-trajectory loss and gradient (rk4), and the gradient matches central differences`, (t) => {
    const sched = powerLawSchedule({ steps: 3, epochsPerStep: 2, decay: 0.6 });
    const part = (d: typeof a) => ({
      objective: method === "vanilla" ? new VanillaObjective(model, d, solver) : new HomotopyObjective(model, d, solver, new SmoothingSpline(d.t, d.u, 2, 0), 3, sched),
      data: d,
    });
    const each = new MultiTrajectoryObjective(model, shared.map(part), solver);
    const batched = new MultiTrajectoryObjective(model, shared.map(part), solver, { batch: true });
    assert.equal(batched.batched, true);
    assert.equal(each.batched, false);
    const epoch = 2;
    const e = each.evaluate(epoch, theta, new Float64Array(0));
    const b = batched.evaluate(epoch, theta, new Float64Array(0));
    const lossDiff = Math.abs(b.loss - e.loss) / e.loss;
    const gradDiff = relError(b.gradTheta, e.gradTheta);
    const uncDiff = Math.abs(b.uncoupledMse! - e.uncoupledMse!) / e.uncoupledMse!;
    t.diagnostic(`batched vs per trajectory: loss ${lossDiff.toExponential(2)}, θ-gradient ${gradDiff.toExponential(2)}, uncoupled MSE ${uncDiff.toExponential(2)} (relative)`);
    assert.ok(lossDiff <= 1e-14 && uncDiff <= 1e-14, `loss ${lossDiff}, uncoupled ${uncDiff}`);
    assert.ok(gradDiff <= 1e-12, `θ-gradient ${gradDiff}`);
    assert.equal(b.lambda, e.lambda);
    assert.equal(b.nfe, e.nfe);
    const fd = fdGradient((th) => batched.evaluate(epoch, th, new Float64Array(0)).loss, theta);
    assert.ok(relError(b.gradTheta, fd) < 1e-6, `rel error against central differences ${relError(b.gradTheta, fd)}`);
  });
}

test("multi-trajectory batch: trajectories on different grids or with their own solver options are evaluated one by one", () => {
  const obj = new MultiTrajectoryObjective(model, [{ objective: new VanillaObjective(model, a, solver), data: a }, { objective: new VanillaObjective(model, b, solver), data: b }], solver, { batch: true });
  assert.equal(obj.batched, false);
  const otherSolver = { ...solver, substeps: 2 };
  const mixed = new MultiTrajectoryObjective(model, shared.map((d, j) => ({ objective: new VanillaObjective(model, d, j === 0 ? otherSolver : solver), data: d })), solver, { batch: true });
  assert.equal(mixed.batched, false, "a part with its own solver options is not batched");
});
