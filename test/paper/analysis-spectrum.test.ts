/**
 * Spectral density as PyHessian's density_generate, and Figure 2's trends as numbers: the
 * dominant Hessian eigenvalue of the LV black-box loss at initialisation (seed 10) grows with the
 * data length and falls as the coupling strength k grows.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { densityGenerate, hessianSpectrum, logDensity, topEigenpairs } from "../../lib/core/hessian/spectrum";
import { denseOperator, HessianOperator } from "../../lib/core/hessian/hvp";
import { analysisProblem } from "../../lib/paper/analysis/problem";
import { Rng } from "../../lib/core/random/rng";
import { figure2Sweep } from "../../lib/paper/analysis/figure2";

/** density_generate written out literally (numpy semantics, no shortcuts). */
function literalDensityGenerate(eigenvalues: number[][], weights: number[][], numBins: number, sigmaSquared: number, overhead: number) {
  const runs = eigenvalues.length;
  const lambdaMax = eigenvalues.reduce((s, e) => s + Math.max(...e), 0) / runs + overhead;
  const lambdaMin = eigenvalues.reduce((s, e) => s + Math.min(...e), 0) / runs - overhead;
  const grids = Array.from({ length: numBins }, (_, j) => lambdaMin + (j * (lambdaMax - lambdaMin)) / (numBins - 1));
  const sigma = sigmaSquared * Math.max(1, lambdaMax - lambdaMin);
  const gaussian = (x: number, x0: number) => Math.exp(-((x0 - x) ** 2) / (2 * sigma)) / Math.sqrt(2 * Math.PI * sigma);
  const density = grids.map((x) => eigenvalues.reduce((s, e, i) => s + e.reduce((t, ev, k) => t + gaussian(ev, x) * weights[i][k], 0), 0) / runs);
  const normalization = density.reduce((a, b) => a + b, 0) * (grids[1] - grids[0]);
  return { grids, density: density.map((d) => d / normalization) };
}

test("densityGenerate equals PyHessian's density_generate written out literally", () => {
  const eig = [
    [-1.5, 0.2, 0.21, 3.0, 40.0],
    [-1.2, 0.1, 2.5, 38.0, 41.0],
  ];
  const w = [
    [0.1, 0.3, 0.2, 0.3, 0.1],
    [0.2, 0.2, 0.2, 0.2, 0.2],
  ];
  for (const [bins, s2] of [
    [500, 1e-5],
    [2000, 1e-3],
  ] as const) {
    const mine = densityGenerate(eig, w, { numBins: bins, sigmaSquared: s2 });
    const ref = literalDensityGenerate(eig, w, bins, s2, 0.01);
    assert.equal(mine.grid.length, bins);
    assert.ok(Math.abs(mine.grid[0] - (-1.35 - 0.01)) < 1e-12 && Math.abs(mine.grid[bins - 1] - (40.5 + 0.01)) < 1e-12);
    for (let j = 0; j < bins; j++) {
      assert.ok(Math.abs(mine.grid[j] - ref.grids[j]) < 1e-12);
      assert.ok(Math.abs(mine.density[j] - ref.density[j]) <= 1e-9 * Math.max(...ref.density), `bin ${j}: ${mine.density[j]} vs ${ref.density[j]}`);
    }
    const integral = mine.density.reduce((a, b) => a + b, 0) * (mine.grid[1] - mine.grid[0]);
    assert.ok(Math.abs(integral - 1) < 1e-12);
  }
  const ld = logDensity([0, 1e-3, 1]);
  assert.deepEqual(Array.from(ld, (v) => Math.round(v * 1e9) / 1e9), [-7, Math.round(Math.log10(1e-3 + 1e-7) * 1e9) / 1e9, Math.round(Math.log10(1 + 1e-7) * 1e9) / 1e9]);
  assert.throws(() => densityGenerate([[1, 2]], [[1]]), /probe 0 has 2 Ritz values and 1 weights/);
  assert.throws(() => densityGenerate([], []), /at least one probe/);
});

