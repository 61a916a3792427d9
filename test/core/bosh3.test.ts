/**
 * Bogacki–Shampine 3(2) as torchdiffeq's bosh3: its tableau, error weights and FSAL structure, its
 * mid-point quartic dense output, the controller's order 3, observed convergence order 3 at step
 * ends, and tight-tolerance solves against the exact solution. (Gradients: solve-gradients.test.ts.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { solve } from "../../lib/core/ode/solve";
import { rootedTrees, tableauChecks, TABLEAU_TOLERANCE } from "../../lib/core/ode/butcher";
import { solverByName, TABLEAUS } from "../../lib/core/ode/tableaus";
import { VectorField } from "../../lib/core/ode/types";
import { slope } from "../helpers/helpers";

const BOSH3 = TABLEAUS.bosh3;

/** y' = −2 t y², y(0) = 1: y(t) = 1 / (1 + t²). */
const riccati: VectorField = {
  dim: 1,
  nParams: 0,
  eval(t, u, _th, out) {
    out[0] = -2 * t * u[0] * u[0];
  },
  vjp() {
    throw new Error("not used");
  },
};
const exact = (t: number) => 1 / (1 + t * t);
const none = new Float64Array(0);

test("bosh3: torchdiffeq's coefficients, row sums = c, order conditions of b to 3 and b̂ to 2, FSAL", () => {
  assert.deepEqual(BOSH3.c, [0, 1 / 2, 3 / 4, 1]);
  assert.deepEqual(BOSH3.a, [[], [1 / 2], [0, 3 / 4], [2 / 9, 1 / 3, 4 / 9]]);
  assert.deepEqual(BOSH3.b, [2 / 9, 1 / 3, 4 / 9, 0]);
  // torchdiffeq's c_error, bit for bit.
  assert.deepEqual(BOSH3.bErr, [2 / 9 - 7 / 24, 1 / 3 - 1 / 4, 4 / 9 - 1 / 3, -1 / 8]);
  assert.equal(BOSH3.fsal, true);
  const checks = tableauChecks(BOSH3);
  const count = (re: RegExp) => checks.filter((c) => re.test(c.condition)).length;
  const conditions = (p: number) => rootedTrees(p).reduce((s, ts) => s + ts.length, 0);
  assert.equal(count(/^row \d+ of a sums to c/), 4);
  assert.equal(count(/^(Σb =|b order-)/), conditions(3), "1 + 1 + 2 order conditions of b");
  assert.equal(count(/^(Σb̂ =|b̂ order-)/), conditions(2));
  assert.equal(count(/^FSAL/), 2 + 3);
  for (const c of checks) assert.ok(c.residual < TABLEAU_TOLERANCE, `${c.condition}: ${c.residual}`);
  // b does not satisfy the order-4 conditions (it is a third-order method).
  const fourth = tableauChecks({ ...BOSH3, order: 4 }).filter((c) => /^b order-4/.test(c.condition));
  assert.ok(fourth.some((c) => c.residual > 1e-3));
  const entry = solverByName("bosh3");
  assert.equal(entry.adaptive, true);
  assert.equal(entry.order, 3);
});

test("bosh3 dense output = torchdiffeq's _interp_fit quartic through y0, y_mid = y0 + dt/2·k2, y1 with slopes k1, k4", () => {
  const times: number[] = [];
  const field: VectorField = { ...riccati, eval: (t, u, th, out) => (times.push(t), riccati.eval(t, u, th, out)) };
  const ts = Float64Array.of(0, 0.05, 0.13, 0.2);
  const dt = 0.2;
  const sol = solve(field, Float64Array.of(1), ts, none, { method: "bosh3", replaySteps: Float64Array.of(dt), record: false });
  // Recompute the step by hand, then torchdiffeq's interpolant.
  const f = (t: number, y: number) => -2 * t * y * y;
  const y0 = 1;
  const k1 = f(0, y0);
  const k2 = f(dt / 2, y0 + (dt / 2) * k1);
  const k3 = f((3 * dt) / 4, y0 + ((3 * dt) / 4) * k2);
  const y1 = y0 + dt * ((2 / 9) * k1 + (1 / 3) * k2 + (4 / 9) * k3);
  const k4 = f(dt, y1);
  assert.deepEqual(times, [0, dt / 2, (3 * dt) / 4, dt]);
  const yMid = y0 + dt * 0.5 * k2;
  const a = 2 * dt * (k4 - k1) - 8 * (y1 + y0) + 16 * yMid;
  const b = dt * (5 * k1 - 3 * k4) + 18 * y0 + 14 * y1 - 32 * yMid;
  const c = dt * (k4 - 4 * k1) - 11 * y0 - 5 * y1 + 16 * yMid;
  const d = dt * k1;
  for (let i = 1; i < ts.length; i++) {
    const x = ts[i] / dt;
    const p = y0 + x * d + x * x * c + x ** 3 * b + x ** 4 * a;
    assert.ok(Math.abs(sol.us[i] - p) < 1e-14 * Math.abs(p), `x = ${x}: ${sol.us[i]} vs torchdiffeq's ${p}`);
  }
});

