/** The Theorem 1 coupling-strength helper: eigenvalues, the contraction guarantee, the paper's systems. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { eigs } from "mathjs";
import { jacobianFromVjp, maxSymmetricPartEigenvalue, suggestCouplingStrength, symmetricEigenvalues } from "../../lib/core/train/coupling-strength";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { Lorenz } from "../../lib/paper/systems/lorenz";
import { DoublePendulum } from "../../lib/paper/systems/double-pendulum";
import { FixedParams, TrueSystem } from "../../lib/paper/systems/system";
import { loadRealPendulum, resolvePendulumPath, syntheticPendulum } from "../../lib/paper/systems/real-pendulum";
import { simulateDataset, Dataset } from "../../lib/paper/systems/dataset";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { Rng } from "../../lib/core/random/rng";
import { relError } from "../helpers/helpers";
import * as fs from "node:fs";
import * as path from "node:path";

/** The recording, where test/pendulum-data.test.ts looks for it (used when present). */
const REAL_PENDULUM = resolvePendulumPath(undefined, { HOMOTOPY_DATA_DIR: process.env.HOMOTOPY_DATA_DIR ?? path.resolve(__dirname, "..", "..", "..", "shared", "data") }) as string;

test("2×2 hand-worked: J = [[1, 4], [0, −3]] has S = [[1, 2], [2, −3]], λ_max = −1 + 2√2", () => {
  const lam = maxSymmetricPartEigenvalue([1, 4, 0, -3], 2);
  assert.ok(Math.abs(lam - (-1 + 2 * Math.SQRT2)) < 1e-15, `λ_max = ${lam}`);
  const J = Float64Array.of(1, 4, 0, -3);
  const r = suggestCouplingStrength({ jacobian: (_t, _u, out) => out.set(J), dim: 2, trajectory: { t: [0, 1, 2], u: [0, 0, 1, 1, 2, 2] }, margin: 0.1 });
  assert.ok(Math.abs(r.maxSymEigenvalue - 1.8284271247461903) < 1e-15);
  assert.ok(Math.abs(r.suggestedK - 1.1 * 1.8284271247461903) < 1e-14);
  assert.ok(Math.abs(r.meanSymEigenvalue - r.maxSymEigenvalue) < 1e-15);
  assert.equal(r.perTime.length, 3);
  // A contracting J needs no coupling.
  const stable = suggestCouplingStrength({ jacobian: (_t, _u, out) => out.set([-2, 1, -1, -3]), dim: 2, trajectory: { t: [0], u: [0, 0] } });
  assert.equal(stable.maxSymEigenvalue, -2);
  assert.equal(stable.suggestedK, 0);
});

test("Jacobi eigenvalues: tridiagonal(−1, 2, −1) exactly and random symmetric matrices against mathjs eigs", () => {
  const e3 = symmetricEigenvalues([2, -1, 0, -1, 2, -1, 0, -1, 2], 3);
  assert.ok(relError(e3, [2 - Math.SQRT2, 2, 2 + Math.SQRT2]) < 1e-15);
  const rng = new Rng(3);
  for (const n of [2, 3, 4, 6]) {
    for (let trial = 0; trial < 5; trial++) {
      const a: number[][] = Array.from({ length: n }, () => new Array(n).fill(0));
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i][j] = a[j][i] = rng.normal() * 10;
      const mine = symmetricEigenvalues(a.flat(), n);
      const ref = (eigs(a).values as number[]).slice().sort((x, y) => x - y);
      assert.ok(relError(mine, ref) < 1e-13, `n = ${n}: ${Array.from(mine)} vs ${ref}`);
    }
  }
});

/** Negative definite ⇔ the Cholesky factorisation of −A succeeds (an independent check of the eigenvalues). */
function isNegativeDefinite(A: Float64Array, n: number): boolean {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = -A[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] ** 2;
    if (!(d > 0)) return false;
    L[j * n + j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = -0.5 * (A[i * n + j] + A[j * n + i]);
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / L[j * n + j];
    }
  }
  return true;
}

/** The paper's data windows: LV [0, 6.1) with 5% noise and α 1e-3, Lorenz [0, 3.1) std 0.25 and α 1e-4. */
function paperData(system: "lv" | "lorenz"): { sys: TrueSystem; ds: Dataset; alpha: number } {
  if (system === "lv") {
    const sys = new LotkaVolterra();
    return { sys, ds: simulateDataset(sys, { tEnd: 6.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed: 10 }), alpha: 1e-3 };
  }
  const sys = new Lorenz();
  return { sys, ds: simulateDataset(sys, { tEnd: 3.1, dt: 0.1, noise: { kind: "absolute", amplitude: 0.25 }, noiseSeed: 10 }), alpha: 1e-4 };
}

