import { test } from "node:test";
import assert from "node:assert/strict";
import { train } from "../../lib/core/train/loop";
import { Objective, LossEvaluation } from "../../lib/core/train/objectives";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { CoupledField } from "../../lib/core/train/coupling";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { solve } from "../../lib/core/ode/solve";
import { mse } from "../../lib/core/train/loss";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { Lorenz } from "../../lib/paper/systems/lorenz";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { Rng } from "../../lib/core/random/rng";
import { VectorField } from "../../lib/core/ode/types";

test("synchronisation: with large k the coupled rollout of an untrained model stays close to the data", () => {
  for (const sys of [new LotkaVolterra(), new Lorenz()]) {
    const ds = simulateDataset(sys, { tEnd: sys.dim === 2 ? 6.1 : 3.1, dt: 0.1 });
    const model = new BlackBoxModel(sys.dim === 2 ? [2, 32, 2] : [3, 50, 50, 3]);
    const theta = model.init(new Rng(10));
    const spline = new SmoothingSpline(ds.train.t, ds.train.u, sys.dim, 0);
    const err = (k: number) => mse(solve(new CoupledField(model, spline, k, 1), ds.u0, ds.train.t, theta, { record: false }).us, ds.train.u);
    const free = mse(solve(model, ds.u0, ds.train.t, theta, { record: false }).us, ds.train.u);
    const e10 = err(10);
    const e100 = err(100);
    // The error shrinks with k, like 1/k² for a bounded model mismatch, and is far below the free rollout's.
    assert.ok(e100 < e10 / 20, `${sys.name}: k=10 → ${e10}, k=100 → ${e100}`);
    assert.ok(e100 < 1e-2 * free, `${sys.name}: coupled ${e100} vs free ${free}`);
  }
});

/** An objective whose uncoupled MSE at each epoch is scripted; its gradient pushes θ by a known amount. */
class ScriptedObjective implements Objective {
  readonly method = "vanilla" as const;
  readonly nExtra = 0;
  constructor(private readonly mses: number[]) {}
  evaluate(epoch: number, theta: Float64Array): LossEvaluation {
    return { loss: this.mses[epoch], gradTheta: new Float64Array(theta.length).fill(1), gradExtra: new Float64Array(0), lambda: 0, nfe: 0, uncoupledMse: this.mses[epoch] };
  }
}

const dummy: VectorField = { dim: 1, nParams: 2, eval: (_t, _u, _th, out) => (out[0] = 0), vjp: () => {} };

test("best-epoch bookkeeping: the minimum uncoupled MSE, its epoch, and θ before that epoch's step", () => {
  const mses = [5, 3, 4, 1, 2, 1.5];
  const seen: Float64Array[] = [];
  const r = train(dummy, { t: Float64Array.from([0, 1]), u: Float64Array.from([0, 0]), u0: Float64Array.from([0]) }, new ScriptedObjective(mses), Float64Array.from([0, 0]), {
    epochs: mses.length,
    optimizer: { lr: 0.1, weightDecay: 0 },
    solver: {},
    inspect: (_e, th) => seen.push(Float64Array.from(th)),
  });
  assert.equal(r.bestEpoch, 3);
  assert.equal(r.bestMse, 1);
  assert.deepEqual(Array.from(r.bestTheta), Array.from(seen[3]));
  assert.notDeepEqual(Array.from(r.bestTheta), Array.from(seen[4]));
  assert.equal(r.history.length, 6);
  assert.deepEqual(r.history.map((h) => h.mse), mses);
  assert.equal(r.status, "ok");
});

test("a non-finite loss ends the run as diverged and keeps the best parameters so far", () => {
  const mses = [5, 2, 3, NaN, 0.1];
  const r = train(dummy, { t: Float64Array.from([0, 1]), u: Float64Array.from([0, 0]), u0: Float64Array.from([0]) }, new ScriptedObjective(mses), Float64Array.from([0, 0]), {
    epochs: mses.length,
    optimizer: { lr: 0.1 },
    solver: {},
  });
  assert.equal(r.status, "diverged");
  assert.match(r.failure ?? "", /epoch 3: non-finite/);
  assert.equal(r.bestEpoch, 1);
  assert.equal(r.epochsRun, 3);
});
