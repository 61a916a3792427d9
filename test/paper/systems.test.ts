/** True systems and datasets against the reference values in the paper's tables (paper_tables.json). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { Lorenz } from "../../lib/paper/systems/lorenz";
import { DoublePendulum } from "../../lib/paper/systems/double-pendulum";
import { arange, simulateDataset } from "../../lib/paper/systems/dataset";
import { solve } from "../../lib/core/ode/solve";
import { mse } from "../../lib/core/train/loss";
import { fdGradient } from "../helpers/helpers";

// paper_tables.json → reference_values_clean_trajectories (RK4 h = 1e-4, rounded to 5 decimals).
const LV_REF: Record<string, [number, number]> = {
  "1": [0.19964, 0.92244],
  "2": [0.48425, 0.1947],
  "3": [1.60635, 0.06761],
  "4": [5.49414, 0.14187],
  "5": [3.07821, 6.69867],
  "6": [0.19515, 1.99555],
  "6.1": [0.18833, 1.69253],
  "12.1": [0.21919, 0.70635],
};
const LORENZ_REF: Record<string, [number, number, number]> = {
  "1": [-9.0288, -7.4266, 29.6051],
  "2": [-8.6249, -10.3754, 24.6885],
  "3": [-6.8345, -5.7404, 26.554],
  "6": [-9.8365, -7.1277, 31.6917],
};

function checkAgainst(sys: LotkaVolterra | Lorenz, ref: Record<string, number[]>, tol: number) {
  const times = Object.keys(ref).map(Number).sort((a, b) => a - b);
  const sol = solve(sys, sys.defaultU0, Float64Array.from([0, ...times]), sys.defaultParams, { rtol: 1e-10, atol: 1e-12, record: false });
  times.forEach((t, i) => {
    const want = ref[String(t)];
    want.forEach((w, j) => assert.ok(Math.abs(sol.us[(i + 1) * sys.dim + j] - w) <= tol, `${sys.name} t=${t} component ${j}: ${sol.us[(i + 1) * sys.dim + j]} vs ${w}`));
  });
}

test("Lotka–Volterra trajectory matches the reference states (5 decimals)", () => checkAgainst(new LotkaVolterra(), LV_REF, 6e-5));
test("Lorenz trajectory matches the reference states (4 decimals) up to t = 6", () => checkAgainst(new Lorenz(), LORENZ_REF, 6e-4));

test("LV dataset: 61 points on [0, 6.1), clean u0, train means and 5% noise scale as the paper", () => {
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 6.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed: 10 });
  assert.equal(ds.train.t.length, 61);
  assert.equal(ds.extrap.t.length, 61);
  assert.ok(Math.abs(ds.train.t[60] - 6.0) < 1e-12 && Math.abs(ds.extrap.t[0] - 6.1) < 1e-12 && Math.abs(ds.extrap.t[60] - 12.1) < 1e-12);
  assert.deepEqual(Array.from(ds.u0), [0.44249296, 4.6280594]);
  const clean = ds.train.clean as Float64Array;
  const means = [0, 1].map((j) => clean.filter((_, i) => i % 2 === j).reduce((a, b) => a + b, 0) / 61);
  assert.ok(Math.abs(means[0] - 2.04612) < 1e-4 && Math.abs(means[1] - 1.62464) < 1e-4, `means ${means}`);
  // The noise floor (expected MSE of noisy vs clean) is ≈ 8.53e-3; one draw of 122 values lands within ±35%.
  const floor = mse(ds.train.u, clean);
  assert.ok(floor > 0.00853 * 0.65 && floor < 0.00853 * 1.35, `noise MSE ${floor}`);
  assert.notEqual(ds.train.u[0], ds.u0[0]); // noise is added at t0 too, u0 stays clean
});

test("Lorenz dataset: 31 points on [0, 3.1) with absolute noise 0.25", () => {
  const ds = simulateDataset(new Lorenz(), { tEnd: 3.1, dt: 0.1, noise: { kind: "absolute", amplitude: 0.25 } });
  assert.equal(ds.train.t.length, 31);
  const floor = mse(ds.train.u, ds.train.clean as Float64Array);
  assert.ok(floor > 0.0625 * 0.6 && floor < 0.0625 * 1.4, `noise MSE ${floor}`);
});

test("arange follows numpy's length, robust to round-off", () => {
  assert.equal(arange(0, 6.1, 0.1).length, 61);
  assert.equal(arange(0, 3.1, 0.1).length, 31);
  assert.equal(arange(0, 9.1, 0.1).length, 91);
  assert.equal(arange(0, 6.1, 0.3).length, 21);
  assert.equal(arange(0, 6.1, 0.5).length, 13);
});

test("true-system Jacobians agree with central differences; the double pendulum conserves energy", () => {
  for (const sys of [new LotkaVolterra(), new Lorenz(), new DoublePendulum()]) {
    const u = sys.defaultU0.map((v, i) => v + 0.1 * (i + 1));
    const J = new Float64Array(sys.dim * sys.dim);
    sys.jacobian(0, u, sys.defaultParams, J);
    const out = new Float64Array(sys.dim);
    for (let i = 0; i < sys.dim; i++) {
      const row = fdGradient((uu) => (sys.eval(0, uu, sys.defaultParams, out), out[i]), u);
      row.forEach((v, j) => assert.ok(Math.abs(v - J[i * sys.dim + j]) < 1e-6 * Math.max(1, Math.abs(v)), `${sys.name} J[${i}][${j}]`));
    }
  }
  const dp = new DoublePendulum();
  const [m1, m2, l1, l2, g] = dp.defaultParams;
  const energy = (s: Float64Array) => {
    const [a, b, w1, w2] = [s[0], s[1], s[2], s[3]];
    const kinetic = 0.5 * (m1 + m2) * l1 * l1 * w1 * w1 + 0.5 * m2 * l2 * l2 * w2 * w2 + m2 * l1 * l2 * w1 * w2 * Math.cos(a - b);
    const potential = -(m1 + m2) * g * l1 * Math.cos(a) - m2 * g * l2 * Math.cos(b);
    return kinetic + potential;
  };
  const sol = solve(dp, dp.defaultU0, Float64Array.from([0, 1, 2]), dp.defaultParams, { rtol: 1e-10, atol: 1e-12, record: false });
  const e0 = energy(sol.state(0));
  for (const i of [1, 2]) assert.ok(Math.abs(energy(sol.state(i)) - e0) < 1e-7 * Math.abs(e0), `energy drift at ${i}`);
});