test("the suggested k makes J − kI negative definite at every sample, also on a 10× finer grid", () => {
  for (const which of ["lv", "lorenz"] as const) {
    const { sys, ds, alpha } = paperData(which);
    const spline = new SmoothingSpline(ds.train.t, ds.train.u, ds.dim, alpha);
    const r = suggestCouplingStrength({ jacobian: sys, spline });
    assert.equal(r.perTime.length, 2 * ds.train.t.length - 1, "knots plus midpoints");
    const n = ds.dim;
    const J = new Float64Array(n * n);
    const u = new Float64Array(n);
    const fine = suggestCouplingStrength({ jacobian: sys, spline, between: 19 });
    let checked = 0;
    for (const { t } of fine.perTime) {
      spline.evaluate(t, u);
      sys.jacobian(t, u, sys.defaultParams, J);
      for (let i = 0; i < n; i++) J[i * n + i] -= r.suggestedK;
      assert.ok(isNegativeDefinite(J, n), `${sys.name}: J − kI not negative definite at t = ${t}`);
      checked++;
    }
    assert.equal(checked, 20 * (ds.train.t.length - 1) + 1);
    assert.ok(fine.maxSymEigenvalue >= r.maxSymEigenvalue && fine.maxSymEigenvalue < r.suggestedK);
    // And the bound is tight: k 1% below λ* leaves J − kI indefinite where λ* occurs.
    const tooSmall = 0.99 * r.maxSymEigenvalue;
    spline.evaluate(r.atTime, u);
    sys.jacobian(r.atTime, u, sys.defaultParams, J);
    for (let i = 0; i < n; i++) J[i * n + i] -= tooSmall;
    assert.ok(!isNegativeDefinite(J, n), `${sys.name}: k just below λ* must fail at t = ${r.atTime}`);
  }
});

test("values for the paper's systems (k helper vs Table 4: LV 6 / 4, Lorenz 6, double pendulum 10)", () => {
  const rows: { system: string; lambda: number; k: number; at: number; mean: number; paper: string }[] = [];
  const lv = paperData("lv");
  const lvR = suggestCouplingStrength({ jacobian: lv.sys, spline: new SmoothingSpline(lv.ds.train.t, lv.ds.train.u, 2, lv.alpha) });
  rows.push({ system: "Lotka–Volterra", lambda: lvR.maxSymEigenvalue, k: lvR.suggestedK, at: lvR.atTime, mean: lvR.meanSymEigenvalue, paper: "6 (black-box), 4 (gray-box)" });
  // Closed form for LV: S = [[a − b y, (c y − b x)/2], [·, c x − d]].
  const [x, y] = lvR.atState;
  const s11 = 1.3 - 0.9 * y;
  const s22 = 0.8 * x - 1.8;
  const s12 = (0.8 * y - 0.9 * x) / 2;
  const closed = (s11 + s22) / 2 + Math.sqrt(((s11 - s22) / 2) ** 2 + s12 * s12);
  assert.ok(Math.abs(closed - lvR.maxSymEigenvalue) < 1e-12);
  assert.ok(Math.abs(lvR.maxSymEigenvalue - 6.985) < 5e-3, `LV λ* = ${lvR.maxSymEigenvalue}`);

  const lz = paperData("lorenz");
  const lzR = suggestCouplingStrength({ jacobian: lz.sys, spline: new SmoothingSpline(lz.ds.train.t, lz.ds.train.u, 3, lz.alpha) });
  rows.push({ system: "Lorenz", lambda: lzR.maxSymEigenvalue, k: lzR.suggestedK, at: lzR.atTime, mean: lzR.meanSymEigenvalue, paper: "6" });
  assert.ok(Math.abs(lzR.maxSymEigenvalue - 13.833) < 5e-3, `Lorenz λ* = ${lzR.maxSymEigenvalue}`);

  const dp = new DoublePendulum();
  const pendulums: [string, Dataset, number][] = [["double pendulum (synthetic)", syntheticPendulum(), 684.42]];
  if (fs.existsSync(REAL_PENDULUM)) pendulums.push(["double pendulum (real data)", loadRealPendulum(REAL_PENDULUM), 634.14]);
  for (const [label, ds, expected] of pendulums) {
    const r = suggestCouplingStrength({ jacobian: dp, spline: new SmoothingSpline(ds.train.t, ds.train.u, 4, 0) });
    rows.push({ system: label, lambda: r.maxSymEigenvalue, k: r.suggestedK, at: r.atTime, mean: r.meanSymEigenvalue, paper: "10" });
    // The pendulum Jacobian is central differences (≈1e-9 accurate), hence the looser tolerance.
    assert.ok(Math.abs(r.maxSymEigenvalue - expected) < 0.05, `${label} λ* = ${r.maxSymEigenvalue}`);
  }
  const fmt = (v: number) => v.toFixed(3).padStart(9);
  console.log(["system                        λ*(S)   suggested k   at t   mean λ   paper k", ...rows.map((r) => `${r.system.padEnd(28)}${fmt(r.lambda)}${fmt(r.k)}   ${r.at.toFixed(2).padStart(5)}${fmt(r.mean)}   ${r.paper}`)].join("\n"));
});

