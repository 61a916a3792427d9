import { test } from "node:test";
import assert from "node:assert/strict";
import { assembleKernels } from "../../tools/build-wasm";
import { KERNELS_WASM_BASE64 } from "../../lib/core/nn/kernels-wasm";
import { createKernels, decodeBase64, useKernelBackend } from "../../lib/core/nn/kernels";
import { MLP } from "../../lib/core/nn/mlp";
import { Rng } from "../../lib/core/random/rng";
import { ActivationName } from "../../lib/core/nn/activations";
import { perLayerMlp } from "../helpers/mlp-per-layer";

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

const ACTIVATION_NAMES: ActivationName[] = ["gelu", "tanh", "relu", "softplus", "identity"];
// The paper's networks, the bench's, and odd shapes that exercise every tail of the kernels.
const SHAPES = [[2, 32, 2], [2, 20, 20, 2], [4, 50, 50, 4], [4, 50, 50, 2], [3, 50, 50, 3], [2, 64, 64, 2], [1, 1], [3, 7, 5, 2], [5, 13, 1], [6, 3, 11, 7, 4]];
const SPECIAL = [0, -0, 1, -1, 1e-300, 5e-324, 1e300, -1e300, Infinity, -Infinity, NaN, 22, -22, 0.84375, 1.25, 6, -6, 709.8, -745.2, 3.725290298461914e-9];

/** Mostly ordinary values over many scales, with a few special ones (zeros, infinities, NaN, branch edges). */
function drawer(rng: Rng): () => number {
  return () => {
    const u = rng.uniform();
    if (u < 0.02) return SPECIAL[Math.floor(rng.uniform() * SPECIAL.length)];
    if (u < 0.1) return rng.normal() * 30;
    return rng.normal() * Math.exp(rng.normal());
  };
}

function sameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}[${i}]: ${actual[i]} !== ${expected[i]}`);
  }
}

function withBackend<T>(backend: "wasm-simd" | "js", make: () => T): T {
  useKernelBackend(backend);
  try {
    return make();
  } finally {
    useKernelBackend(null);
  }
}

for (const backend of ["wasm-simd", "js"] as const) {
  test(`the fused network kernels (${backend}) give the per-layer code's bits: every activation, the paper's widths, forward, xBar and θ-gradient`, () => {
    const rng = new Rng(7);
    const draw = drawer(rng);
    let compared = 0;
    for (const activation of ACTIVATION_NAMES) {
      for (const widths of SHAPES) {
        const net = withBackend(backend, () => new MLP(widths, activation));
        const theta = net.init(rng);
        if (rng.uniform() < 0.5) theta.forEach((v, i) => (theta[i] = 3 * v));
        const oracle = perLayerMlp(widths, activation, theta, "js");
        const n0 = net.inputDim, nL = net.outputDim;
        const rows = 60;
        const x = new Float64Array(rows * n0).map(draw);
        const bar = new Float64Array(rows * nL).map(() => (rng.uniform() < 0.1 ? 0 : draw()));
        const expOut = new Float64Array(rows * nL), out = new Float64Array(rows * nL);
        const expXBar = new Float64Array(rows * n0), xBar = new Float64Array(rows * n0);
        const expGrad = new Float64Array(net.nParams), grad = new Float64Array(net.nParams);
        for (let r = 0; r < rows; r++) {
          oracle.forward(x.subarray(r * n0), expOut.subarray(r * nL));
          net.forward(x, theta, out.subarray(r * nL), r * n0);
          oracle.vjp(x.subarray(r * n0), bar.subarray(r * nL), expXBar.subarray(r * n0), expGrad);
          net.vjp(x, theta, bar.subarray(r * nL), xBar, grad, r * n0, r * n0);
        }
        const what = `${activation} [${widths}]`;
        sameBits(out, expOut, `${what} forward`);
        sameBits(xBar, expXBar, `${what} xBar`);
        sameBits(grad, expGrad, `${what} θ-gradient`);
        compared += out.length + xBar.length + grad.length;
      }
    }
    assert.ok(compared > 50_000, `compared ${compared} numbers`);
  });
}

test("the per-layer oracle itself gives the same bits on both backends' layer kernels", () => {
  const rng = new Rng(8);
  const draw = drawer(rng);
  for (const activation of ACTIVATION_NAMES) {
    const widths = [3, 7, 5, 2];
    const theta = new MLP(widths, activation).init(rng);
    const [a, b] = [perLayerMlp(widths, activation, theta, "wasm-simd"), perLayerMlp(widths, activation, theta, "js")];
    const results = [a, b].map(() => ({ out: new Float64Array(2), xBar: new Float64Array(3), grad: new Float64Array(theta.length) }));
    for (let r = 0; r < 50; r++) {
      const x = new Float64Array(3).map(draw);
      const bar = new Float64Array(2).map(draw);
      [a, b].forEach((m, k) => {
        m.forward(x, results[k].out);
        m.vjp(x, bar, results[k].xBar, results[k].grad);
      });
      sameBits(results[1].out, results[0].out, `${activation} forward`);
    }
    sameBits(results[1].xBar, results[0].xBar, `${activation} xBar`);
    sameBits(results[1].grad, results[0].grad, `${activation} θ-gradient`);
  }
});

for (const backend of ["wasm-simd", "js"] as const) {
  test(`forwardBatch and vjpBatch (${backend}) give each row forward()'s and vjp()'s bits, θ-gradients summed row after row`, () => {
    const rng = new Rng(9);
    const draw = drawer(rng);
    for (const activation of ACTIVATION_NAMES) {
      for (const widths of [[2, 32, 2], [3, 50, 50, 3], [5, 13, 1], [6, 3, 11, 7, 4]]) {
        const [single, batched] = withBackend(backend, () => [new MLP(widths, activation), new MLP(widths, activation)]);
        const theta = single.init(rng);
        const n0 = single.inputDim, nL = single.outputDim;
        // Growing, shrinking, odd and even batches: the buffers are re-laid out as the batch grows.
        for (const batch of [1, 2, 3, 40, 5, 9, 64, 8]) {
          const x = new Float64Array(batch * n0).map(draw);
          const bar = new Float64Array(batch * nL).map(() => (rng.uniform() < 0.1 ? 0 : draw()));
          const expOut = new Float64Array(batch * nL), out = new Float64Array(batch * nL);
          const start = new Float64Array(batch * n0).map(draw);
          const expXBar = start.slice(), xBar = start.slice();
          const gradStart = new Float64Array(single.nParams).map(draw);
          const expGrad = gradStart.slice(), grad = gradStart.slice();
          single.begin(theta);
          for (let r = 0; r < batch; r++) {
            single.forward(x, theta, expOut.subarray(r * nL), r * n0);
            single.vjp(x, theta, bar.subarray(r * nL), expXBar, expGrad, r * n0, r * n0);
          }
          single.end();
          batched.forwardBatch(x, theta, out, batch);
          batched.begin(theta);
          batched.vjpBatch(x, theta, bar, xBar, grad, batch);
          batched.end();
          const what = `${activation} [${widths}] batch ${batch}`;
          sameBits(out, expOut, `${what} forward`);
          sameBits(xBar, expXBar, `${what} xBar`);
          sameBits(grad, expGrad, `${what} θ-gradient`);
          // Without a θ-gradient, and outside a bracket: the same xBar.
          const xBarOnly = start.slice();
          batched.vjpBatch(x, theta, bar, xBarOnly, null, batch);
          sameBits(xBarOnly, expXBar, `${what} xBar without θ-gradient`);
        }
      }
    }
  });
}

test("forwardBatch and vjpBatch on the JavaScript kernels match the SIMD kernels bit for bit", () => {
  const rng = new Rng(10);
  const draw = drawer(rng);
  for (const activation of ACTIVATION_NAMES) {
    const widths = [4, 50, 50, 4];
    const batch = 13;
    const x = new Float64Array(batch * 4).map(draw);
    const bar = new Float64Array(batch * 4).map(draw);
    const run = (backend: "wasm-simd" | "js") => {
      const net = withBackend(backend, () => new MLP(widths, activation));
      const theta = net.init(new Rng(11));
      const out = new Float64Array(batch * 4), xBar = new Float64Array(batch * 4), grad = new Float64Array(net.nParams);
      net.forwardBatch(x, theta, out, batch);
      net.vjpBatch(x, theta, bar, xBar, grad, batch);
      return Float64Array.from([...out, ...xBar, ...grad]);
    };
    sameBits(run("js"), run("wasm-simd"), activation);
  }
});

test("batched calls reject a bad batch or short arrays with a message naming the field", () => {
  const net = new MLP([2, 8, 3], "tanh");
  const theta = net.init(new Rng(12));
  const x = new Float64Array(8);
  assert.throws(() => net.forwardBatch(x, theta, new Float64Array(12), 0), /MLP batch: expected a positive integer, got 0/);
  assert.throws(() => net.forwardBatch(x, theta, new Float64Array(12), 5), /MLP batch: x must hold batch × 2 = 10 values, got 8/);
  assert.throws(() => net.forwardBatch(x, theta, new Float64Array(11), 4), /MLP batch: out must hold batch × 3 = 12 values, got 11/);
  assert.throws(() => net.vjpBatch(x, theta, new Float64Array(12), new Float64Array(7), null, 4), /MLP vjpBatch: xBar must hold batch × 2 = 8 values, got 7/);
});

/** The next double above (step 1) or below (step −1) x, through its bits. */
function nextDouble(x: number, step: 1 | -1): number {
  if (x === 0) return step * 5e-324;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigInt64(0, view.getBigInt64(0) + BigInt(x > 0 ? step : -step));
  return view.getFloat64(0);
}

const GELU_INV_SQRT2 = 1 / Math.SQRT2; // activations.ts's: GELU takes erf(z / √2)
// erf's branch edges in its argument: 2^-1022-ish (VERY_TINY), 2^-28, 0.84375, 1.25, 1/0.35, 6.
const ERF_EDGES = [2.848094538889218e-306, 2 ** -28, 0.84375, 1.25, 2.857142857142857, 6];

/** Pre-activations z whose erf arguments z/√2 straddle every branch edge, plus specials and many scales. */
function erfBranchInputs(rng: Rng): number[] {
  const zs: number[] = [];
  for (const edge of ERF_EDGES) {
    for (const sign of [1, -1]) {
      let up = sign * edge * Math.SQRT2;
      let down = up;
      zs.push(up);
      for (let k = 0; k < 12; k++) zs.push((up = nextDouble(up, 1)), (down = nextDouble(down, -1)));
    }
  }
  zs.push(0, 5e-324, -5e-324, 1e-310, -2.2e-308, NaN, Infinity, -Infinity, 1e300, -1e300, Number.MAX_VALUE, 6e10, -37.7, 37.7);
  for (let i = 0; i < 400; i++) zs.push((rng.uniform() < 0.5 ? -1 : 1) * 10 ** rng.uniformRange(-3, 3));
  // Dense in each polynomial branch, where a wrong last bit deep in a rational shows only now and then.
  for (const [lo, hi] of [[0, 0.84375], [0.84375, 1.25], [1.25, 2.857142857142857], [2.857142857142857, 6]]) {
    for (let i = 0; i < 500; i++) zs.push((rng.uniform() < 0.5 ? -1 : 1) * Math.SQRT2 * rng.uniformRange(lo, hi));
  }
  for (let i = zs.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [zs[i], zs[j]] = [zs[j], zs[i]];
  }
  return zs;
}

test("the two-lane GELU/erf gives the scalar erf's bits on every branch and at every branch edge (forward, xBar, θ-gradient)", () => {
  const rng = new Rng(13);
  const zs = erfBranchInputs(rng);
  const n = zs.length;
  const us = zs.map((z) => z * GELU_INV_SQRT2);
  for (const edge of ERF_EDGES) {
    for (const sign of [1, -1]) {
      const a = us.map((u) => sign * u);
      assert.ok(a.some((u) => u < edge) && a.some((u) => u >= edge) && a.some((u) => u === edge || (u > edge && nextDouble(u, -1) < edge)), `straddles ${sign * edge}`);
    }
  }
  const inBranch = (lo: number, hi: number) => us.filter((u) => Math.abs(u) >= lo && Math.abs(u) < hi).length;
  for (const [lo, hi] of [[2 ** -28, 0.84375], [0.84375, 1.25], [1.25, 2.857142857142857], [2.857142857142857, 6]]) {
    assert.ok(inBranch(lo, hi) >= 20, `${inBranch(lo, hi)} arguments in [${lo}, ${hi})`);
  }
  // [1, n, 1] with W1 = z, b1 = 0, W2 = 1, b2 = 0: at x = ±1 the hidden pre-activations are ±z, and the
  // θ-gradient holds each unit's GELU (∂/∂W2), and its derivative, which reads the kept erf (∂/∂b1).
  const widths = [1, n, 1];
  const theta = new Float64Array(3 * n + 1);
  zs.forEach((z, i) => ((theta[i] = z), (theta[2 * n + i] = 1)));
  const net = withBackend("wasm-simd", () => new MLP(widths, "gelu"));
  const oracle = perLayerMlp(widths, "gelu", theta, "js");
  for (const x of [1, -1, 0.75]) {
    const input = Float64Array.of(x);
    const bar = Float64Array.of(1);
    const out = new Float64Array(1), expOut = new Float64Array(1);
    const xBar = new Float64Array(1), expXBar = new Float64Array(1);
    const grad = new Float64Array(theta.length), expGrad = new Float64Array(theta.length);
    net.forward(input, theta, out);
    oracle.forward(input, expOut);
    net.vjp(input, theta, bar, xBar, grad);
    oracle.vjp(input, bar, expXBar, expGrad);
    sameBits(out, expOut, `x = ${x} forward`);
    sameBits(xBar, expXBar, `x = ${x} xBar`);
    sameBits(grad, expGrad, `x = ${x} θ-gradient`);
  }
  // Batched: the values of all rows are paired across rows.
  const batch = 5;
  const xs = Float64Array.of(1, -1, 0.75, -3, 1e-3);
  const bars = Float64Array.of(1, 0.5, -2, 1, 3);
  const results = (["wasm-simd", "js"] as const).map((backend) => {
    const m = withBackend(backend, () => new MLP(widths, "gelu"));
    const out = new Float64Array(batch), xBar = new Float64Array(batch), grad = new Float64Array(theta.length);
    m.forwardBatch(xs, theta, out, batch);
    m.vjpBatch(xs, theta, bars, xBar, grad, batch);
    return Float64Array.from([...out, ...xBar, ...grad]);
  });
  sameBits(results[0], results[1], "batched forward, xBar and θ-gradient");
});
