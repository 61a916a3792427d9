/** `homotopy-ode bench`: time one training step of each benchmark case. */
import { BENCH_CASES } from "../bench/cases";
import { runBenchmarks } from "../bench/run";
import { measurePeak } from "../bench/peak";
import { intFlag, parseFlags } from "./flags";
import { UsageError } from "./errors";
import { didYouMean } from "./suggest";

/** Fewer timed runs make the median too noisy to compare with earlier measurements. */
const MIN_RUNS = 20;

export const BENCH_HELP = `homotopy-ode bench [--json] [--runs N] [--case NAME ...]

Times one training step (forward solve, MSE, full gradient) per case: a warm-up, then N runs
(default 30, at least ${MIN_RUNS}). Prints median, min and max in ms, and per case the floating-point
operations of one step (network evaluations and VJPs counted in an extra run, 2·in·out per affine
layer; activations, bias adds and solver arithmetic left out, so a lower bound), the GFLOP/s that
achieves, and that as a share of the peak of one core: a register-only float64 SIMD multiply–add
loop in WebAssembly, timed for 0.2 s before the cases. --json prints one JSON object keyed by case
(with flopsPerStep, gflops, peakGflops, percentOfPeak).
Cases: ${BENCH_CASES.map((c) => c.name).join(", ")}`;

export function benchCommand(argv: string[]): number {
  const { values } = parseFlags(argv, { json: { type: "boolean" }, runs: { type: "string" }, case: { type: "string", multiple: true } });
  const runs = values.runs === undefined ? 30 : intFlag("--runs", values.runs, MIN_RUNS);
  const names = BENCH_CASES.map((c) => c.name);
  for (const name of values.case ?? []) {
    if (!names.includes(name)) throw new UsageError(`--case: expected one of ${names.join(", ")}, got "${name}"${didYouMean(name, names)}`);
  }
  const pad = Math.max(20, ...names.map((n) => n.length + 1));
  const peak = measurePeak();
  if (!values.json) console.log(`peak (one core, wasm SIMD f64): ${peak.gflops.toFixed(2)} GFLOP/s`);
  const results = runBenchmarks(
    values.case,
    runs,
    (name, r) => {
      if (!values.json) {
        const target = r.targetMs !== undefined ? ` (target ≤ ${r.targetMs} ms: ${r.medianMs <= r.targetMs ? "met" : "MISSED"})` : "";
        console.log(`${name.padEnd(pad)} median ${r.medianMs.toFixed(2)} ms  min ${r.minMs.toFixed(2)}  max ${r.maxMs.toFixed(2)}  runs ${r.runs}${target}`);
        const share = r.percentOfPeak !== undefined ? ` = ${r.percentOfPeak.toFixed(1)} % of peak` : "";
        console.log(`${"".padEnd(pad)} ${(r.flopsPerStep / 1e6).toFixed(3)} MFLOP/step (${r.evaluationsPerStep} evaluations, ${r.vjpsPerStep} VJPs): ${r.gflops.toFixed(3)} GFLOP/s${share}`);
        if (r.note) console.log(`${"".padEnd(pad)} on ${r.note}`);
      }
    },
    peak,
  );
  if (values.json) console.log(JSON.stringify(results));
  return 0;
}
