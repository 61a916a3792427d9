import { test } from "node:test";
import assert from "node:assert/strict";
import { AdamW } from "../../lib/core/train/adamw";

test("two AdamW steps on L = ½‖θ‖² equal PyTorch's update worked by hand", () => {
  // θ0 = (1, −2), lr 0.1, defaults β = (0.9, 0.999), eps 1e-8, weight decay 0.01; grad = θ.
  // Step 1: θ ← θ(1 − 0.001); m = 0.1 g; v = 0.001 g²; m̂ = g, √v̂ = |g| ⇒ θ ← θ − 0.1·g/(|g| + 1e-8).
  //   θ1 = (0.999 − 0.1·1/(1+1e-8), −1.998 + 0.1·2/(2+1e-8)) = (0.899000001, −1.8980000005).
  // Step 2 (g = θ1): m = 0.09·g0 + 0.1·g1, v = 0.000999·g0² + 0.001·g1², bias corrections 0.19 and 0.001999.
  const theta = Float64Array.from([1, -2]);
  const opt = new AdamW(2, { lr: 0.1 });
  opt.step(theta, Float64Array.from(theta));
  const t1 = [0.999 - 0.1 / (1 + 1e-8), -1.998 + 0.2 / (2 + 1e-8)];
  assert.ok(Math.abs(theta[0] - t1[0]) < 1e-15 && Math.abs(theta[1] - t1[1]) < 1e-15, `after step 1: ${theta}`);
  assert.ok(Math.abs(t1[0] - 0.899000001) < 1e-12 && Math.abs(t1[1] + 1.8980000005) < 1e-12);
  opt.step(theta, Float64Array.from(theta));
  const g0 = [1, -2];
  const expected = t1.map((th, i) => {
    const g1 = th;
    const m = 0.9 * 0.1 * g0[i] + 0.1 * g1;
    const v = 0.999 * 0.001 * g0[i] ** 2 + 0.001 * g1 ** 2;
    const mHat = m / (1 - 0.9 ** 2);
    const denom = Math.sqrt(v) / Math.sqrt(1 - 0.999 ** 2) + 1e-8;
    return th * (1 - 0.1 * 0.01) - (0.1 * mHat) / denom;
  });
  // By hand to 6 digits: m̂ = (0.946842, −1.946316), √v̂ = (0.950826, 1.949637) ⇒ θ2 ≈ (0.798520, −1.796274).
  assert.ok(Math.abs(theta[0] - expected[0]) < 1e-14 && Math.abs(theta[1] - expected[1]) < 1e-14, `after step 2: ${theta} vs ${expected}`);
  assert.ok(Math.abs(theta[0] - 0.79852) < 5e-6 && Math.abs(theta[1] + 1.796274) < 5e-6, `${theta}`);
});

test("AdamW rejects a non-positive learning rate", () => {
  assert.throws(() => new AdamW(2, { lr: 0 }), /AdamW lr: expected a finite number > 0, got 0/);
});

test("AdamW noDecay: exempt parameters move by the Adam step only, the others as before", () => {
  const a = Float64Array.from([1, -2, 0.5]);
  const b = Float64Array.from([1, -2, 0.5]);
  const plain = new AdamW(3, { lr: 0.1, weightDecay: 0.5 });
  const exempt = new AdamW(3, { lr: 0.1, weightDecay: 0.5, noDecay: [1] });
  const g = Float64Array.from([0.3, -0.7, 0.2]);
  plain.step(a, g);
  exempt.step(b, g);
  assert.equal(b[0], a[0]);
  assert.equal(b[2], a[2]);
  // First Adam step: m̂/√v̂ = sign(g) (up to eps), so the exempt one moves by lr·1 without the 0.95 factor.
  assert.ok(Math.abs(b[1] - (-2 + 0.1 * 0.7 / (0.7 + 1e-8))) < 1e-15, `${b[1]}`);
  assert.ok(Math.abs(a[1] - (-2 * 0.95 + 0.1 * 0.7 / (0.7 + 1e-8))) < 1e-15, `${a[1]}`);
  assert.throws(() => new AdamW(3, { lr: 0.1, noDecay: [3] }), /noDecay: expected indices in \[0, 3\), got 3/);
});
