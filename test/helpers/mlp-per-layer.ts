/**
 * The MLP's forward pass and VJP as they were before the fused kernels: one affine/backAffine
 * kernel call per layer and activations.ts's loops between them (the code mlp.ts ran). Tests use
 * it as the oracle the fused kernels must match bit for bit.
 */
import { ACTIVATIONS, ActivationName } from "../../lib/core/nn/activations";
import { createKernels, KernelBackend } from "../../lib/core/nn/kernels";

export interface PerLayerMlp {
  forward(x: Float64Array, out: Float64Array): void;
  /** xBar += outBar·∂/∂x, thetaBar += outBar·∂/∂θ (when given). */
  vjp(x: Float64Array, outBar: Float64Array, xBar: Float64Array, thetaBar: Float64Array | null): void;
}

export function perLayerMlp(widths: readonly number[], activation: ActivationName, theta: Float64Array, backend: KernelBackend): PerLayerMlp {
  const act = ACTIVATIONS[activation];
  const layers: { nIn: number; nOut: number; w: number; b: number }[] = [];
  let off = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    layers.push({ nIn: widths[l], nOut: widths[l + 1], w: off, b: off + widths[l] * widths[l + 1] });
    off += widths[l] * widths[l + 1] + widths[l + 1];
  }
  let at = 0;
  const take = (n: number) => {
    const start = at;
    at += n + (n % 2);
    return start;
  };
  const thetaAt = take(off);
  const gradAt = take(off);
  const inAt = widths.slice(0, -1).map((w) => take(w));
  const zAt = widths.slice(1).map((w) => take(w));
  const barAt = widths.map((w) => take(w));
  const k = createKernels(at, backend);
  const mem = k.f64;
  mem.set(theta, thetaAt);
  const run = (x: Float64Array) => {
    mem.set(x.subarray(0, widths[0]), inAt[0]);
    layers.forEach((layer, l) => {
      k.affine((thetaAt + layer.w) * 8, (thetaAt + layer.b) * 8, inAt[l] * 8, zAt[l] * 8, layer.nIn, layer.nOut);
      if (l < layers.length - 1) act.forward(mem, zAt[l], inAt[l + 1], layer.nOut);
    });
  };
  return {
    forward(x, out) {
      run(x);
      out.set(mem.subarray(zAt[layers.length - 1], zAt[layers.length - 1] + widths[widths.length - 1]));
    },
    vjp(x, outBar, xBar, thetaBar) {
      run(x);
      mem.fill(0, gradAt, gradAt + off);
      mem.set(outBar.subarray(0, widths[widths.length - 1]), barAt[layers.length]);
      for (let l = layers.length - 1; l >= 0; l--) {
        const layer = layers[l];
        k.backAffine((thetaAt + layer.w) * 8, (gradAt + layer.w) * 8, (gradAt + layer.b) * 8, barAt[l + 1] * 8, inAt[l] * 8, barAt[l] * 8, layer.nIn, layer.nOut, thetaBar ? 1 : 0);
        if (l > 0) act.backward(mem, zAt[l - 1], inAt[l], barAt[l], layer.nIn);
      }
      for (let j = 0; j < widths[0]; j++) xBar[j] += mem[barAt[0] + j];
      if (thetaBar) for (let i = 0; i < off; i++) thetaBar[i] += mem[gradAt + i];
    },
  };
}
