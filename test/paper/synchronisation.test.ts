/** Synchronisation analysis: Lyapunov exponent of the error dynamics, contraction threshold, coupled response, landscapes. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Lorenz } from "../../lib/paper/systems/lorenz";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { arange } from "../../lib/paper/systems/dataset";
import {
  contractionThreshold,
  coupledResponse,
  driveTrajectory,
  errorLyapunovExponent,
  largestSymmetricEigenvalue,
  parameterLandscape,
  scaledParams,
  synchronisationThreshold,
} from "../../lib/paper/analysis/synchronisation";

test("Lorenz: Λ(0) is the known largest Lyapunov exponent (≈ 0.906) within finite-time error", () => {
  const r = errorLyapunovExponent(new Lorenz(), { k: 0, transient: 20, duration: 200, dt: 0.005 });
  assert.ok(Math.abs(r.exponent - 0.906) < 0.08, `Λ(0) = ${r.exponent}`);
  assert.equal(r.t.length, r.running.length);
});

test("K = kI shifts the exponent by −k (kI commutes with the Jacobian; only RK4 error remains)", () => {
  const lz = new Lorenz();
  const base = errorLyapunovExponent(lz, { k: 0, transient: 5, duration: 20 }).exponent;
  for (const k of [0.5, 3, 12]) {
    const e = errorLyapunovExponent(lz, { k, transient: 5, duration: 20 }).exponent;
    assert.ok(Math.abs(e - (base - k)) < 1e-4, `k = ${k}: ${e} vs ${base - k}`);
  }
});

test("coupling only x of Lorenz synchronises for large k (Pecora–Carroll), but slower than full coupling", () => {
  const lz = new Lorenz();
  const weak = errorLyapunovExponent(lz, { k: [1, 0, 0], transient: 10, duration: 60 }).exponent;
  const strong = errorLyapunovExponent(lz, { k: [60, 0, 0], transient: 10, duration: 60 }).exponent;
  assert.ok(weak > 0, `weak x-coupling: ${weak}`);
  assert.ok(strong < 0, `strong x-coupling: ${strong}`);
  assert.ok(strong > errorLyapunovExponent(lz, { k: 60, transient: 10, duration: 60 }).exponent);
});

test("largestSymmetricEigenvalue matches closed forms", () => {
  assert.ok(Math.abs(largestSymmetricEigenvalue([2, 1, 1, 2], 2) - 3) < 1e-12);
  // Eigenvalues of [[4,1,0],[1,3,1],[0,1,2]] are 3 and 3 ± √3.
  assert.ok(Math.abs(largestSymmetricEigenvalue([4, 1, 0, 1, 3, 1, 0, 1, 2], 3) - (3 + Math.sqrt(3))) < 1e-12);
  assert.throws(() => largestSymmetricEigenvalue([1, 2, 3], 2), /2×2/);
});

test("above the contraction threshold, A = J − kI is negative definite, so |ξ| decays at every step", () => {
  const lv = new LotkaVolterra();
  const t = arange(0, 10, 0.05);
  const kStar = contractionThreshold(lv, driveTrajectory(lv, t));
  assert.ok(kStar > 0);
  const r = errorLyapunovExponent(lv, { k: kStar + 0.5, duration: 10, renormEvery: 0.05 });
  // Every renormalisation interval shrinks |ξ|: the running mean of log growth stays below zero throughout.
  for (const v of r.running) assert.ok(v < 0);
});

test("a mismatched response follows the drive more closely as k grows; k = 0 drifts away", () => {
  const lv = new LotkaVolterra();
  const t = arange(0, 10, 0.05);
  const p = Float64Array.from(lv.defaultParams);
  p[0] *= 0.5;
  const meanErr = (k: number) => {
    const r = coupledResponse(lv, { t, k, responseParams: p });
    return r.error.reduce((a, b) => a + b, 0) / r.error.length;
  };
  const e0 = meanErr(0);
  const e1 = meanErr(1);
  const e10 = meanErr(10);
  assert.ok(e0 > e1 && e1 > e10, `${e0} > ${e1} > ${e10}`);
  // No mismatch: the response is the drive, up to the spline's interpolation error.
  const same = coupledResponse(lv, { t, k: 1, responseParams: lv.defaultParams });
  assert.ok(Math.max(...same.error) < 1e-3);
});

test("parameter landscape: minimal at factor 1, larger away from it, and coupling lowers it", () => {
  const lz = new Lorenz();
  const factors = [0.5, 0.75, 1, 1.25, 1.5];
  const plain = parameterLandscape(lz, { param: "beta", factors, k: 0, lengths: [25, 100] });
  const coupled = parameterLandscape(lz, { param: "beta", factors, k: 1.5, lengths: [25, 100] });
  assert.ok(plain.mse[0][2] === 0 && plain.mse[1][2] === 0, "uncoupled at factor 1 is the reference itself");
  // Coupled at factor 1: only the spline's interpolation error of the chaotic reference remains.
  assert.ok(coupled.mse[0][2] < 0.01 && coupled.mse[1][2] < 0.01);
  for (const L of [plain, coupled]) assert.ok(L.mse[1][0] > 1 && L.mse[1][4] > 1);
  assert.ok(coupled.mse[1][0] < plain.mse[1][0]);
  assert.throws(() => parameterLandscape(lz, { param: "gamma", factors, k: 0, lengths: [25] }), /lorenz parameter.*sigma, rho, beta/);
  assert.throws(() => parameterLandscape(lz, { param: 0, factors, k: -1, lengths: [25] }), /k/);
});

test("scaledParams scales one parameter; synchronisationThreshold interpolates the zero crossing", () => {
  const lv = new LotkaVolterra();
  assert.deepEqual([...scaledParams(lv, "a", 0.5)], [0.65, 0.9, 0.8, 1.8]);
  assert.deepEqual([...scaledParams(lv, 3, 2)], [1.3, 0.9, 0.8, 3.6]);
  assert.deepEqual([...lv.defaultParams], [1.3, 0.9, 0.8, 1.8], "defaults untouched");
  assert.equal(synchronisationThreshold([0, 1, 2], [0.5, 0.25, -0.25]), 1.5);
  assert.equal(synchronisationThreshold([0, 1], [1, 2]), null);
  assert.equal(synchronisationThreshold([0, 1], [-1, -2]), 0);
});
