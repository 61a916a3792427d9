/** Landscape rows and spectrum halves on the worker pool give the serial numbers, bit for bit. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analysisProblem } from "../../lib/paper/analysis/problem";
import { figure2Sweep, hessianLandscape } from "../../lib/paper/analysis/figure2";
import { figure2SweepOnPool } from "../../lib/paper/analysis/figure2-pool";
import { hessianLandscapeOnPool } from "../../lib/paper/analysis/landscape-pool";
import { hessianSpectrumOnPool } from "../../lib/paper/analysis/spectrum-pool";
import { HessianOperator } from "../../lib/core/hessian/hvp";
import { hessianSpectrum } from "../../lib/core/hessian/spectrum";

test("hessianLandscapeOnPool with 1 and 2 workers equals the serial hessianLandscape (coupled LV loss, 3 × 4 grid)", async () => {
  const spec = { system: "lotka-volterra" as const, model: "blackbox" as const, seed: 10, tEnd: 3.1, k: 0.4 };
  const options = { iters: 20, a: Float64Array.of(-0.3, 0, 0.3), b: Float64Array.of(-0.2, -0.05, 0.1, 0.25) };
  const serial = hessianLandscape(analysisProblem(spec), options);
  for (const jobs of [1, 2]) {
    const rows: number[] = [];
    const pooled = await hessianLandscapeOnPool(spec, jobs, { ...options, onRow: (done) => rows.push(done) });
    assert.deepEqual(Array.from(pooled.grid.loss), Array.from(serial.grid.loss), `jobs ${jobs}`);
    assert.deepEqual(pooled.eigenvalues, serial.eigenvalues);
    assert.equal(pooled.grid.center, serial.grid.center);
    assert.equal(pooled.grid.failures, serial.grid.failures);
    assert.deepEqual(rows, [1, 2, 3]);
  }
  assert.ok(serial.grid.loss.every((v) => v > 0 && Number.isFinite(v)));
  assert.ok(new Set(serial.grid.loss).size === serial.grid.loss.length, "every grid point has its own loss");
});

test("hessianSpectrumOnPool (Lanczos and trace on their own threads) equals hessianSpectrum in one thread", async () => {
  const spec = { system: "lotka-volterra" as const, model: "blackbox" as const, seed: 20, tEnd: 3.1, k: 0.2 };
  const options = { iters: 25, probes: 2, topK: 3, seed: 4, trace: { maxIter: 6, tol: 0 } };
  const problem = analysisProblem(spec);
  const op = new HessianOperator(problem.loss, problem.theta, { scheme: "central" });
  const serial = hessianSpectrum(op, options);
  for (const jobs of [1, 2]) {
    const pooled = await hessianSpectrumOnPool(spec, jobs, options, { scheme: "central" });
    assert.deepEqual(pooled.spectrum, serial, `jobs ${jobs}`);
    assert.equal(pooled.hessianVectorProducts, op.calls);
  }
  assert.equal(serial.traceSamples.length, 6);
  assert.equal(serial.ritzValues.length, 2);
  const noTrace = await hessianSpectrumOnPool(spec, 2, { ...options, trace: false }, { scheme: "central" });
  assert.ok(Number.isNaN(noTrace.spectrum.trace));
  assert.deepEqual(noTrace.spectrum.ritzValues, serial.ritzValues);
});

test("figure2SweepOnPool on 2 threads gives figure2Sweep's panels, shared panel included", async () => {
  const options = { tEnds: [3.1, 5.1], ks: [0, 0.4], kTEnd: 3.1, iters: 15, bins: 40, landscape: { points: 3 } };
  const serial = figure2Sweep(options);
  const seen: number[] = [];
  const pooled = await figure2SweepOnPool({ ...options, onPanel: (_p, done) => seen.push(done) }, 2);
  assert.deepEqual(pooled, serial);
  assert.deepEqual(seen, [1, 2, 3]);
  assert.equal(pooled.byK[0], pooled.byLength[0], "the uncoupled panel at kTEnd is shared");
  assert.equal(serial.byK[1].k, 0.4);
  assert.ok(serial.byK[1].topEigenvalues[0] !== serial.byK[0].topEigenvalues[0]);
});
