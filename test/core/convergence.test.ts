/** Convergence orders and tolerance behaviour on y' = −2 t y², y(0) = 1, exact y = 1/(1 + t²). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { solve } from "../../lib/core/ode/solve";
import { VectorField } from "../../lib/core/ode/types";
import { slope } from "../helpers/helpers";

const field: VectorField = {
  dim: 1,
  nParams: 0,
  eval(t, u, _th, out) {
    out[0] = -2 * t * u[0] * u[0];
  },
  vjp(t, u, _th, uBar, uGrad) {
    if (uGrad) uGrad[0] += uBar[0] * -4 * t * u[0];
  },
};
const exact = (t: number) => 1 / (1 + t * t);
const ts = Float64Array.from([0, 0.5, 1, 1.5, 2]);
const u0 = Float64Array.from([1]);
const none = new Float64Array(0);

function maxError(us: Float64Array): number {
  let e = 0;
  ts.forEach((t, i) => (e = Math.max(e, Math.abs(us[i] - exact(t)))));
  return e;
}

function observedOrder(method: "euler" | "rk4", substeps: number[]): number {
  const h = substeps.map((m) => Math.log(0.5 / m));
  const err = substeps.map((m) => Math.log(maxError(solve(field, u0, ts, none, { method, substeps: m, record: false }).us)));
  return slope(h, err);
}

test("Euler converges with order 1 ± 0.1", () => {
  const p = observedOrder("euler", [16, 32, 64, 128, 256]);
  assert.ok(Math.abs(p - 1) <= 0.1, `observed order ${p.toFixed(3)}`);
});

test("classic RK4 converges with order 4 ± 0.2", () => {
  const p = observedOrder("rk4", [4, 8, 16, 32, 64]);
  assert.ok(Math.abs(p - 4) <= 0.2, `observed order ${p.toFixed(3)}`);
});

test("dopri5: error shrinks as rtol tightens, and rtol 1e-10 matches the exact solution to 1e-8", () => {
  const errs = [1e-4, 1e-6, 1e-8, 1e-10].map((rtol) => maxError(solve(field, u0, ts, none, { method: "dopri5", rtol, atol: rtol * 1e-2, record: false }).us));
  for (let i = 1; i < errs.length; i++) assert.ok(errs[i] < errs[i - 1], `errors ${errs.map((e) => e.toExponential(1)).join(", ")}`);
  assert.ok(errs[3] <= 1e-8, `error at rtol 1e-10: ${errs[3]}`);
});

test("dopri5 statistics follow torchdiffeq: nfe = 2 + 6 × (accepted + rejected)", () => {
  const sol = solve(field, u0, ts, none, { method: "dopri5", rtol: 1e-7, atol: 1e-9 });
  const { nfe, accepted, rejected } = sol.stats;
  assert.ok(accepted > 3);
  assert.equal(nfe, 2 + 6 * (accepted + rejected));
});

test("dopri5 with a fixed first step skips the initial-step evaluation", () => {
  const sol = solve(field, u0, ts, none, { method: "dopri5", firstStep: 0.01 });
  assert.equal(sol.stats.nfe, 1 + 6 * (sol.stats.accepted + sol.stats.rejected));
});

test("replaying recorded step sizes reproduces the adaptive solution exactly", () => {
  const a = solve(field, u0, ts, none, { method: "dopri5" });
  const b = solve(field, u0, ts, none, { method: "dopri5", replaySteps: a.stepSizes });
  assert.deepEqual(Array.from(b.us), Array.from(a.us));
});
