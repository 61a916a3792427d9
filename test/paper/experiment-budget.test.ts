/** withBudget: shorter training budgets that keep a config valid. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { parseConfig } from "../../lib/paper/experiments/config";
import { withBudget } from "../../lib/paper/experiments/budget";

test("baselines take baselineEpochs; homotopy takes epochsPerStep and plateaus × epochsPerStep epochs", () => {
  const v = paperConfig("double-pendulum", "secondorder", "vanilla", { profile: "quick", data: "synthetic" });
  const m = paperConfig("double-pendulum", "secondorder", "multishoot", { profile: "quick", data: "synthetic" });
  const h = paperConfig("double-pendulum", "blackbox", "homotopy", { profile: "quick", data: "synthetic" });
  const budget = { baselineEpochs: 120, epochsPerStep: 20 };
  assert.equal(withBudget(v, budget).epochs, 120);
  assert.equal(withBudget(m, budget).epochs, 120);
  assert.deepEqual(withBudget(m, budget).multishoot, m.multishoot);
  const hb = withBudget(h, budget);
  // The DP black-box schedule has s = 7 plateaus.
  assert.equal(hb.epochs, 140);
  assert.deepEqual(hb.homotopy?.schedule, { kind: "power-law", steps: 7, epochsPerStep: 20, decay: 0.6 });
  // Nothing else changes, and the original is untouched.
  assert.deepEqual({ ...hb, epochs: h.epochs, homotopy: h.homotopy }, h);
  assert.equal(h.epochs, 7 * 50);
  assert.equal(h.homotopy?.schedule.epochsPerStep, 50);
  // A budget field that does not apply leaves the config as it was.
  assert.equal(withBudget(h, { baselineEpochs: 5 }).epochs, 350);
  assert.equal(withBudget(v, { epochsPerStep: 5 }).epochs, v.epochs);
});

test("a constant-decrement schedule counts its own plateaus; bad budgets are refused by name", () => {
  const h = paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "quick" });
  const cd = parseConfig({ ...h, epochs: 30, homotopy: { ...h.homotopy, schedule: { kind: "constant-decrement", decrement: 0.25, epochsPerStep: 6 } } });
  // λ = 1, 0.75, 0.5, 0.25, 0: five plateaus.
  assert.equal(withBudget(cd, { epochsPerStep: 3 }).epochs, 15);
  assert.throws(() => withBudget(h, { epochsPerStep: 0 }), /training budget epochsPerStep: expected a whole number ≥ 1, got 0/);
  assert.throws(() => withBudget(h, { baselineEpochs: 2.5 }), /training budget baselineEpochs: expected a whole number ≥ 1, got 2.5/);
});

test("double-pendulum homotopy learning rates are the original scripts' (black-box 0.02, second-order 0.05), Table 4's swapped", () => {
  const lr = (model: "blackbox" | "secondorder") => paperConfig("double-pendulum", model, "homotopy", { profile: "full", data: "synthetic" }).lr;
  assert.equal(lr("blackbox"), 0.02);
  assert.equal(lr("secondorder"), 0.05);
  // The other homotopy rates are Table 4's.
  assert.equal(paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "full" }).lr, 0.05);
  assert.equal(paperConfig("lotka-volterra", "graybox", "homotopy", { profile: "full" }).lr, 0.02);
  assert.equal(paperConfig("lorenz", "blackbox", "homotopy", { profile: "full" }).lr, 0.02);
});
