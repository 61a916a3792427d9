/** Times benchmark cases: warm-up, then repeated runs; reports median, min and max in ms. */
import { BENCH_CASES, BenchCase } from "./cases";

export interface BenchResult {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  targetMs?: number;
}

export function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export function runCase(c: BenchCase, runs = 30, warmup = 5): BenchResult {
  const step = c.setup();
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += step();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink += step();
    times.push(performance.now() - t0);
  }
  if (!Number.isFinite(sink)) throw new Error(`benchmark ${c.name}: the step produced a non-finite loss`);
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs, targetMs: c.targetMs };
}

/** Run the named cases (all by default). */
export function runBenchmarks(names?: string[], runs = 30, onResult?: (name: string, r: BenchResult) => void): Record<string, BenchResult> {
  const chosen = names && names.length ? names : BENCH_CASES.map((c) => c.name);
  const out: Record<string, BenchResult> = {};
  for (const name of chosen) {
    const c = BENCH_CASES.find((x) => x.name === name);
    if (!c) throw new RangeError(`bench: unknown case "${name}"; expected one of ${BENCH_CASES.map((x) => x.name).join(", ")}`);
    out[name] = runCase(c, runs);
    onResult?.(name, out[name]);
  }
  return out;
}
