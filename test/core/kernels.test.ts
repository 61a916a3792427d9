import { test } from "node:test";
import assert from "node:assert/strict";
import { assembleKernels } from "../../tools/build-wasm";
import { KERNELS_WASM_BASE64 } from "../../lib/core/nn/kernels-wasm";
import { createKernels } from "../../lib/core/nn/kernels";
import { MLP } from "../../lib/core/nn/mlp";
import { Rng } from "../../lib/core/random/rng";

test("the embedded WebAssembly is kernels.wat assembled (no drift; run `npm run build:wasm` after editing)", async () => {
  const fresh = Buffer.from(await assembleKernels()).toString("base64");
  assert.equal(KERNELS_WASM_BASE64, fresh);
});

test("kernels compute W x + b, Wᵀ δ and δ xᵀ exactly as plain loops, for odd and even sizes", () => {
  const rng = new Rng(1);
  for (const [nIn, nOut] of [[1, 1], [2, 3], [5, 7], [8, 4], [13, 9]]) {
    const k = createKernels(4096);
    const m = k.f64;
    const W = 0, B = 512, X = 600, Z = 700, GW = 1000, GB = 1500, D = 1600, IB = 1700;
    for (let i = 0; i < 2048; i++) m[i] = rng.normal();
    m.fill(0, GW, GW + nIn * nOut);
    m.fill(0, GB, GB + nOut);
    k.affine(W * 8, B * 8, X * 8, Z * 8, nIn, nOut);
    for (let i = 0; i < nOut; i++) {
      let s = m[B + i];
      for (let j = 0; j < nIn; j++) s += m[W + i * nIn + j] * m[X + j];
      assert.ok(Math.abs(m[Z + i] - s) < 1e-13, `affine ${nIn}×${nOut} row ${i}`);
    }
    k.backAffine(W * 8, GW * 8, GB * 8, D * 8, X * 8, IB * 8, nIn, nOut, 1);
    for (let j = 0; j < nIn; j++) {
      let s = 0;
      for (let i = 0; i < nOut; i++) s += m[W + i * nIn + j] * m[D + i];
      assert.ok(Math.abs(m[IB + j] - s) < 1e-13, `Wᵀδ ${nIn}×${nOut} col ${j}`);
    }
    for (let i = 0; i < nOut; i++) {
      assert.ok(Math.abs(m[GB + i] - m[D + i]) < 1e-15);
      for (let j = 0; j < nIn; j++) assert.ok(Math.abs(m[GW + i * nIn + j] - m[D + i] * m[X + j]) < 1e-13);
    }
  }
});

test("θ-gradients are the same inside a begin()/end() bracket (deferred) and outside it (direct)", () => {
  const net = new MLP([3, 6, 2], "gelu");
  const theta = net.init(new Rng(2));
  const xs = [Float64Array.from([0.1, -0.3, 0.8]), Float64Array.from([1.2, 0.4, -0.5])];
  const bar = Float64Array.from([0.3, -0.7]);
  const direct = new Float64Array(net.nParams);
  for (const x of xs) net.vjp(x, theta, bar, null, direct);
  const deferred = new Float64Array(net.nParams);
  net.begin(theta);
  for (const x of xs) net.vjp(x, theta, bar, null, deferred);
  assert.ok(deferred.every((v) => v === 0), "nothing is written before end()");
  net.end();
  assert.deepEqual(Array.from(deferred), Array.from(direct));
});
