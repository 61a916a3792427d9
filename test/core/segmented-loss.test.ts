/**
 * SegmentedLoss: multiple shooting's loss over θ and the initial-condition corrections, with each
 * segment's steps frozen. Its value at the reference is the training loss, its gradient matches
 * finite differences of the frozen loss in θ and in the corrections, and wrong sizes are refused.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { MultipleShootingObjective } from "../../lib/core/train/objectives";
import { SegmentedLoss } from "../../lib/core/hessian/segmented-loss";
import { Rng } from "../../lib/core/random/rng";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { fdGradient, relError } from "../helpers/helpers";

function setup() {
  const lv = simulateDataset(new LotkaVolterra(), { tEnd: 3.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 } });
  const model = new BlackBoxModel([2, 6, 2], "gelu");
  const data = { t: lv.train.t, u: lv.train.u, u0: lv.u0 };
  const objective = new MultipleShootingObjective(model, data, { method: "dopri5", rtol: 1e-7, atol: 1e-9 }, 4, 0.5);
  const rng = new Rng(3);
  const point = new Float64Array(model.nParams + objective.nExtra);
  point.set(model.init(rng));
  for (let i = model.nParams; i < point.length; i++) point[i] = 0.05 * rng.normal();
  return { model, objective, point };
}

test("value at the reference is the multiple-shooting training loss; the steps are frozen per segment", () => {
  const { model, objective, point } = setup();
  const loss = new SegmentedLoss(objective, point);
  assert.equal(loss.n, model.nParams + 2 * 3);
  const ev = objective.evaluate(0, point.subarray(0, model.nParams), point.subarray(model.nParams));
  assert.equal(loss.referenceValue, ev.loss);
  assert.ok(Math.abs(loss.value(point) - ev.loss) <= 1e-14 * ev.loss, `${loss.value(point)} vs ${ev.loss}`);
  assert.equal(loss.steps?.length, 4);
  assert.ok((loss.steps as Float64Array[]).every((s) => s.length >= 1));
});

test("gradient over θ and the corrections matches central finite differences to 1e-6", () => {
  const { model, objective, point } = setup();
  const loss = new SegmentedLoss(objective, point);
  const { value, gradient } = loss.gradient(point);
  assert.equal(value, loss.value(point));
  const fd = fdGradient((p) => loss.value(p), point);
  const errTheta = relError(gradient.subarray(0, model.nParams), fd.subarray(0, model.nParams));
  const errCorr = relError(gradient.subarray(model.nParams), fd.subarray(model.nParams));
  assert.ok(errTheta <= 1e-6, `θ part: relative error ${errTheta.toExponential(2)}`);
  assert.ok(errCorr <= 1e-6, `corrections part: relative error ${errCorr.toExponential(2)}`);
  // The corrections matter: their gradient is not zero.
  assert.ok(Math.max(...Array.from(gradient.subarray(model.nParams), Math.abs)) > 1e-6);
});

test("a reference or point of the wrong length is refused", () => {
  const { model, objective, point } = setup();
  assert.throws(() => new SegmentedLoss(objective, point.subarray(0, model.nParams)), /must hold θ and the corrections, \d+ \+ 6 = \d+ values, got \d+/);
  const loss = new SegmentedLoss(objective, point);
  assert.throws(() => loss.value(new Float64Array(3)), /expected \d+ parameters \(θ and corrections\), got 3/);
});
