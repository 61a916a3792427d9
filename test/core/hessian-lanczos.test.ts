/**
 * Lanczos (full reorthogonalisation), the tridiagonal eigensolver, Hutchinson and SLQ against
 * dense eigendecompositions (mathjs) of a random symmetric matrix and of a tiny NeuralODE's Hessian.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng, normalVector, rademacherVector } from "../../lib/core/random/rng";
import { denseMatrix, denseOperator, HessianOperator } from "../../lib/core/hessian/hvp";
import { lanczos, ritzPairs, ritzVector } from "../../lib/core/hessian/lanczos";
import { tridiagonalEigen } from "../../lib/core/hessian/tridiagonal";
import { hutchinsonTrace, selectEigenpairs, stochasticLanczosQuadrature, topEigenpairs } from "../../lib/core/hessian/spectrum";
import { denseEigenvalues, matVec, relErr, tinyNeuralOde, traceOf } from "../helpers/analysis-fixtures";

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

function relTo(x: number, ref: number): number {
  return Math.abs(x - ref) / Math.abs(ref);
}

test("tridiagonal QL eigensolver equals mathjs and satisfies T·V = V·D", () => {
  const rng = new Rng(11);
  for (const m of [1, 2, 7, 60]) {
    const d = normalVector(rng, m);
    const e = normalVector(rng, m - 1);
    const { values, vectors } = tridiagonalEigen(d, e);
    const dense = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      dense[i * m + i] = d[i];
      if (i + 1 < m) dense[i * m + i + 1] = dense[(i + 1) * m + i] = e[i];
    }
    const ref = denseEigenvalues(dense, m);
    for (let k = 0; k < m; k++) assert.ok(Math.abs(values[k] - ref[k]) < 1e-12, `m=${m} eigenvalue ${k}: ${values[k]} vs ${ref[k]}`);
    for (let k = 0; k < m; k++) {
      const y = new Float64Array(m);
      for (let i = 0; i < m; i++) y[i] = vectors[i * m + k];
      const ty = matVec(dense, y);
      for (let i = 0; i < m; i++) assert.ok(Math.abs(ty[i] - values[k] * y[i]) < 1e-12, `m=${m} residual of pair ${k}`);
      assert.ok(Math.abs(y.reduce((s, x) => s + x * x, 0) - 1) < 1e-13);
    }
  }
  assert.throws(() => tridiagonalEigen([1, 2], []), /expected 1 off-diagonal entries for 2 diagonal entries, got 0/);
  assert.throws(() => tridiagonalEigen([1, NaN], [0]), /diagonal\[1\] is not finite/);
});

test("Lanczos on a random dense symmetric 50 × 50 matrix: extreme Ritz values equal the dense eigenvalues to 1e-8", () => {
  const n = 50;
  const a = randomSymmetric(n, 7);
  const ref = denseEigenvalues(a, n);
  const op = denseOperator(a, n);
  for (const iters of [35, 50]) {
    const run = lanczos(op, normalVector(new Rng(3), n), { iters });
    assert.equal(run.steps, iters);
    assert.equal(run.breakdown, false);
    const ritz = ritzPairs(run);
    const m = ritz.values.length;
    assert.ok(relTo(ritz.values[m - 1], ref[n - 1]) < 1e-8, `iters ${iters}: largest ${ritz.values[m - 1]} vs ${ref[n - 1]}`);
    assert.ok(relTo(ritz.values[0], ref[0]) < 1e-8, `iters ${iters}: smallest ${ritz.values[0]} vs ${ref[0]}`);
    // Full reorthogonalisation keeps the basis orthonormal.
    let worst = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) worst = Math.max(worst, Math.abs(run.basis[i].reduce((s, x, q) => s + x * run.basis[j][q], 0) - (i === j ? 1 : 0)));
    assert.ok(worst < 1e-13, `basis orthogonality ${worst}`);
    assert.ok(Math.abs(ritz.weights.reduce((s, w) => s + w, 0) - 1) < 1e-13);
  }
  // With n steps every eigenvalue is found, and Ritz vectors are eigenvectors.
  const full = lanczos(op, normalVector(new Rng(4), n), { iters: 80 });
  assert.equal(full.steps, n, "iters is capped at n");
  const ritz = ritzPairs(full);
  for (let k = 0; k < n; k++) assert.ok(Math.abs(ritz.values[k] - ref[k]) < 1e-10 * Math.abs(ref[n - 1]), `eigenvalue ${k}`);
  const x = ritzVector(full, ritz, n - 1);
  assert.ok(relErr(matVec(a, x), x.map((v) => v * ref[n - 1])) < 1e-10);
  // Top pairs by magnitude.
  const top = selectEigenpairs(full, 2, "magnitude");
  const byMag = ref.slice().sort((p, q) => Math.abs(q) - Math.abs(p));
  assert.ok(relTo(top.values[0], byMag[0]) < 1e-10 && relTo(top.values[1], byMag[1]) < 1e-10);
});

test("Lanczos stops at an invariant subspace; SLQ is exact on polynomials of low degree", () => {
  // A start vector inside a 3-dimensional eigenspace span: breakdown after 3 steps.
  const n = 10;
  const diag = new Float64Array(n * n);
  for (let i = 0; i < n; i++) diag[i * n + i] = i + 1;
  const start = new Float64Array(n);
  start[0] = 1;
  start[4] = 2;
  start[9] = -1;
  const run = lanczos(denseOperator(diag, n), start, { iters: 10 });
  assert.equal(run.breakdown, true);
  assert.equal(run.steps, 3);
  assert.deepEqual(Array.from(ritzPairs(run).values, (v) => Math.round(v * 1e10) / 1e10), [1, 5, 10]);
  // Gauss quadrature: n·Σ τ_k θ_k^p = vᵀAᵖv for Rademacher v and p < 2m.
  const a = randomSymmetric(30, 8);
  const slq = stochasticLanczosQuadrature(denseOperator(a, 30), new Rng(1), { iters: 6, probes: 2 });
  const v = rademacherVector(new Rng(1), 30); // the first probe, drawn from the same stream
  const av = matVec(a, v);
  const a2v = matVec(a, av);
  const vAv = v.reduce((s, x, i) => s + x * av[i], 0);
  const vA3v = av.reduce((s, x, i) => s + x * a2v[i], 0);
  const moment = (p: number) => 30 * slq.ritzValues[0].reduce((s, th, k) => s + slq.weights[0][k] * th ** p, 0);
  assert.ok(relTo(moment(1), vAv) < 1e-12, `first moment ${moment(1)} vs ${vAv}`);
  assert.ok(relTo(moment(3), vA3v) < 1e-12, `third moment ${moment(3)} vs ${vA3v}`);
  assert.equal(slq.ritzValues.length, 2);
});

test("Hutchinson's estimate is within 3 standard errors of the dense trace (random matrix)", () => {
  const n = 50;
  const a = randomSymmetric(n, 7);
  const est = hutchinsonTrace(denseOperator(a, n), new Rng(12), { maxIter: 300, tol: 0 });
  assert.equal(est.samples.length, 300);
  const exact = traceOf(a, n);
  assert.ok(Math.abs(est.trace - exact) < 3 * est.standardError, `trace ${est.trace} ± ${est.standardError} vs ${exact}`);
  // The Rademacher estimator's variance is 2 Σ_{i≠j} a_ij²: the standard error must be near its square root / √m.
  let off = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off += a[i * n + j] ** 2;
  const expected = Math.sqrt((2 * off) / 300);
  assert.ok(est.standardError > 0.8 * expected && est.standardError < 1.2 * expected, `s.e. ${est.standardError} vs ${expected}`);
  // PyHessian's stopping rule ends early once the running mean settles.
  const early = hutchinsonTrace(denseOperator(a, n), new Rng(12), { maxIter: 300, tol: 1e-2 });
  assert.ok(early.samples.length < 300);
});

test("on the exact Hessian of a tiny NeuralODE (built column by column from HVPs): Lanczos extremes to 1e-8, Hutchinson within 3 s.e.", () => {
  const { loss, theta } = tinyNeuralOde(0);
  const n = loss.n;
  const hop = new HessianOperator(loss, theta);
  const H = denseMatrix(hop);
  const ref = denseEigenvalues(H, n);
  const scale = Math.max(Math.abs(ref[0]), Math.abs(ref[n - 1]));
  // Lanczos on that matrix.
  const run = lanczos(denseOperator(H, n), normalVector(new Rng(2), n), { iters: n });
  const ritz = ritzPairs(run);
  const m = ritz.values.length;
  assert.ok(relTo(ritz.values[m - 1], ref[n - 1]) < 1e-8, `largest ${ritz.values[m - 1]} vs ${ref[n - 1]}`);
  assert.ok(Math.abs(ritz.values[0] - ref[0]) / scale < 1e-8, `smallest ${ritz.values[0]} vs ${ref[0]} (scale ${scale})`);
  // Lanczos on the matrix-free HVP operator itself (what the CLI runs): same extremes.
  const top = topEigenpairs(hop, new Rng(6), { k: 1, iters: n, order: "largest" });
  const bottom = topEigenpairs(hop, new Rng(6), { k: 1, iters: n, order: "smallest" });
  assert.ok(relTo(top.values[0], ref[n - 1]) < 1e-8, `matrix-free largest ${top.values[0]} vs ${ref[n - 1]}`);
  assert.ok(Math.abs(bottom.values[0] - ref[0]) / scale < 1e-8, `matrix-free smallest ${bottom.values[0]} vs ${ref[0]}`);
  // Hutchinson on the HVP operator.
  const est = hutchinsonTrace(hop, new Rng(21), { maxIter: 200, tol: 0 });
  const exact = traceOf(H, n);
  assert.ok(Math.abs(est.trace - exact) < 3 * est.standardError, `trace ${est.trace} ± ${est.standardError} vs ${exact}`);
});
