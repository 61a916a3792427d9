/**
 * The measured limit of one core: peak.wat's register-only float64 SIMD multiply–add loop, timed
 * for about 0.2 s. The bench's GFLOP/s are shown as a share of this, so each figure says how far
 * it is from what the same WebAssembly SIMD can do at best on this machine.
 */
import { PEAK_WASM_BASE64 } from "./peak-wasm";
import { decodeBase64 } from "../../core/index";

// Neither ES2022's lib nor @types/node declare the WebAssembly global (see lib/core/nn/kernels.ts).
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: unknown;
  }
}

export interface PeakResult {
  /** Best GFLOP/s over the timed slices. */
  gflops: number;
  /** Floating-point operations and seconds of the best slice. */
  flops: number;
  seconds: number;
  /** Time spent measuring, in seconds. */
  measuredSeconds: number;
}

interface PeakExports {
  multiplyAdd(n: number, start: number, m: number, c: number): number;
  flopsPerIteration(): number;
}

/** Time the loop: calibrate to slices of ~`sliceMs`, then run slices for ~`totalMs` and keep the fastest. */
export function measurePeak(totalMs = 200, sliceMs = 25): PeakResult {
  const ex = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(PEAK_WASM_BASE64)), {}).exports as PeakExports;
  const perIteration = ex.flopsPerIteration();
  let sink = 0;
  let n = 1 << 12;
  // Double the iteration count until one slice takes long enough to time reliably.
  for (;;) {
    const t0 = performance.now();
    sink += ex.multiplyAdd(n, 0.5, 0.999, 0.001);
    const ms = performance.now() - t0;
    if (ms >= sliceMs / 4 || n >= 1 << 30) {
      n = Math.min(2 ** 31 - 1, Math.max(1, Math.round((n * sliceMs) / Math.max(ms, 1e-3))));
      break;
    }
    n *= 2;
  }
  const started = performance.now();
  let best = { gflops: 0, seconds: Infinity };
  do {
    const t0 = performance.now();
    sink += ex.multiplyAdd(n, 0.5, 0.999, 0.001);
    const s = (performance.now() - t0) / 1000;
    const g = (n * perIteration) / s / 1e9;
    if (g > best.gflops) best = { gflops: g, seconds: s };
  } while (performance.now() - started < totalMs);
  if (!Number.isFinite(sink)) throw new Error("peak: the multiply–add loop produced a non-finite value");
  return { gflops: best.gflops, flops: n * perIteration, seconds: best.seconds, measuredSeconds: (performance.now() - started) / 1000 };
}