test("hessianSpectrum: per-probe Ritz values and weights, top pairs by magnitude, trace", () => {
  const n = 12;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = i - 8; // eigenvalues −8 … 3: the dominant is −8
  const s = hessianSpectrum(denseOperator(a, n), { iters: 20, probes: 3, topK: 2, seed: 4, trace: { maxIter: 50, tol: 0 } });
  assert.equal(s.ritzValues.length, 3);
  assert.equal(s.weights.length, 3);
  for (const w of s.weights) assert.ok(Math.abs(w.reduce((x, y) => x + y, 0) - 1) < 1e-13);
  assert.ok(Math.abs(s.topEigenvalues[0] + 8) < 1e-10 && Math.abs(s.topEigenvalues[1] + 7) < 1e-10, `top ${s.topEigenvalues}`);
  assert.equal(s.trace, -30); // a diagonal matrix: every Rademacher probe gives the exact trace
  assert.equal(s.traceStandardError, 0);
});

test("Figure 2 trends at initialisation (LV black-box, seed 10): λ_max grows with data length and falls with k", () => {
  const sweep = figure2Sweep({ seed: 10, bins: 500, landscape: { points: 5 } });
  assert.equal(sweep.byLength.length, 4);
  assert.equal(sweep.byK.length, 4);
  assert.equal(sweep.byK[0], sweep.byLength[3], "the k = 0 panel at t_end 9.1 is shared");
  for (const p of [...sweep.byLength, ...sweep.byK]) {
    const lmax = Math.abs(p.topEigenvalues[0]);
    assert.ok(p.spectrum.topResiduals[0] < 1e-6 * lmax, `${p.label}: Ritz residual ${p.spectrum.topResiduals[0]}`);
    assert.equal(p.landscape?.loss.length, 25);
    assert.ok(Math.abs((p.landscape as { center: number }).center - p.loss) < 1e-12 * p.loss);
    assert.ok(Math.abs(p.density.density.reduce((a, b) => a + b, 0) * (p.density.grid[1] - p.density.grid[0]) - 1) < 1e-12);
  }
  const byLength = sweep.byLength.map((p) => Math.abs(p.topEigenvalues[0]));
  const byK = sweep.byK.map((p) => Math.abs(p.topEigenvalues[0]));
  console.log(`λmax by t_end 3.1/5.1/7.1/9.1: ${byLength.map((v) => v.toPrecision(5)).join(", ")}; trace ${sweep.byLength.map((p) => p.trace.toPrecision(4)).join(", ")}`);
  console.log(`λmax by k 0/0.2/0.4/0.8 (t_end 9.1): ${byK.map((v) => v.toPrecision(5)).join(", ")}; trace ${sweep.byK.map((p) => p.trace.toPrecision(4)).join(", ")}`);
  for (let i = 1; i < 4; i++) {
    assert.ok(byLength[i] > byLength[i - 1], `λmax should grow with data length: ${byLength}`);
    assert.ok(byK[i] < byK[i - 1], `λmax should fall as k grows: ${byK}`);
  }
  // Measured 334, 564, 2041, 5035 and 5035, 885, 274, 67.6: more than an order of magnitude each way.
  assert.ok(byLength[3] / byLength[0] > 10 && byK[0] / byK[3] > 10);
  // The same dominant eigenvalue from an independent Lanczos start (Gaussian instead of Rademacher).
  const p = analysisProblem({ system: "lotka-volterra", model: "blackbox", seed: 10, tEnd: 9.1, k: 0.4 });
  const again = topEigenpairs(new HessianOperator(p.loss, p.theta), new Rng(0), { k: 1, iters: 100 });
  assert.ok(Math.abs(again.values[0] - sweep.byK[2].topEigenvalues[0]) < 1e-8 * byK[2]);
});
