/**
 * Hessian-vector products of the frozen training loss against a dense Hessian from second
 * differences of loss VALUES (independent of the backward sweep), on a tiny NeuralODE.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng, normalVector } from "../../lib/core/random/rng";
import { hessianVectorProduct, HessianOperator, denseMatrix, denseOperator } from "../../lib/core/hessian/hvp";
import { SmoothLoss } from "../../lib/core/hessian/loss";
import { tinyNeuralOde, matVec, relErr } from "../helpers/analysis-fixtures";

/** Dense Hessian from 4-point second differences of loss values, Richardson-extrapolated (error O(h⁴)). */
function fdHessianFromValues(loss: SmoothLoss, theta: Float64Array, h: number): Float64Array {
  const n = theta.length;
  const x = Float64Array.from(theta);
  const at = (i: number, j: number, si: number, sj: number, step: number) => {
    x.set(theta);
    x[i] += si * step;
    x[j] += sj * step;
    return loss.value(x);
  };
  const second = (i: number, j: number, step: number) =>
    (at(i, j, 1, 1, step) - at(i, j, 1, -1, step) - at(i, j, -1, 1, step) + at(i, j, -1, -1, step)) / (4 * step * step);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = (4 * second(i, j, h) - second(i, j, 2 * h)) / 3;
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}

for (const k of [0, 0.8]) {
  test(`HVPs equal a dense finite-difference Hessian to ≤ 1e-6 relative (tiny NeuralODE, k = ${k})`, () => {
    const { loss, theta } = tinyNeuralOde(k);
    assert.equal(loss.n, 22);
    const ref = fdHessianFromValues(loss, theta, 1e-3);
    // The reference itself: two step sizes agree far below the tolerance under test.
    const ref2 = fdHessianFromValues(loss, theta, 5e-4);
    assert.ok(relErr(ref2, ref) < 1e-8, `reference self-consistency ${relErr(ref2, ref)}`);
    const rng = new Rng(5);
    for (const scheme of ["richardson", "central"] as const) {
      let worst = 0;
      for (let r = 0; r < 4; r++) {
        const v = normalVector(rng, loss.n);
        worst = Math.max(worst, relErr(hessianVectorProduct(loss, theta, v, { scheme }), matVec(ref, v)));
      }
      // Measured: ≤ 1.3e-9 for both schemes (the reference's own accuracy); the issue asks for ≤ 1e-6.
      assert.ok(worst < 1e-6, `${scheme}: worst relative error ${worst}`);
      assert.ok(worst < 1e-8, `${scheme}: worst relative error ${worst} (expected ~1e-9)`);
    }
    // Column by column from HVPs: the whole matrix agrees too.
    const built = denseMatrix(new HessianOperator(loss, theta));
    assert.ok(relErr(built, ref) < 1e-8, `dense from HVPs vs dense from values: ${relErr(built, ref)}`);
  });
}

test("the frozen loss replays the reference solve exactly; its gradient matches differences of its values", () => {
  const { loss, theta } = tinyNeuralOde(0.8);
  assert.ok(loss.steps !== null && loss.steps.length > 3);
  assert.equal(loss.value(theta), loss.referenceValue);
  assert.equal(loss.adaptiveValue(theta), loss.referenceValue);
  const g = loss.gradient(theta);
  assert.equal(g.value, loss.referenceValue);
  const v = normalVector(new Rng(2), loss.n);
  const h = 1e-6;
  const xp = theta.map((x, i) => x + h * v[i]);
  const xm = theta.map((x, i) => x - h * v[i]);
  const fd = (loss.value(xp) - loss.value(xm)) / (2 * h);
  const dir = g.gradient.reduce((s, gi, i) => s + gi * v[i], 0);
  assert.ok(Math.abs(fd - dir) / Math.abs(dir) < 1e-7, `directional derivative ${dir} vs ${fd}`);
  // A solve that fails (here: too few steps allowed) is +∞ for landscapes, not an exception.
  assert.equal(loss.adaptiveValue(theta, 2), Infinity);
  // Refreezing elsewhere picks a new step sequence.
  const moved = loss.at(theta.map((x) => x * 1.5));
  assert.notDeepEqual(moved.steps, loss.steps);
});

test("HVP scaling, zero vector and input errors", () => {
  const { loss, theta } = tinyNeuralOde(0);
  const v = normalVector(new Rng(9), loss.n);
  const hv = hessianVectorProduct(loss, theta, v);
  const h2v = hessianVectorProduct(loss, theta, v.map((x) => 2 * x));
  assert.ok(relErr(h2v, hv.map((x) => 2 * x)) < 1e-14);
  assert.deepEqual(Array.from(hessianVectorProduct(loss, theta, new Float64Array(loss.n))), new Array(loss.n).fill(0));
  assert.throws(() => hessianVectorProduct(loss, theta, new Float64Array(3)), /v must have length 22, got 3/);
  assert.throws(() => hessianVectorProduct(loss, theta, v, { scheme: "forward" as never }), /scheme: expected "central" or "richardson", got "forward"/);
  assert.throws(() => hessianVectorProduct(loss, theta, v, { relStep: -1 }), /relStep: expected a finite number > 0/);
  assert.throws(() => loss.at(new Float64Array(5)), /reference θ must have length 22/);
  assert.throws(() => denseOperator([[1, 2], [3]]), /row 1 has 1 entries, expected 2/);
});
