import { test } from "node:test";
import assert from "node:assert/strict";
import { powerLawSchedule, powerLawValues, constantDecrementSchedule, functionSchedule } from "../../lib/core/train/schedules";
import tables from "../../data/paper_tables.json";

const close = (a: number[], b: number[], tol: number) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tol);

test("power-law plateaus (κ = 0.6): s = 6, 7, 8 equal the paper's computed schedules to 1e-4", () => {
  const ref = tables.homotopy_schedules_computed;
  assert.ok(close(powerLawValues(6, 0.6), [1, 0.5663, 0.306, 0.1499, 0.0562, 0], 1e-4), `${powerLawValues(6, 0.6)}`);
  assert.ok(close(powerLawValues(6, 0.6), ref["LV (s=6, n_epoch=100, kappa=0.6)"], 1e-4));
  assert.ok(close(powerLawValues(7, 0.6), ref["DP black-box (s=7, n_epoch=300, kappa=0.6)"], 1e-4));
  assert.ok(close(powerLawValues(8, 0.6), [1, 0.5885, 0.3416, 0.1934, 0.1045, 0.0512, 0.0192, 0], 1e-4), `${powerLawValues(8, 0.6)}`);
  // The decrements are κ^j / Σκ^i: they sum to one and the last plateau is exactly 0.
  const v = powerLawValues(6, 0.6);
  assert.equal(v[5], 0);
  const d = v.slice(1).map((x, i) => v[i] - x);
  for (let j = 1; j < d.length - 1; j++) assert.ok(Math.abs(d[j] / d[j - 1] - 0.6) < 1e-12);
});

test("λ(epoch) holds each plateau for n_epoch epochs; total = s·n_epoch; past the end stays 0", () => {
  const s = powerLawSchedule({ steps: 6, epochsPerStep: 100, decay: 0.6 });
  assert.equal(s.totalEpochs, 600);
  assert.equal(s.lambda(0), 1);
  assert.equal(s.lambda(99), 1);
  assert.ok(Math.abs(s.lambda(100) - 0.5663) < 1e-4);
  assert.ok(Math.abs(s.lambda(299) - 0.306) < 1e-4);
  assert.equal(s.lambda(500), 0);
  assert.equal(s.lambda(10000), 0);
  assert.deepEqual(s.plateaus.map((p) => p.start), [0, 100, 200, 300, 400, 500]);
});

test("constant-decrement schedule matches the official StepwiseSchedule (arange(1, −d, −d) clamped)", () => {
  const s = constantDecrementSchedule({ decrement: 0.25, epochsPerStep: 10 });
  assert.deepEqual(s.plateaus.map((p) => p.lambda), [1, 0.75, 0.5, 0.25, 0]);
  assert.equal(s.totalEpochs, 50);
  assert.equal(s.lambda(45), 0);
});

test("any function epoch → λ", () => {
  const s = functionSchedule((e) => Math.max(0, 1 - e / 50), 100, "linear");
  assert.equal(s.lambda(25), 0.5);
  assert.equal(s.lambda(99), 0);
});

test("bad schedule parameters are rejected with messages naming them", () => {
  assert.throws(() => powerLawSchedule({ steps: 0, epochsPerStep: 10, decay: 0.6 }), /schedule steps \(s\): expected a positive integer, got 0/);
  assert.throws(() => powerLawSchedule({ steps: 6, epochsPerStep: 10, decay: 1 }), /schedule decay \(κ\): expected a number in \(0, 1\), got 1/);
  assert.throws(() => powerLawSchedule({ steps: 6, epochsPerStep: 2.5, decay: 0.6 }), /epochsPerStep/);
});
