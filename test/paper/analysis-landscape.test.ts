/** 2-D landscapes (grid, orientation, clipping) and the PCA-projected optimisation path (Figure 1). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng, normalVector } from "../../lib/core/random/rng";
import { clipLosses, linspace, lossLandscape } from "../../lib/paper/analysis/landscape";
import { ParameterRecorder, pathSurface, pcaPath } from "../../lib/paper/analysis/pca-path";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { parseConfig } from "../../lib/paper/experiments/config";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { buildDataset, buildModel, solverOptions, trainingData } from "../../lib/paper/experiments/build";
import { TrainingLoss } from "../../lib/core/hessian/loss";
import { denseEigenvalues } from "../helpers/analysis-fixtures";

test("linspace is numpy's (ends included) and clipping caps and replaces non-finite losses", () => {
  const g = linspace(-0.2, 0.2, 30);
  assert.equal(g.length, 30);
  assert.equal(g[0], -0.2);
  assert.equal(g[29], 0.2);
  assert.ok(Math.abs(g[1] - g[0] - 0.4 / 29) < 1e-15);
  assert.deepEqual(Array.from(linspace(3, 4, 1)), [3]);
  assert.throws(() => linspace(0, 1, 0), /n must be a whole number ≥ 1, got 0/);
  assert.deepEqual(Array.from(clipLosses([1, 5000, Infinity, NaN, 4000], 4000)), [1, 4000, 4000, 4000, 4000]);
});

test("lossLandscape evaluates θ + a_i d₁ + b_j d₂ at loss[i·nb + j], counting failed points", () => {
  const n = 6;
  const center = Float64Array.from([0.5, -1, 2, 0, 0, 3]);
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  d1[0] = 1;
  d2[1] = 1;
  // A quadratic that "fails" (returns +∞) in one corner.
  const f = (th: Float64Array) => (th[0] > 0.65 && th[1] > -0.95 ? Infinity : 3 * th[0] ** 2 + th[1] ** 2 + th[0] * th[1] + th[5]);
  const a = linspace(-0.2, 0.2, 5);
  const b = linspace(-0.1, 0.1, 3);
  const grid = lossLandscape(f, center, d1, d2, { a, b, clip: 4 });
  assert.equal(grid.loss.length, 15);
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 3; j++) {
      const x = 0.5 + a[i];
      const y = -1 + b[j];
      const expected = x > 0.65 && y > -0.95 ? Infinity : 3 * x * x + y * y + x * y + 3;
      assert.equal(grid.loss[i * 3 + j], expected, `point (${i}, ${j})`);
      assert.equal(grid.clipped[i * 3 + j], Math.min(expected, 4));
    }
  }
  assert.equal(grid.failures, 1);
  assert.equal(grid.center, f(center));
  const def = lossLandscape(f, center, d1, d2);
  assert.equal(def.a.length, 30);
  assert.equal(def.clip, 4000);
  assert.throws(() => lossLandscape(f, center, new Float64Array(2), d2), /directions must have length 6/);
});

test("pcaPath recovers a path lying in a 2-D plane and projects it onto the best epoch", () => {
  const n = 20;
  const rng = new Rng(3);
  const u = normalVector(rng, n);
  const w = normalVector(rng, n);
  const best = normalVector(rng, n);
  const params: Float64Array[] = [];
  for (let e = 0; e <= 40; e++) {
    const x = 3 * Math.cos(e / 8) - 3 * Math.cos(5);
    const y = Math.sin(e / 5) - Math.sin(8);
    params.push(best.map((b, i) => b + x * u[i] + y * w[i]));
  }
  const path = pcaPath(params, 40);
  assert.equal(path.x.length, 41);
  assert.ok(Math.abs(path.x[40]) < 1e-14 && Math.abs(path.y[40]) < 1e-14, "the best epoch is the origin");
  assert.ok(Math.abs(path.explainedVarianceRatio[0] + path.explainedVarianceRatio[1] - 1) < 1e-10);
  const [c1, c2] = path.directions;
  const dot = (p: Float64Array, q: Float64Array) => p.reduce((s, v, i) => s + v * q[i], 0);
  assert.ok(Math.abs(dot(c1, c1) - 1) < 1e-12 && Math.abs(dot(c1, c2)) < 1e-12);
  // The projection reconstructs the path exactly (it lies in the plane).
  for (let e = 0; e <= 40; e++) {
    for (let i = 0; i < n; i++) assert.ok(Math.abs(best[i] + path.x[e] * c1[i] + path.y[e] * c2[i] - params[e][i]) < 1e-10);
  }
  // Explained variances equal the top eigenvalues of the covariance of params[:best] − params[best].
  const rows = params.slice(0, 40).map((p) => p.map((v, i) => v - best[i]));
  const mean = new Float64Array(n);
  for (const r of rows) for (let i = 0; i < n; i++) mean[i] += r[i] / 40;
  const cov = new Float64Array(n * n);
  for (const r of rows) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cov[i * n + j] += ((r[i] - mean[i]) * (r[j] - mean[j])) / 39;
  const ev = denseEigenvalues(cov, n);
  assert.ok(Math.abs(path.explainedVariance[0] - ev[n - 1]) < 1e-10 * ev[n - 1]);
  assert.ok(Math.abs(path.explainedVariance[1] - ev[n - 2]) < 1e-10 * ev[n - 1]);
  assert.throws(() => pcaPath(params, 1), /bestEpoch must be a whole number in 2\.\.40/);
});

test("a short vanilla run: recorded θ, PCA path and the loss surface on its plane", () => {
  const config = parseConfig({ ...paperConfig("lotka-volterra", "blackbox", "vanilla", { seed: 10 }), epochs: 40 });
  const dataset = buildDataset(config);
  const recorder = new ParameterRecorder();
  const run = runExperiment(config, { dataset, inspect: recorder.inspect });
  assert.equal(recorder.params.length, 40);
  assert.ok(run.bestEpoch >= 2, `best epoch ${run.bestEpoch}`);
  assert.deepEqual(Array.from(recorder.params[run.bestEpoch]), run.bestTheta, "params[best] is the best θ (before that epoch's step)");
  const path = pcaPath(recorder.params, run.bestEpoch);
  const model = buildModel(config);
  const loss = new TrainingLoss(model, trainingData(dataset), path.center, { solver: solverOptions(config) });
  const surface = pathSurface((th) => loss.adaptiveValue(th), path, { points: 7, margin: 0.2 });
  assert.equal(surface.loss.length, 49);
  assert.ok(surface.a[0] < Math.min(...path.x) && surface.a[6] > Math.max(...path.x));
  assert.ok(surface.b[0] < Math.min(...path.y) && surface.b[6] > Math.max(...path.y));
  assert.ok(Math.abs(surface.center - run.interpMse) < 1e-12 * run.interpMse, `surface centre ${surface.center} vs best MSE ${run.interpMse}`);
  // Training went downhill: the start of the path sits higher on the surface than the best point.
  assert.ok(loss.adaptiveValue(recorder.params[0]) > surface.center);
  const again = new ParameterRecorder();
  again.inspect(0, new Float64Array(3));
  assert.throws(() => again.inspect(5, new Float64Array(3)), /expected epoch 1, got 5/);
});
