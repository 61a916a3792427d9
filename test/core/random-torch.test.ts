/** The PyTorch-compatible generator against values PyTorch prints (documented in tutorials and PyTorch's own docs). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { TorchGenerator } from "../../lib/core/random/torch";
import { MLP } from "../../lib/core/nn/mlp";

const round4 = (xs: ArrayLike<number>) => Array.from(xs, (v) => Math.round(v * 1e4) / 1e4);

test("MT19937 core: the reference first output for seed 5489", () => {
  assert.equal(new TorchGenerator(5489).nextUint32(), 3499211612);
});

test("torch.manual_seed(0); torch.rand(2) = [0.4963, 0.7682]; seed 42: rand(5) = [0.8823, 0.9150, 0.3829, 0.9593, 0.3904]", () => {
  const g = new TorchGenerator(0);
  assert.deepEqual(round4([g.uniformFloat32(), g.uniformFloat32()]), [0.4963, 0.7682]);
  const h = new TorchGenerator(42);
  assert.deepEqual(round4(Array.from({ length: 5 }, () => h.uniformFloat32())), [0.8823, 0.915, 0.3829, 0.9593, 0.3904]);
});

test("torch.randn below 16 elements (double Box–Muller): seed 0 → [1.5410, −0.2934, −2.1788]; seed 42, (2, 3)", () => {
  assert.deepEqual(round4(new TorchGenerator(0).randnFloat32(3)), [1.541, -0.2934, -2.1788]);
  assert.deepEqual(round4(new TorchGenerator(42).randnFloat32(6)), [0.3367, 0.1288, 0.2345, 0.2303, -1.1229, -0.1863]);
});

test("torch.randn with 16 elements (normal_fill): seed 0, randn(4, 4)", () => {
  assert.deepEqual(round4(new TorchGenerator(0).randnFloat32(16)), [
    -1.1258, -1.1524, -0.2506, -0.4339, 0.8487, 0.692, -0.316, -2.1152, 0.3223, -1.2633, 0.35, 0.3081, 0.1198, 1.2377, 1.1168, -0.2473,
  ]);
});

test("sizes that are not a multiple of 16 redraw the last 16 values", () => {
  const a = new TorchGenerator(0).randnFloat32(20);
  assert.deepEqual(round4(a.subarray(0, 4)), [-1.1258, -1.1524, -0.2506, -0.4339]);
  assert.notDeepEqual(round4(a.subarray(4, 8)), [0.8487, 0.692, -0.316, -2.1152]);
});

test("MLP init with a TorchGenerator gives float32 values within PyTorch's bounds", () => {
  const net = new MLP([2, 32, 2]);
  const theta = net.init(new TorchGenerator(10));
  for (let i = 0; i < theta.length; i++) assert.equal(theta[i], Math.fround(theta[i]));
  const w1 = theta.subarray(0, 64);
  assert.ok(w1.every((w) => Math.abs(w) <= 1 / Math.SQRT2 + 1e-7));
  const w2 = theta.subarray(96, 160);
  assert.ok(w2.every((w) => Math.abs(w) <= 1 / Math.sqrt(32) + 1e-7));
});
