/**
 * Loads the dense-layer WebAssembly kernels (kernels.wat, SIMD float64): one compiled module,
 * one instance with its own memory per network.
 */
import { KERNELS_WASM_BASE64 } from "./kernels-wasm";

// The WebAssembly global exists in Node, but neither ES2022's lib nor @types/node declare it;
// declared here (types only) so this file compiles in tslab and under strict tsc alike.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: unknown;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}

/** Pointers are byte offsets into the instance's memory. */
export interface KernelInstance {
  /** The instance's memory as float64 (index = byte offset / 8). */
  readonly f64: Float64Array;
  affine(w: number, b: number, x: number, z: number, nIn: number, nOut: number): void;
  backAffine(w: number, gw: number, gb: number, delta: number, x: number, inBar: number, nIn: number, nOut: number, grad: number): void;
}

let compiled: WebAssembly.Module | null = null;

function kernelModule(): WebAssembly.Module {
  if (!compiled) compiled = new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, "base64"));
  return compiled;
}

/** A fresh instance whose memory holds at least `doubles` float64 values. */
export function createKernels(doubles: number): KernelInstance {
  const instance = new WebAssembly.Instance(kernelModule(), {});
  const ex = instance.exports as unknown as {
    memory: WebAssembly.Memory;
    affine: (w: number, b: number, x: number, z: number, nIn: number, nOut: number) => void;
    backAffine: (w: number, gw: number, gb: number, delta: number, x: number, inBar: number, nIn: number, nOut: number, grad: number) => void;
  };
  const bytes = doubles * 8;
  const have = ex.memory.buffer.byteLength;
  if (bytes > have) ex.memory.grow(Math.ceil((bytes - have) / 65536));
  return { f64: new Float64Array(ex.memory.buffer), affine: ex.affine, backAffine: ex.backAffine };
}
