import { test } from "node:test";
import assert from "node:assert/strict";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { Rng } from "../../lib/core/random/rng";

const tNonUniform = Float64Array.from([0, 0.1, 0.35, 0.4, 0.9, 1.3, 1.36, 2.0]);

test("reproduces a linear function exactly for every α (values and derivative, inside and outside)", () => {
  const y = Float64Array.from(tNonUniform, (t) => 2 - 3 * t);
  for (const alpha of [0, 1e-4, 1e-2, 1, 100]) {
    const s = new SmoothingSpline(tNonUniform, y, 1, alpha);
    const v = new Float64Array(1);
    for (const t of [-0.3, 0, 0.2, 0.77, 1.9, 2.5]) {
      s.evaluate(t, v);
      assert.ok(Math.abs(v[0] - (2 - 3 * t)) < 1e-12, `α=${alpha} g(${t}) = ${v[0]}`);
      s.derivative(t, v);
      assert.ok(Math.abs(v[0] + 3) < 1e-11, `α=${alpha} g'(${t}) = ${v[0]}`);
    }
  }
});

test("α = 0 passes through the knots; both end second derivatives are zero", () => {
  const rng = new Rng(3);
  const y = Float64Array.from({ length: tNonUniform.length * 2 }, () => rng.normal());
  for (const alpha of [0, 0.05]) {
    const s = new SmoothingSpline(tNonUniform, y, 2, alpha);
    const v = new Float64Array(2);
    tNonUniform.forEach((t, i) => {
      s.evaluate(t, v);
      if (alpha === 0) {
        assert.ok(Math.abs(v[0] - y[2 * i]) < 1e-12 && Math.abs(v[1] - y[2 * i + 1]) < 1e-12);
      }
    });
    for (const t of [0, 2.0]) {
      s.secondDerivative(t, v);
      assert.ok(Math.abs(v[0]) < 1e-12 && Math.abs(v[1]) < 1e-12, `g''(${t}) = ${v}`);
    }
  }
});

test("hand-worked natural cubic spline through (0,0), (1,1), (2,0), (3,1)", () => {
  // Uniform h = 1: R = [[2/3, 1/6], [1/6, 2/3]], QᵀY = [−2, 2] ⇒ γ = (0, −4, 4, 0);
  // g(0.5) = 0.5 − (0.25/6)(1.5·(−4)) = 0.75, g(1.5) = 0.5, g(2.5) = 0.25,
  // g'(1) = 1 − (1/6)(−1)(2·(−4)) = −1/3 (the same from the right piece: −1 − (1/6)(4 − 8)).
  const s = new SmoothingSpline([0, 1, 2, 3], [0, 1, 0, 1], 1, 0);
  assert.deepEqual(Array.from(s.gamma).map((g) => Math.round(g * 1e12) / 1e12), [0, -4, 4, 0]);
  const v = new Float64Array(1);
  for (const [t, want] of [[0.5, 0.75], [1.5, 0.5], [2.5, 0.25]]) {
    s.evaluate(t, v);
    assert.ok(Math.abs(v[0] - want) < 1e-14, `g(${t}) = ${v[0]}`);
  }
  for (const t of [1 - 1e-12, 1 + 1e-12]) {
    s.derivative(t, v);
    assert.ok(Math.abs(v[0] + 1 / 3) < 1e-10, `g'(${t}) = ${v[0]}`);
  }
});

test("smoothing matches the dense closed form g = (I + α Q R⁻¹ Qᵀ)⁻¹ Y", () => {
  const t = Array.from(tNonUniform);
  const N = t.length;
  const rng = new Rng(4);
  const Y = Array.from({ length: N }, () => rng.normal());
  const alpha = 0.02;
  const h = t.slice(1).map((v, i) => v - t[i]);
  const M = N - 2;
  const Q = Array.from({ length: N }, () => new Array(M).fill(0));
  const R = Array.from({ length: M }, () => new Array(M).fill(0));
  for (let j = 0; j < M; j++) {
    Q[j][j] = 1 / h[j];
    Q[j + 1][j] = -1 / h[j] - 1 / h[j + 1];
    Q[j + 2][j] = 1 / h[j + 1];
    R[j][j] = (h[j] + h[j + 1]) / 3;
    if (j + 1 < M) R[j][j + 1] = R[j + 1][j] = h[j + 1] / 6;
  }
  const Rinv = invert(R);
  const K = Array.from({ length: N }, (_, a) =>
    Array.from({ length: N }, (_, b) => {
      let s = 0;
      for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) s += Q[a][i] * Rinv[i][j] * Q[b][j];
      return (a === b ? 1 : 0) + alpha * s;
    }),
  );
  const g = solveDense(K, Y);
  const spline = new SmoothingSpline(t, Y, 1, alpha);
  for (let i = 0; i < N; i++) assert.ok(Math.abs(spline.fitted[i] - g[i]) < 1e-12, `knot ${i}: ${spline.fitted[i]} vs ${g[i]}`);
});

test("derivative agrees with central differences; the end pieces extend smoothly outside the knots", () => {
  const y = Float64Array.from(tNonUniform, (t) => Math.sin(3 * t));
  const s = new SmoothingSpline(tNonUniform, y, 1, 1e-3);
  const v = new Float64Array(1);
  const p = new Float64Array(1);
  const m = new Float64Array(1);
  for (const t of [-0.2, 0.05, 0.6, 1.33, 2.0, 2.4]) {
    const h = 1e-6;
    s.derivative(t, v);
    s.evaluate(t + h, p);
    s.evaluate(t - h, m);
    assert.ok(Math.abs(v[0] - (p[0] - m[0]) / (2 * h)) < 1e-7, `g'(${t})`);
  }
});

test("bad inputs give clear errors", () => {
  assert.throws(() => new SmoothingSpline([0, 1, 1, 2], [0, 0, 0, 0], 1), /strictly increasing/);
  assert.throws(() => new SmoothingSpline([0, 1, 2], [0, 0], 1), /values must have length/);
  assert.throws(() => new SmoothingSpline([0, 1, 2], [0, 0, 0], 1, -1), /alpha must be a finite number ≥ 0/);
});

function invert(A: number[][]): number[][] {
  const n = A.length;
  return Array.from({ length: n }, (_, j) => solveDense(A, Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)))).reduce(
    (cols, col, j) => {
      col.forEach((v, i) => (cols[i][j] = v));
      return cols;
    },
    Array.from({ length: n }, () => new Array(n).fill(0)),
  );
}

/** Gaussian elimination with partial pivoting. */
function solveDense(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}
