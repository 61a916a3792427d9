/**
 * The kernels of kernels.as.ts in plain JavaScript, for engines without WebAssembly SIMD. Each sum
 * is taken in the SIMD kernel's order (four partial sums over j mod 4, merged as the two f64x2
 * accumulators are) and the activations are activations.ts's, so both give the same bits and a run
 * does not depend on which one the engine could load.
 */
import type { KernelInstance } from "./kernel-instance";
import { ACTIVATIONS, Activation } from "./activations";
import { ACTIVATION_BY_CODE, readNetwork } from "./network-layout";

const BY_CODE: readonly Activation[] = ACTIVATION_BY_CODE.map((name) => ACTIVATIONS[name]);

function affine(m: Float64Array, w: number, b: number, x: number, z: number, nIn: number, nOut: number): void {
  w >>= 3;
  b >>= 3;
  x >>= 3;
  z >>= 3;
  const end4 = nIn & ~3;
  const end2 = nIn & ~1;
  for (let i = 0, row = w; i < nOut; i++, row += nIn) {
    // acc0 = lanes (a0, a1), acc1 = lanes (a2, a3) of the SIMD kernel.
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    let j = 0;
    for (; j < end4; j += 4) {
      a0 += m[row + j] * m[x + j];
      a1 += m[row + j + 1] * m[x + j + 1];
      a2 += m[row + j + 2] * m[x + j + 2];
      a3 += m[row + j + 3] * m[x + j + 3];
    }
    if (j < end2) {
      a0 += m[row + j] * m[x + j];
      a1 += m[row + j + 1] * m[x + j + 1];
      j += 2;
    }
    let s = (a0 + a2) + (a1 + a3);
    if (j < nIn) s += m[row + j] * m[x + j];
    m[z + i] = m[b + i] + s;
  }
}

function backAffine(m: Float64Array, w: number, gw: number, gb: number, delta: number, x: number, inBar: number, nIn: number, nOut: number, grad: number): void {
  w >>= 3;
  gw >>= 3;
  gb >>= 3;
  delta >>= 3;
  x >>= 3;
  inBar >>= 3;
  m.fill(0, inBar, inBar + nIn);
  for (let i = 0, row = w, grow = gw; i < nOut; i++, row += nIn, grow += nIn) {
    const d = m[delta + i];
    if (d === 0) continue;
    if (grad) m[gb + i] += d;
    for (let j = 0; j < nIn; j++) {
      m[inBar + j] += d * m[row + j];
      if (grad) m[grow + j] += d * m[x + j];
    }
  }
}

export function createJsKernels(doubles: number): KernelInstance {
  let f64 = new Float64Array(doubles);
  let i32 = new Int32Array(f64.buffer);
  const forward = (batch: number) => {
    for (const layer of readNetwork(i32)) {
      const { nIn, nOut } = layer;
      for (let r = 0; r < batch; r++) affine(f64, layer.w, layer.b, layer.input + 8 * r * nIn, layer.z + 8 * r * nOut, nIn, nOut);
      BY_CODE[layer.act].forward(f64, layer.z >> 3, layer.out >> 3, batch * nOut);
    }
  };
  // Row after row, so each θ-gradient element sums the rows in order, as the SIMD kernel does.
  const backward = (batch: number, grad: number) => {
    const layers = readNetwork(i32);
    for (let l = layers.length - 1; l >= 0; l--) {
      const { nIn, nOut } = layers[l];
      const layer = layers[l];
      for (let r = 0; r < batch; r++) {
        backAffine(f64, layer.w, layer.gw, layer.gb, layer.barOut + 8 * r * nOut, layer.input + 8 * r * nIn, layer.barIn + 8 * r * nIn, nIn, nOut, grad);
      }
      if (l > 0) {
        const prev = layers[l - 1];
        BY_CODE[prev.act].backward(f64, prev.z >> 3, prev.out >> 3, layer.barIn >> 3, batch * nIn);
      }
    }
  };
  return {
    get f64() {
      return f64;
    },
    get i32() {
      return i32;
    },
    reserve(n) {
      if (n <= f64.length) return;
      const grown = new Float64Array(n);
      grown.set(f64);
      f64 = grown;
      i32 = new Int32Array(f64.buffer);
    },
    affine: (w, b, x, z, nIn, nOut) => affine(f64, w, b, x, z, nIn, nOut),
    backAffine: (w, gw, gb, delta, x, inBar, nIn, nOut, grad) => backAffine(f64, w, gw, gb, delta, x, inBar, nIn, nOut, grad),
    forward,
    vjp(batch, grad) {
      forward(batch);
      backward(batch, grad);
    },
    // The JavaScript activations' derivatives need nothing beyond z and f(z): keeping is the plain forward.
    forwardKeeping: forward,
    backward,
  };
}
