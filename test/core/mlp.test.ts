import { test } from "node:test";
import assert from "node:assert/strict";
import { MLP } from "../../lib/core/nn/mlp";
import { erf } from "../../lib/core/nn/erf";
import { ACTIVATIONS, ActivationName } from "../../lib/core/nn/activations";
import { Rng } from "../../lib/core/random/rng";
import { fdGradient, relError } from "../helpers/helpers";

test("erf matches reference values to 1e-15", () => {
  // Values from Abramowitz & Stegun / mpmath (erf(x) to 17 significant digits).
  const ref: [number, number][] = [
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [1.5, 0.9661051464753108],
    [2, 0.9953222650189527],
    [3, 0.9999779095030014],
    [-0.7, -0.6778011938374184],
  ];
  for (const [x, y] of ref) assert.ok(Math.abs(erf(x) - y) < 1e-15, `erf(${x}) = ${erf(x)}, expected ${y}`);
});

test("activation derivatives agree with central differences", () => {
  for (const act of Object.values(ACTIVATIONS)) {
    for (const x of [-2.3, -0.4, 0.3, 1.7]) {
      const h = 1e-6;
      assert.ok(Math.abs(act.df(x) - (act.f(x + h) - act.f(x - h)) / (2 * h)) < 1e-8, `${act.name}' at ${x}`);
    }
  }
});

test("the layer loops the MLP runs equal f and df elementwise, bit for bit", () => {
  const xs = [-2.3, -0.4, 0, 0.3, 1.7];
  const n = xs.length;
  for (const act of Object.values(ACTIVATIONS)) {
    // Kernel-memory layout: z at 1, f(z) at 1 + n, the adjoint at 1 + 2n (offsets as the MLP uses them).
    const mem = new Float64Array(1 + 3 * n);
    mem.set(xs, 1);
    act.forward(mem, 1, 1 + n, n);
    assert.deepEqual(Array.from(mem.subarray(1 + n, 1 + 2 * n)), xs.map((x) => act.f(x)), act.name);
    mem.fill(1.5, 1 + 2 * n);
    act.backward(mem, 1, 1 + n, 1 + 2 * n, n);
    assert.deepEqual(Array.from(mem.subarray(1 + 2 * n)), xs.map((x) => 1.5 * act.df(x)), act.name);
  }
});

test("parameter count and PyTorch default initialisation bounds", () => {
  const net = new MLP([2, 32, 2], "gelu");
  assert.equal(net.nParams, 2 * 32 + 32 + 32 * 2 + 2); // 162, the paper's LV black-box
  assert.equal(new MLP([4, 50, 50, 4]).nParams, 4 * 50 + 50 + 50 * 50 + 50 + 50 * 4 + 4);
  const theta = new MLP([3, 50, 50, 3]).init(new Rng(10));
  const big = new MLP([3, 50, 50, 3]);
  // Layer 2 weights: uniform in ±1/√50; their extremes should come close to the bound.
  const w = theta.subarray(big.layers[1].wOffset, big.layers[1].bOffset);
  const bound = 1 / Math.sqrt(50);
  const maxAbs = Math.max(...Array.from(w, Math.abs));
  assert.ok(maxAbs <= bound && maxAbs > 0.99 * bound, `max |w| = ${maxAbs}, bound ${bound}`);
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  assert.ok(Math.abs(mean) < 0.01, `mean weight ${mean}`);
});

for (const activation of ["gelu", "tanh", "softplus", "relu"] as ActivationName[]) {
  test(`MLP vjp (${activation}) agrees with central differences in x and θ`, () => {
    const rng = new Rng(5);
    const net = new MLP([3, 7, 5, 2], activation);
    const theta = net.init(rng);
    const x = Float64Array.from([0.3, -0.8, 1.1]);
    const w = Float64Array.from([0.7, -1.3]);
    const out = new Float64Array(2);
    const f = (xx: Float64Array, th: Float64Array) => {
      net.forward(xx, th, out);
      return w[0] * out[0] + w[1] * out[1];
    };
    const xBar = new Float64Array(3);
    const thBar = new Float64Array(net.nParams);
    net.vjp(x, theta, w, xBar, thBar);
    assert.ok(relError(xBar, fdGradient((xx) => f(xx, theta), x)) < 1e-8);
    assert.ok(relError(thBar, fdGradient((th) => f(x, th), theta)) < 1e-8);
  });
}

test("bad widths are rejected with a message naming the field", () => {
  assert.throws(() => new MLP([2]), /MLP widths: expected at least two positive integers/);
  assert.throws(() => new MLP([2, 0, 2]), /MLP widths/);
  assert.throws(() => new MLP([2, 4, 2], "swish" as ActivationName), /activation: expected one of/);
});

test("MLP vjpBatch agrees with central differences in every row's x and in θ (summed over the batch)", () => {
  const rng = new Rng(6);
  const net = new MLP([3, 7, 5, 2], "gelu");
  const theta = net.init(rng);
  const batch = 5;
  const x = Float64Array.from({ length: batch * 3 }, () => rng.normal());
  const w = Float64Array.from({ length: batch * 2 }, () => rng.normal());
  const out = new Float64Array(batch * 2);
  const f = (xx: Float64Array, th: Float64Array) => {
    net.forwardBatch(xx, th, out, batch);
    return out.reduce((s, v, i) => s + w[i] * v, 0);
  };
  const xBar = new Float64Array(batch * 3);
  const thBar = new Float64Array(net.nParams);
  net.vjpBatch(x, theta, w, xBar, thBar, batch);
  assert.ok(relError(xBar, fdGradient((xx) => f(xx, theta), x)) < 1e-8);
  assert.ok(relError(thBar, fdGradient((th) => f(x, th), theta)) < 1e-8);
});
