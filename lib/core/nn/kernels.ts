/**
 * Loads the MLP's WebAssembly kernels (kernels.as.ts, SIMD float64): one compiled module,
 * one instance with its own memory per network. Where the engine lacks WebAssembly SIMD (some
 * browsers) the same kernels in plain JavaScript take over, with the same results.
 */
import { KERNELS_WASM_BASE64 } from "./kernels-wasm";
import { createJsKernels } from "./kernels-js";
import type { KernelInstance } from "./kernel-instance";

export type { KernelInstance };

// The WebAssembly global exists in Node, but neither ES2022's lib nor @types/node declare it;
// declared here (types only) so this file compiles in tslab and under strict tsc alike.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  function validate(bytes: Uint8Array): boolean;
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: unknown;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}

/** "wasm-simd": kernels.as.ts; "js": kernels-js.ts (same results, slower). */
export type KernelBackend = "wasm-simd" | "js";

let compiled: WebAssembly.Module | null = null;
let simd: boolean | null = null;
let chosen: KernelBackend | null = null;

/** Base64 to bytes without Node's Buffer or the DOM's atob, so this file runs in Node, tslab and browsers alike. */
export function decodeBase64(text: string): Uint8Array {
  const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let nBits = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = digits.indexOf(clean[i]);
    if (v < 0) throw new RangeError(`base64: unexpected character "${clean[i]}" at ${i}`);
    bits = (bits << 6) | v;
    nBits += 6;
    if (nBits >= 8) {
      nBits -= 8;
      out[at++] = (bits >> nBits) & 255;
    }
  }
  return out;
}

const wasmBytes = () => decodeBase64(KERNELS_WASM_BASE64);

/** Whether this engine runs WebAssembly SIMD (the kernel module validates only where it does). */
export function wasmSimdSupported(): boolean {
  if (simd === null) simd = typeof WebAssembly === "object" && WebAssembly.validate(wasmBytes());
  return simd;
}

/** The backend createKernels uses by default: the one chosen with useKernelBackend, else SIMD where the engine has it. */
export function defaultKernelBackend(): KernelBackend {
  return chosen ?? (wasmSimdSupported() ? "wasm-simd" : "js");
}

/** Make every network built from now on use this backend (null: back to automatic); e.g. to show the fallback. */
export function useKernelBackend(backend: KernelBackend | null): void {
  if (backend === "wasm-simd" && !wasmSimdSupported()) throw new RangeError("kernel backend wasm-simd: this engine has no WebAssembly SIMD; use \"js\"");
  chosen = backend;
}

function kernelModule(): WebAssembly.Module {
  if (!compiled) compiled = new WebAssembly.Module(wasmBytes());
  return compiled;
}

/** A fresh instance whose memory holds at least `doubles` float64 values. */
export function createKernels(doubles: number, backend: KernelBackend = defaultKernelBackend()): KernelInstance {
  if (backend === "js") return createJsKernels(doubles);
  const instance = new WebAssembly.Instance(kernelModule(), {});
  const ex = instance.exports as unknown as {
    memory: WebAssembly.Memory;
    affine: (w: number, b: number, x: number, z: number, nIn: number, nOut: number) => void;
    backAffine: (w: number, gw: number, gb: number, delta: number, x: number, inBar: number, nIn: number, nOut: number, grad: number) => void;
    forward: (batch: number) => void;
    vjp: (batch: number, grad: number) => void;
    forwardKeeping: (batch: number) => void;
    backward: (batch: number, grad: number) => void;
  };
  const memory = ex.memory;
  let f64 = new Float64Array(memory.buffer);
  let i32 = new Int32Array(memory.buffer);
  const reserve = (n: number) => {
    const bytes = n * 8;
    const have = memory.buffer.byteLength;
    if (bytes <= have) return;
    memory.grow(Math.ceil((bytes - have) / 65536));
    f64 = new Float64Array(memory.buffer);
    i32 = new Int32Array(memory.buffer);
  };
  reserve(doubles);
  return {
    get f64() {
      return f64;
    },
    get i32() {
      return i32;
    },
    reserve,
    affine: ex.affine,
    backAffine: ex.backAffine,
    forward: ex.forward,
    vjp: ex.vjp,
    forwardKeeping: ex.forwardKeeping,
    backward: ex.backward,
  };
}
