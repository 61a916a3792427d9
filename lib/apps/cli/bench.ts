/** `homotopy-ode bench`: time one training step of each benchmark case, optionally beside PyTorch's. */
import { BENCH_CASES } from "../bench/cases";
import { runBenchmarks } from "../bench/run";
import { checkedTorchProblem, runTorchReference, TORCH_PYTHON, torchAvailable, TorchResult } from "../bench/torch";
import { measurePeak } from "../bench/peak";
import { flag, flagHelp, parseCommandFlags } from "./flags";
import { UsageError } from "./errors";
import { didYouMean } from "./suggest";

/** Fewer timed runs make the median too noisy to compare with earlier measurements. */
const MIN_RUNS = 20;

const FLAGS = {
  json: flag.boolean({ help: "print one JSON object keyed by case" }),
  runs: flag.integer({ min: MIN_RUNS, placeholder: "N", default: 30, help: "timed runs per case" }),
  case: flag.repeated({ placeholder: "NAME", help: "time only this case (repeatable)" }),
  torch: flag.boolean({ help: "also time each case's PyTorch reference" }),
  "torch-runs": flag.integer({ min: 3, placeholder: "M", default: 10, help: "timed runs of the PyTorch reference" }),
  problem: flag.string({ placeholder: "NAME", help: "print a case's problem as the JSON the PyTorch reference reads" }),
};

export const BENCH_HELP = `homotopy-ode bench [--json] [--runs N] [--case NAME ...] [--torch [--torch-runs M]]
homotopy-ode bench --problem NAME

Times one training step (forward solve, MSE, full gradient) per case: a warm-up, then N runs
(default 30, at least ${MIN_RUNS}). Prints median, min and max in ms, and per case the floating-point
operations of one step (network evaluations and VJPs counted in an extra run, 2·in·out per affine
layer; activations, bias adds and solver arithmetic left out, so a lower bound), the GFLOP/s that
achieves, and that as a share of the peak of one core: a register-only float64 SIMD multiply–add
loop in WebAssembly, timed for 0.2 s before the cases. --json prints one JSON object keyed by case
(with flopsPerStep, gflops, peakGflops, percentOfPeak).
--torch also times each case's PyTorch reference (tools/torch_bench.py: the same problem and step
in PyTorch eager, float64, one thread; 2 warm-up steps, then M runs, default 10: its steps take seconds)
and prints "torch" (its median) and "ours/torch" beside ours;
it needs python3 with torch (Debian: apt-get install python3-torch; another python via
HOMOTOPY_PYTHON) and without it prints one line saying so. --problem prints a case's problem as
the JSON the PyTorch reference reads.
Cases: ${BENCH_CASES.map((c) => c.name).join(", ")}

${flagHelp(FLAGS)}`;

export function benchCommand(argv: string[]): number {
  const { values } = parseCommandFlags(argv, FLAGS);
  const runs = values.runs;
  const torchRuns = values["torch-runs"];
  const names = BENCH_CASES.map((c) => c.name);
  const checkName = (flag: string, name: string) => {
    if (!names.includes(name)) throw new UsageError(`${flag}: expected one of ${names.join(", ")}, got "${name}"${didYouMean(name, names)}`);
  };
  if (values.problem !== undefined) {
    checkName("--problem", values.problem);
    const c = BENCH_CASES.find((x) => x.name === values.problem);
    const problem = c && checkedTorchProblem(c);
    if (!problem) throw new UsageError(`--problem: case "${values.problem}" has no PyTorch reference yet; expected one of ${BENCH_CASES.filter((x) => x.torch).map((x) => x.name).join(", ")}`);
    console.log(JSON.stringify(problem));
    return 0;
  }
  for (const name of values.case) checkName("--case", name);
  const withTorch = values.torch === true && torchAvailable();
  if (values.torch && !withTorch) {
    console.error(`bench: the torch and ours/torch columns need PyTorch in ${TORCH_PYTHON} (Debian: apt-get install python3-torch; or set HOMOTOPY_PYTHON); timing ours only`);
  }
  const pad = Math.max(20, ...names.map((n) => n.length + 1));
  const peak = measurePeak();
  if (!values.json) console.log(`peak (one core, wasm SIMD f64): ${peak.gflops.toFixed(2)} GFLOP/s`);
  const torchResults: Record<string, TorchResult | null> = {};
  const results = runBenchmarks(
    values.case,
    runs,
    (name, r) => {
      let torchText = "";
      if (withTorch) {
        const c = BENCH_CASES.find((x) => x.name === name);
        const problem = c && checkedTorchProblem(c);
        const t = problem ? runTorchReference(problem, torchRuns) : null;
        torchResults[name] = t;
        torchText = t ? `  torch ${t.medianMs.toFixed(2)} ms  ours/torch ${(r.medianMs / t.medianMs).toFixed(3)}` : "  torch —  (no PyTorch reference for this case)";
      }
      if (!values.json) {
        const target = r.targetMs !== undefined ? ` (target ≤ ${r.targetMs} ms: ${r.medianMs <= r.targetMs ? "met" : "MISSED"})` : "";
        console.log(`${name.padEnd(pad)} median ${r.medianMs.toFixed(2)} ms  min ${r.minMs.toFixed(2)}  max ${r.maxMs.toFixed(2)}  runs ${r.runs}${target}${torchText}`);
        const share = r.percentOfPeak !== undefined ? ` = ${r.percentOfPeak.toFixed(1)} % of peak` : "";
        console.log(`${"".padEnd(pad)} ${(r.flopsPerStep / 1e6).toFixed(3)} MFLOP/step (${r.evaluationsPerStep} evaluations, ${r.vjpsPerStep} VJPs): ${r.gflops.toFixed(3)} GFLOP/s${share}`);
        if (r.note) console.log(`${"".padEnd(pad)} on ${r.note}`);
      }
    },
    peak,
  );
  if (values.json) {
    const out: Record<string, object> = {};
    for (const [name, r] of Object.entries(results)) {
      const t = torchResults[name];
      out[name] = withTorch ? { ...r, torch: t, oursOverTorch: t ? r.medianMs / t.medianMs : null } : r;
    }
    console.log(JSON.stringify(out));
  }
  return 0;
}
