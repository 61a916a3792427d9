import { test } from "node:test";
import assert from "node:assert/strict";
import { arraySplitSizes, splitIndices, checkSegments } from "../../lib/core/train/multishoot";
import { MultipleShootingObjective } from "../../lib/core/train/objectives";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { Rng } from "../../lib/core/random/rng";
import { fdGradient, relError } from "../helpers/helpers";
import { solve } from "../../lib/core/ode/solve";

test("segments are split like numpy.array_split", () => {
  assert.deepEqual(arraySplitSizes(61, 5), [13, 12, 12, 12, 12]);
  assert.deepEqual(arraySplitSizes(31, 5), [7, 6, 6, 6, 6]);
  assert.deepEqual(arraySplitSizes(100, 5), [20, 20, 20, 20, 20]);
  assert.deepEqual(splitIndices(61, 5), [0, 13, 25, 37, 49, 61]);
  assert.throws(() => checkSegments(9, 5), /use at most 4 segments/);
});

test("multiple-shooting loss: data MSE of the joined segments + β·continuity, gradients in θ and corrections match finite differences", () => {
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 3.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 } });
  const model = new BlackBoxModel([2, 6, 2]);
  const theta = model.init(new Rng(3));
  const obj = new MultipleShootingObjective(model, { t: ds.train.t, u: ds.train.u, u0: ds.u0 }, { method: "rk4" }, 5, 0.3);
  assert.equal(obj.nExtra, 8);
  const extra = Float64Array.from({ length: 8 }, (_, i) => 0.01 * (i - 4));
  const ev = obj.evaluate(0, theta, extra);
  assert.ok(Math.abs(ev.loss - ((ev.parts as Record<string, number>).data + 0.3 * (ev.parts as Record<string, number>).continuity)) < 1e-15);
  const gTheta = fdGradient((th) => obj.evaluate(0, th, extra).loss, theta);
  const gExtra = fdGradient((ex) => obj.evaluate(0, theta, ex).loss, extra);
  assert.ok(relError(ev.gradTheta, gTheta) < 1e-6, `θ: ${relError(ev.gradTheta, gTheta)}`);
  assert.ok(relError(ev.gradExtra, gExtra) < 1e-6, `corrections: ${relError(ev.gradExtra, gExtra)}`);
});

test("with zero corrections, segment boundaries start at the data and the joined prediction keeps the later segment's first point", () => {
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 3.1, dt: 0.1 });
  const model = new BlackBoxModel([2, 4, 2]);
  const theta = model.init(new Rng(1));
  const data = { t: ds.train.t, u: ds.train.u, u0: ds.u0 };
  const obj = new MultipleShootingObjective(model, data, { method: "rk4" }, 5, 0);
  // Replace the data at one boundary: only that point's residual changes by exactly its correction.
  const ev0 = obj.evaluate(0, theta, new Float64Array(8));
  const extra = new Float64Array(8);
  extra[0] = 0.1; // x-correction of segment 1 (starts at index 7)
  const ev1 = obj.evaluate(0, theta, extra);
  assert.ok(ev1.loss > ev0.loss);
});

test('continuityTarget "next-sample" (the original branch\'s index): the penalty uses the data one sample past each boundary; gradients match finite differences', () => {
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 3.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 } });
  const model = new BlackBoxModel([2, 6, 2]);
  const theta = model.init(new Rng(4));
  const data = { t: ds.train.t, u: ds.train.u, u0: ds.u0 };
  const shared = new MultipleShootingObjective(model, data, { method: "rk4" }, 5, 0.3);
  const next = new MultipleShootingObjective(model, data, { method: "rk4" }, 5, 0.3, "next-sample");
  const extra = Float64Array.from({ length: 8 }, (_, i) => 0.02 * (i - 3));
  const a = shared.evaluate(0, theta, extra);
  const b = next.evaluate(0, theta, extra);
  const parts = (e: typeof a) => e.parts as Record<string, number>;
  // Same segments, so the same data term; only the continuity target moves.
  assert.equal(parts(b).data, parts(a).data);
  // By hand: mean over 4 boundaries × 2 states of (u[split_i + 1] + c_i − end of segment i−1)².
  const split = next.split;
  let hand = 0;
  for (let i = 1; i < 5; i++) {
    const from = split[i - 1];
    const start = i === 1 ? ds.u0 : Float64Array.from([0, 1], (d) => ds.train.u[from * 2 + d] + extra[(i - 2) * 2 + d]);
    const seg = solve(model, start, ds.train.t.slice(from, split[i] + 1), theta, { method: "rk4", record: false });
    const end = seg.state(seg.ts.length - 1);
    for (let d = 0; d < 2; d++) hand += (ds.train.u[(split[i] + 1) * 2 + d] + extra[(i - 1) * 2 + d] - end[d]) ** 2;
  }
  hand /= 8;
  assert.ok(Math.abs(parts(b).continuity - hand) <= 1e-14 * hand, `${parts(b).continuity} vs ${hand}`);
  assert.notEqual(parts(b).continuity, parts(a).continuity);
  const gTheta = fdGradient((th) => next.evaluate(0, th, extra).loss, theta);
  const gExtra = fdGradient((ex) => next.evaluate(0, theta, ex).loss, extra);
  assert.ok(relError(b.gradTheta, gTheta) < 1e-6, `θ: ${relError(b.gradTheta, gTheta)}`);
  assert.ok(relError(b.gradExtra, gExtra) < 1e-6, `corrections: ${relError(b.gradExtra, gExtra)}`);
});
