/** The step-size controller: torchdiffeq's update rule, RMS error norm with mixed tolerances, and first step. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmsNorm, StepController, StepControlOptions } from "../../lib/core/ode/step-control";
import { VectorField } from "../../lib/core/ode/types";

const base: StepControlOptions = { rtol: 1e-6, atol: 1e-8, safety: 0.9, ifactor: 10, dfactor: 0.2, order: 5, errorWeights: [0.5, -0.5], dim: 2 };

test("nextStep: grows by ifactor at zero error, by safety·ratio^(−1/order) (≥ 1) below 1, shrinks at most to dfactor above", () => {
  const c = new StepController(base);
  assert.equal(c.nextStep(0.1, 0), 0.1 * 10);
  assert.equal(c.nextStep(0.1, 1e-30), 0.1 * 10, "capped at ifactor");
  assert.equal(c.nextStep(0.1, 0.99), 0.1 * 1, "never shrinks an accepted step");
  assert.ok(Math.abs(c.nextStep(0.1, 0.01) - 0.1 * 0.9 * 0.01 ** -0.2) < 1e-15);
  assert.ok(Math.abs(c.nextStep(0.1, 2) - 0.1 * 0.9 * 2 ** -0.2) < 1e-15);
  assert.equal(c.nextStep(0.1, 1e6), 0.1 * 0.2, "floored at dfactor");
  const bosh = new StepController({ ...base, order: 3 });
  assert.ok(Math.abs(bosh.nextStep(0.1, 2) - 0.1 * 0.9 * 2 ** (-1 / 3)) < 1e-15, "exponent 1/order");
});

test("errorRatio: RMS of dt Σ e_i k_i over atol + rtol·max(|y0|, |y1|)", () => {
  const c = new StepController(base);
  const k = Float64Array.of(1, 2, 3, -4); // k_0 = (1, 2), k_1 = (3, −4)
  const y0 = Float64Array.of(1, -10);
  const y1 = Float64Array.of(2, -5);
  const dt = 0.1;
  const e0 = (dt * (0.5 * 1 - 0.5 * 3)) / (1e-8 + 1e-6 * 2);
  const e1 = (dt * (0.5 * 2 - 0.5 * -4)) / (1e-8 + 1e-6 * 10);
  const expected = Math.sqrt((e0 * e0 + e1 * e1) / 2);
  assert.ok(Math.abs(c.errorRatio(dt, y0, y1, k) / expected - 1) < 1e-14);
  assert.equal(rmsNorm(Float64Array.of(3, 4)), Math.sqrt(12.5));
});

test("initialStep: Hairer's h0/h1 rule with one evaluation, as torchdiffeq's _select_initial_step", () => {
  let calls = 0;
  const lambda = -2;
  const field: VectorField = {
    dim: 1,
    nParams: 0,
    eval(_t, u, _th, out) {
      calls++;
      out[0] = lambda * u[0];
    },
    vjp() {},
  };
  const c = new StepController({ ...base, dim: 1, errorWeights: [1] });
  const y0 = Float64Array.of(1);
  const f0 = Float64Array.of(lambda);
  const h = c.initialStep(field, new Float64Array(0), 0, y0, f0);
  assert.equal(calls, 1);
  const scale = 1e-8 + 1e-6;
  const d0 = 1 / scale;
  const d1 = 2 / scale;
  const h0 = (0.01 * d0) / d1;
  const d2 = Math.abs(lambda * (1 + h0 * lambda) - lambda) / scale / h0;
  const h1 = (0.01 / Math.max(d1, d2)) ** (1 / 5);
  assert.ok(Math.abs(h / Math.min(100 * h0, h1) - 1) < 1e-14, `${h} vs ${Math.min(100 * h0, h1)}`);
});
