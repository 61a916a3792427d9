/**
 * The network description the fused kernels read at byte 0 of their memory: the number of layers,
 * then one record of thirteen int32 per layer (widths, activation code and the byte offsets of its
 * parameters, gradient accumulators and buffers). kernels.as.ts reads the same layout.
 */
import type { ActivationName } from "./activations";

/** Byte offset of layer 0's record; a record's size in bytes. */
export const LAYERS_AT = 16;
export const RECORD_BYTES = 52;

/** Activation codes, by name and by code (the order kernels.as.ts numbers them in). */
export const ACTIVATION_BY_CODE: readonly ActivationName[] = ["identity", "tanh", "gelu", "relu", "softplus"];

/** One layer's record. Pointers are byte offsets; buffers hold `batch` rows one after another. */
export interface LayerRecord {
  nIn: number;
  nOut: number;
  /** Weights (nOut × nIn, row-major) and biases. */
  w: number;
  b: number;
  /** Their gradient accumulators. */
  gw: number;
  gb: number;
  /** Input activations (batch × nIn), pre-activations z (batch × nOut), f(z) (= z for the output layer). */
  input: number;
  z: number;
  out: number;
  /** Adjoints of the input and of the output. */
  barIn: number;
  barOut: number;
  /** Code of the activation applied to z (identity for the output layer). */
  act: number;
  /** batch × nOut scratch where the WebAssembly vjp keeps the erf (gelu) or exp (softplus) of its forward pass. */
  keep: number;
}

const FIELDS: readonly (keyof LayerRecord)[] = ["nIn", "nOut", "w", "b", "gw", "gb", "input", "z", "out", "barIn", "barOut", "act", "keep"];

/** Bytes the description of `nLayers` layers takes (a multiple of 16). */
export function descriptionBytes(nLayers: number): number {
  const bytes = LAYERS_AT + nLayers * RECORD_BYTES;
  return Math.ceil(bytes / 16) * 16;
}

export function writeNetwork(i32: Int32Array, layers: readonly LayerRecord[]): void {
  i32[0] = layers.length;
  layers.forEach((layer, l) => {
    const at = (LAYERS_AT + l * RECORD_BYTES) >> 2;
    FIELDS.forEach((f, k) => (i32[at + k] = layer[f]));
  });
}

export function readNetwork(i32: Int32Array): LayerRecord[] {
  const layers: LayerRecord[] = [];
  for (let l = 0; l < i32[0]; l++) {
    const at = (LAYERS_AT + l * RECORD_BYTES) >> 2;
    const layer = {} as LayerRecord;
    FIELDS.forEach((f, k) => (layer[f] = i32[at + k]));
    layers.push(layer);
  }
  return layers;
}
