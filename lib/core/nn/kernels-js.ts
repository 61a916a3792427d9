/**
 * The dense-layer kernels of kernels.wat in plain JavaScript, for engines without WebAssembly
 * SIMD. Each sum is taken in the SIMD kernel's order (four partial sums over j mod 4, merged as
 * the two f64x2 accumulators are), so both give the same bits and a run does not depend on
 * which one the engine could load.
 */
import type { KernelInstance } from "./kernel-instance";

export function createJsKernels(doubles: number): KernelInstance {
  const m = new Float64Array(doubles);
  return {
    f64: m,
    affine(w, b, x, z, nIn, nOut) {
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
    },
    backAffine(w, gw, gb, delta, x, inBar, nIn, nOut, grad) {
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
    },
  };
}
