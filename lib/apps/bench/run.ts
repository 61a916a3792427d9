/**
 * Times benchmark cases: warm-up, then repeated runs; reports median, min and max in ms, the
 * step's counted floating-point work (flops.ts) and the GFLOP/s it achieves against the measured
 * peak of one core (peak.ts).
 */
import { BENCH_CASES, BenchCase } from "./cases";
import { countStepWork } from "./flops";
import { measurePeak, PeakResult } from "./peak";

export interface BenchResult {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  targetMs?: number;
  /** What the case runs on, where it says (e.g. which data a paper case found). */
  note?: string;
  /** Network evaluations and VJPs in one step, and their floating-point operations (flops.ts). */
  evaluationsPerStep: number;
  vjpsPerStep: number;
  flopsPerStep: number;
  /** flopsPerStep / median time. */
  gflops: number;
  /** The measured peak of one core (wasm SIMD f64 multiply–add) and gflops as a share of it. */
  peakGflops?: number;
  percentOfPeak?: number;
}

export function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export function runCase(c: BenchCase, runs = 30, warmup = 5, peak?: PeakResult): BenchResult {
  const step = c.setup();
  // The counted run doubles as the first warm-up run.
  const counted = countStepWork(step);
  let sink = counted.value;
  for (let i = 0; i < warmup; i++) sink += step();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink += step();
    times.push(performance.now() - t0);
  }
  if (!Number.isFinite(sink)) throw new Error(`benchmark ${c.name}: the step produced a non-finite loss`);
  const medianMs = median(times);
  const work = counted.work;
  const gflops = work.flops / (medianMs * 1e6);
  return {
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    runs,
    targetMs: c.targetMs,
    ...(step.note !== undefined ? { note: step.note } : {}),
    evaluationsPerStep: work.evaluations,
    vjpsPerStep: work.vjps,
    flopsPerStep: work.flops,
    gflops,
    ...(peak ? { peakGflops: peak.gflops, percentOfPeak: (100 * gflops) / peak.gflops } : {}),
  };
}

/** Run the named cases (all by default), against `peak` (measured here unless given). */
export function runBenchmarks(
  names?: string[],
  runs = 30,
  onResult?: (name: string, r: BenchResult) => void,
  peak: PeakResult = measurePeak(),
): Record<string, BenchResult> {
  const chosen = names && names.length ? names : BENCH_CASES.map((c) => c.name);
  const out: Record<string, BenchResult> = {};
  for (const name of chosen) {
    const c = BENCH_CASES.find((x) => x.name === name);
    if (!c) throw new RangeError(`bench: unknown case "${name}"; expected one of ${BENCH_CASES.map((x) => x.name).join(", ")}`);
    out[name] = runCase(c, runs, 5, peak);
    onResult?.(name, out[name]);
  }
  return out;
}