test("bosh3: nfe = 2 + 3 × attempts (f0, the initial-step probe, three stages per attempt) and rejections happen", () => {
  const sol = solve(riccati, Float64Array.of(1), Float64Array.of(0, 1, 2, 5), none, { method: "bosh3", rtol: 1e-6, atol: 1e-8 });
  const { nfe, accepted, rejected } = sol.stats;
  assert.equal(nfe, 2 + 3 * (accepted + rejected));
  assert.ok(accepted > 10);
});

/** Largest error at the step ends of n equal steps on [0, 2] (n a power of 2: the grid is exact). */
function stepEndError(n: number): number {
  const h = 2 / n;
  const ts = Float64Array.from({ length: n + 1 }, (_, i) => i * h);
  const sol = solve(riccati, Float64Array.of(1), ts, none, { method: "bosh3", replaySteps: new Float64Array(n).fill(h), record: false });
  let worst = 0;
  ts.forEach((t, i) => (worst = Math.max(worst, Math.abs(sol.us[i] - exact(t)))));
  return worst;
}

test("bosh3 converges with order 3 ± 0.15 at step ends", () => {
  const ns = [16, 32, 64, 128, 256];
  const p = slope(ns.map((n) => Math.log(2 / n)), ns.map((n) => Math.log(stepEndError(n))));
  assert.ok(Math.abs(p - 3) <= 0.15, `observed order ${p.toFixed(3)}`);
});

test("adaptive bosh3 at tight tolerance matches the exact solution; error shrinks as rtol tightens", () => {
  const ts = Float64Array.from({ length: 21 }, (_, i) => i * 0.1);
  const rtols = [1e-4, 1e-6, 1e-8, 1e-10];
  const errs = rtols.map((rtol) => {
    const sol = solve(riccati, Float64Array.of(1), ts, none, { method: "bosh3", rtol, atol: rtol * 1e-2 });
    let worst = 0;
    ts.forEach((t, i) => (worst = Math.max(worst, Math.abs(sol.us[i] - exact(t)))));
    // The states at the accepted steps' ends, by replaying the steps with those ends as outputs.
    const steps = sol.stepSizes;
    const ends = new Float64Array(steps.length + 1);
    steps.forEach((h, i) => (ends[i + 1] = ends[i] + h));
    const atEnds = solve(riccati, Float64Array.of(1), ends, none, { method: "bosh3", replaySteps: steps, record: false });
    let worstEnd = 0;
    ends.forEach((t, i) => (worstEnd = Math.max(worstEnd, Math.abs(atEnds.us[i] - exact(t)))));
    return { outputs: worst, stepEnds: worstEnd };
  });
  const show = errs.map((e) => `${e.outputs.toExponential(1)}/${e.stepEnds.toExponential(1)}`).join(", ");
  for (let i = 1; i < errs.length; i++) {
    assert.ok(errs[i].outputs < errs[i - 1].outputs && errs[i].stepEnds < errs[i - 1].stepEnds, `errors ${show}`);
  }
  assert.ok(errs[3].stepEnds <= 1e-9, `step ends at rtol 1e-10: ${show}`);
  // Outputs inside steps carry the interpolant's O(dt²) local error (torchdiffeq's y_mid is off by dt²/8·f').
  assert.ok(errs[3].outputs <= 1e-6, `outputs at rtol 1e-10: ${show}`);
});
