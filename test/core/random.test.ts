import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng, normalVector } from "../../lib/core/random/rng";

test("equal seeds give equal streams, different seeds differ", () => {
  const a = new Rng(10);
  const b = new Rng(10);
  const c = new Rng(20);
  const xa = Array.from({ length: 100 }, () => a.uniform());
  const xb = Array.from({ length: 100 }, () => b.uniform());
  const xc = Array.from({ length: 100 }, () => c.uniform());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
});

test("uniform draws lie in [0, 1) with mean 1/2 and variance 1/12", () => {
  const rng = new Rng(1);
  const n = 200000;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    assert.ok(u >= 0 && u < 1);
    s += u;
    s2 += u * u;
  }
  const mean = s / n;
  const variance = s2 / n - mean * mean;
  // 5 standard errors: sd(u) = 0.2887, so s.e. of the mean = 6.5e-4.
  assert.ok(Math.abs(mean - 0.5) < 5 * 0.2887 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 2e-3, `variance ${variance}`);
});

test("normal draws have mean 0, variance 1 and the right tail mass", () => {
  const x = normalVector(new Rng(2), 200000);
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const beyond2 = x.filter((v) => Math.abs(v) > 2).length / n; // 0.0455 for N(0, 1)
  assert.ok(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.015, `variance ${variance}`);
  assert.ok(Math.abs(beyond2 - 0.0455) < 0.003, `P(|x| > 2) = ${beyond2}`);
});

test("fork gives a generator independent of its parent's later draws", () => {
  const parent = new Rng(3);
  const child = parent.fork();
  const p = Array.from({ length: 50 }, () => parent.uniform());
  const c = Array.from({ length: 50 }, () => child.uniform());
  assert.notDeepEqual(p, c);
  const again = new Rng(3).fork();
  assert.deepEqual(Array.from({ length: 50 }, () => again.uniform()), c);
});

test("a non-finite seed is rejected with a clear message", () => {
  assert.throws(() => new Rng(NaN), /seed: expected a finite number/);
});
