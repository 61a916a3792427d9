/** `homotopy-ode bench`: time one training step of each benchmark case. */
import { BENCH_CASES } from "../bench/cases";
import { runBenchmarks } from "../bench/run";
import { intFlag, parseFlags } from "./flags";

export const BENCH_HELP = `homotopy-ode bench [--json] [--runs N] [--case NAME ...]

Times one training step (forward solve, MSE, full gradient) per case: a warm-up, then N runs
(default 30). Prints median, min and max in ms; --json prints one JSON object keyed by case.
Cases: ${BENCH_CASES.map((c) => c.name).join(", ")}`;

export function benchCommand(argv: string[]): number {
  const { values } = parseFlags(argv, { json: { type: "boolean" }, runs: { type: "string" }, case: { type: "string", multiple: true } });
  const runs = values.runs === undefined ? 30 : intFlag("--runs", values.runs, 20);
  const results = runBenchmarks(values.case, runs, (name, r) => {
    if (!values.json) {
      const target = r.targetMs !== undefined ? ` (target ≤ ${r.targetMs} ms: ${r.medianMs <= r.targetMs ? "met" : "MISSED"})` : "";
      console.log(`${name.padEnd(20)} median ${r.medianMs.toFixed(2)} ms  min ${r.minMs.toFixed(2)}  max ${r.maxMs.toFixed(2)}  runs ${r.runs}${target}`);
    }
  });
  if (values.json) console.log(JSON.stringify(results));
  return 0;
}
