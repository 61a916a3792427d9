/** `homotopy-ode bench`: time one training step of each benchmark case. */
import { BENCH_CASES } from "../bench/cases";
import { runBenchmarks } from "../bench/run";
import { intFlag, parseFlags } from "./flags";
import { UsageError } from "./errors";
import { didYouMean } from "./suggest";

/** Fewer timed runs make the median too noisy to compare with earlier measurements. */
const MIN_RUNS = 20;

export const BENCH_HELP = `homotopy-ode bench [--json] [--runs N] [--case NAME ...]

Times one training step (forward solve, MSE, full gradient) per case: a warm-up, then N runs
(default 30, at least ${MIN_RUNS}). Prints median, min and max in ms; --json prints one JSON object keyed by case.
Cases: ${BENCH_CASES.map((c) => c.name).join(", ")}`;

export function benchCommand(argv: string[]): number {
  const { values } = parseFlags(argv, { json: { type: "boolean" }, runs: { type: "string" }, case: { type: "string", multiple: true } });
  const runs = values.runs === undefined ? 30 : intFlag("--runs", values.runs, MIN_RUNS);
  const names = BENCH_CASES.map((c) => c.name);
  for (const name of values.case ?? []) {
    if (!names.includes(name)) throw new UsageError(`--case: expected one of ${names.join(", ")}, got "${name}"${didYouMean(name, names)}`);
  }
  const results = runBenchmarks(values.case, runs, (name, r) => {
    if (!values.json) {
      const target = r.targetMs !== undefined ? ` (target ≤ ${r.targetMs} ms: ${r.medianMs <= r.targetMs ? "met" : "MISSED"})` : "";
      console.log(`${name.padEnd(20)} median ${r.medianMs.toFixed(2)} ms  min ${r.minMs.toFixed(2)}  max ${r.maxMs.toFixed(2)}  runs ${r.runs}${target}`);
    }
  });
  if (values.json) console.log(JSON.stringify(results));
  return 0;
}