test("any vector field: J from vjp rows equals the analytic Jacobian, and equals finite differences for a model", () => {
  const lv = paperData("lv");
  const spline = new SmoothingSpline(lv.ds.train.t, lv.ds.train.u, 2, lv.alpha);
  const exact = suggestCouplingStrength({ jacobian: lv.sys, spline });
  const viaVjp = suggestCouplingStrength({ jacobian: new FixedParams(lv.sys), spline });
  assert.equal(viaVjp.source, "vector field (vjp)");
  assert.ok(relError(viaVjp.perTime.map((p) => p.lambdaMax), exact.perTime.map((p) => p.lambdaMax)) < 1e-14);

  const model = new BlackBoxModel([2, 16, 2], "gelu");
  const theta = model.init(new Rng(5));
  const u = Float64Array.of(1.1, 2.3);
  const J = new Float64Array(4);
  jacobianFromVjp(model, theta, 0, u, J);
  const fd = new Float64Array(4);
  const fp = new Float64Array(2);
  const fm = new Float64Array(2);
  for (let j = 0; j < 2; j++) {
    const up = Float64Array.from(u);
    const um = Float64Array.from(u);
    up[j] += 1e-6;
    um[j] -= 1e-6;
    model.eval(0, up, theta, fp);
    model.eval(0, um, theta, fm);
    for (let i = 0; i < 2; i++) fd[i * 2 + j] = (fp[i] - fm[i]) / 2e-6;
  }
  assert.ok(relError(J, fd) < 1e-7, `model J vs FD: ${relError(J, fd)}`);
  const r = suggestCouplingStrength({ jacobian: model, theta, spline });
  assert.ok(Number.isFinite(r.suggestedK) && r.perTime.length === 121);
});

test("clear errors for inconsistent options", () => {
  const lv = new LotkaVolterra();
  const traj = { t: [0, 1], u: [1, 1, 2, 2] };
  const spline = new SmoothingSpline([0, 1, 2], [1, 1, 2, 2, 3, 3], 2);
  assert.throws(() => suggestCouplingStrength({ jacobian: lv, trajectory: traj, spline }), /give exactly one of spline .* or trajectory/);
  assert.throws(() => suggestCouplingStrength({ jacobian: lv }), /give exactly one of spline/);
  assert.throws(() => suggestCouplingStrength({ jacobian: lv, trajectory: { t: [0, 1], u: [1, 1, 2] } }), /trajectory\.u: expected 2 times × 2 components = 4 values, got 3/);
  assert.throws(() => suggestCouplingStrength({ jacobian: lv, trajectory: traj, margin: -0.1 }), /margin: expected a finite number ≥ 0, got -0\.1/);
  assert.throws(() => suggestCouplingStrength({ jacobian: lv, trajectory: traj, theta: new Float64Array(2) }), /system "lotka-volterra" has 4 parameters, got 2/);
  assert.throws(() => suggestCouplingStrength({ jacobian: (_t, _u, out) => out.fill(0), trajectory: traj }), /with a Jacobian function, give dim/);
  assert.throws(() => suggestCouplingStrength({ jacobian: new Lorenz(), spline }), /the spline has 2 components but the Jacobian source has dim 3/);
  assert.throws(() => suggestCouplingStrength({ jacobian: new BlackBoxModel([2, 4, 2]), spline }), /the vector field has 22 parameters, got 0/);
});
