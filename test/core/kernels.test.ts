import { test } from "node:test";
import assert from "node:assert/strict";
import { assembleKernels } from "../../tools/build-wasm";
import { KERNELS_WASM_BASE64 } from "../../lib/core/nn/kernels-wasm";
import { createKernels, decodeBase64, useKernelBackend } from "../../lib/core/nn/kernels";
import { MLP } from "../../lib/core/nn/mlp";
import { Rng } from "../../lib/core/random/rng";

test("the embedded WebAssembly is kernels.as.ts compiled (no drift; run `npm run build:wasm` after editing)", async () => {
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

test("the plain-JavaScript kernels give the SIMD kernels' bits (affine, Wᵀδ, δxᵀ; odd and even sizes)", () => {
  const rng = new Rng(3);
  for (const [nIn, nOut] of [[1, 1], [2, 3], [3, 2], [5, 7], [6, 1], [8, 4], [13, 9], [32, 2]]) {
    const wasm = createKernels(4096, "wasm-simd");
    const js = createKernels(4096, "js");
    for (let i = 0; i < 2048; i++) wasm.f64[i] = js.f64[i] = rng.normal() * Math.exp(3 * rng.normal());
    wasm.f64[1600 + 1] = js.f64[1600 + 1] = 0; // a zero δ row is skipped by both
    for (const k of [wasm, js]) {
      k.affine(0, 512 * 8, 600 * 8, 700 * 8, nIn, nOut);
      k.backAffine(0, 1000 * 8, 1500 * 8, 1600 * 8, 600 * 8, 1700 * 8, nIn, nOut, 1);
      k.backAffine(0, 1000 * 8, 1500 * 8, 1600 * 8, 600 * 8, 1800 * 8, nIn, nOut, 0);
    }
    assert.deepEqual(Array.from(js.f64.subarray(0, 2048)), Array.from(wasm.f64.subarray(0, 2048)), `${nIn}×${nOut}`);
  }
});

test("decodeBase64 gives Node's bytes (the kernel module and short tails)", () => {
  for (const text of [KERNELS_WASM_BASE64, "QQ==", "QUI=", "QUJD", ""]) {
    assert.deepEqual(Array.from(decodeBase64(text)), Array.from(Buffer.from(text, "base64")));
  }
});

test("an MLP on the JavaScript kernels matches one on the SIMD kernels bit for bit (forward and vjp)", () => {
  const xs = [Float64Array.from([0.1, -0.3, 0.8]), Float64Array.from([1.2, 0.4, -0.5])];
  const bar = Float64Array.from([0.3, -0.7]);
  const runWith = (backend: "wasm-simd" | "js") => {
    useKernelBackend(backend);
    try {
      const net = new MLP([3, 7, 5, 2], "gelu");
      const theta = net.init(new Rng(4));
      const out = new Float64Array(2);
      const uGrad = new Float64Array(3);
      const tGrad = new Float64Array(net.nParams);
      const outs: number[] = [];
      for (const x of xs) {
        net.forward(x, theta, out);
        outs.push(...out);
        net.vjp(x, theta, bar, uGrad, tGrad);
      }
      return [...outs, ...uGrad, ...tGrad];
    } finally {
      useKernelBackend(null);
    }
  };
  assert.deepEqual(runWith("js"), runWith("wasm-simd"));
});
