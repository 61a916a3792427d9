/**
 * One of our MLPs as a tfjs Sequential of Dense layers with the same weights. θ stores each
 * weight matrix out × in (PyTorch's layout); a tfjs Dense kernel is in × out, so it is transposed.
 * An affine change of units on input and output (x = (u − shift)/scale in, scale·y out) can be
 * folded into the first and last layers: exact in real arithmetic, one float32 rounding in tfjs.
 * tfjs is passed in (never imported at run time here), so this module loads without it.
 */
import type * as Tfjs from "@tensorflow/tfjs";
import { ActivationName } from "../nn/activations";
import { MLP } from "../nn/mlp";

/** One Dense layer in tfjs's layout: kernel nIn × nOut row-major, bias nOut. */
export interface DenseWeights {
  nIn: number;
  nOut: number;
  kernel: Float64Array;
  bias: Float64Array;
}

/** Units folded into the network: it sees (u − inShift)/inScale and its output is multiplied by outScale. */
export interface FoldedUnits {
  inShift: ArrayLike<number>;
  inScale: ArrayLike<number>;
  outScale: ArrayLike<number>;
}

/** tfjs's name for each of our activations. Its 'gelu' (4.22) is the exact erf form, like ours. */
export const TFJS_ACTIVATION: Record<ActivationName, "gelu" | "tanh" | "relu" | "softplus" | "linear"> = {
  gelu: "gelu",
  tanh: "tanh",
  relu: "relu",
  softplus: "softplus",
  identity: "linear",
};

/** The MLP's layers in tfjs's layout, with `units` (if given) folded into the first and last layers. */
export function mlpDenseWeights(mlp: MLP, theta: Float64Array, units?: FoldedUnits): DenseWeights[] {
  if (theta.length !== mlp.nParams) throw new RangeError(`mlpDenseWeights: theta must have length ${mlp.nParams}, got ${theta.length}`);
  const layers = mlp.layers.map(({ nIn, nOut, wOffset, bOffset }) => {
    const kernel = new Float64Array(nIn * nOut);
    for (let o = 0; o < nOut; o++) for (let i = 0; i < nIn; i++) kernel[i * nOut + o] = theta[wOffset + o * nIn + i];
    return { nIn, nOut, kernel, bias: Float64Array.from(theta.subarray(bOffset, bOffset + nOut)) };
  });
  if (!units) return layers;
  const first = layers[0];
  // W((u − s)/c) + b = (W/c)u + (b − W(s/c)).
  for (let i = 0; i < first.nIn; i++) {
    const c = units.inScale[i];
    const s = units.inShift[i];
    for (let o = 0; o < first.nOut; o++) {
      first.bias[o] -= first.kernel[i * first.nOut + o] * (s / c);
      first.kernel[i * first.nOut + o] /= c;
    }
  }
  const last = layers[layers.length - 1];
  for (let o = 0; o < last.nOut; o++) {
    const c = units.outScale[o];
    last.bias[o] *= c;
    for (let i = 0; i < last.nIn; i++) last.kernel[i * last.nOut + o] *= c;
  }
  return layers;
}

/** A tfjs Sequential of Dense layers with these weights; hidden layers use `activation`, the last is linear. */
export function tfjsSequential(tf: typeof Tfjs, layers: readonly DenseWeights[], activation: ActivationName, name = "neural_ode_rhs"): Tfjs.Sequential {
  const model = tf.sequential({ name });
  layers.forEach((layer, l) => {
    const last = l === layers.length - 1;
    model.add(
      tf.layers.dense({
        units: layer.nOut,
        activation: last ? "linear" : TFJS_ACTIVATION[activation],
        useBias: true,
        name: `dense_${l}`,
        ...(l === 0 ? { inputShape: [layer.nIn] } : {}),
      }),
    );
  });
  model.layers.forEach((dense, l) => {
    const { nIn, nOut, kernel, bias } = layers[l];
    tf.tidy(() => dense.setWeights([tf.tensor2d(Float32Array.from(kernel), [nIn, nOut]), tf.tensor1d(Float32Array.from(bias))]));
  });
  return model;
}
