/**
 * The multiple-shooting hypotheses of docs/fidelity.md, one full-profile run each: the paper's
 * config and the variants that might explain the Table 5 cells we miss (DP black-box, Lorenz).
 * Prints one JSON line per run (name, seed, interpMse, extrapMse, bestEpoch, status, seconds, and
 * minTrainingLoss: the lowest segmented loss, data + β·continuity, seen in training).
 *
 *   HOMOTOPY_DATA_DIR=/path/to/data npx tsx tools/multishoot-hypotheses.ts [--seed 10] [--only NAME ...]
 */
import { parseArgs } from "node:util";
import { ExperimentConfig, parseConfig } from "../lib/paper/experiments/config";
import { paperConfig } from "../lib/paper/experiments/paper";
import { runExperiment } from "../lib/paper/experiments/runner";

type Variant = { name: string; build: (seed: number) => ExperimentConfig };

function variant(system: "double-pendulum" | "lorenz", change: (c: ExperimentConfig) => object): (seed: number) => ExperimentConfig {
  return (seed) => {
    const base = paperConfig(system, "blackbox", "multishoot", { profile: "full", seed });
    return parseConfig({ ...base, ...change(base) });
  };
}

const ms = (c: ExperimentConfig) => c.multishoot as NonNullable<ExperimentConfig["multishoot"]>;

export const VARIANTS: Variant[] = [
  { name: "lorenz-paper", build: variant("lorenz", () => ({})) },
  { name: "lorenz-scripts-lr0.01-w0.5", build: variant("lorenz", (c) => ({ lr: 0.01, multishoot: { ...ms(c), continuityWeight: 0.5 } })) },
  { name: "lorenz-dt0.25", build: variant("lorenz", (c) => ({ data: { ...c.data, dt: 0.25 } })) },
  { name: "lorenz-dt0.25-scripts", build: variant("lorenz", (c) => ({ data: { ...c.data, dt: 0.25 }, lr: 0.01, multishoot: { ...ms(c), continuityWeight: 0.5 } })) },
  { name: "lorenz-next-sample", build: variant("lorenz", (c) => ({ multishoot: { ...ms(c), continuityTarget: "next-sample" } })) },
  { name: "lorenz-monitor-1e-5", build: variant("lorenz", (c) => ({ multishoot: { ...ms(c), monitorTolerance: { rtol: 1e-5, atol: 1e-5 } } })) },
  { name: "dp-paper", build: variant("double-pendulum", () => ({})) },
  { name: "dp-w0.001", build: variant("double-pendulum", (c) => ({ multishoot: { ...ms(c), continuityWeight: 0.001 } })) },
  { name: "dp-next-sample", build: variant("double-pendulum", (c) => ({ multishoot: { ...ms(c), continuityTarget: "next-sample" } })) },
  { name: "dp-monitor-1e-5", build: variant("double-pendulum", (c) => ({ multishoot: { ...ms(c), monitorTolerance: { rtol: 1e-5, atol: 1e-5 } } })) },
];

function main(): void {
  const { values } = parseArgs({ options: { seed: { type: "string", multiple: true }, only: { type: "string", multiple: true } } });
  const seeds = (values.seed ?? ["10"]).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) {
      process.stderr.write(`--seed: expected a whole number ≥ 0, got "${s}"\n`);
      process.exit(2);
    }
    return n;
  });
  const only = values.only ?? [];
  const chosen = VARIANTS.filter((v) => !only.length || only.some((o) => v.name.includes(o)));
  if (!chosen.length) {
    process.stderr.write(`--only: no variant name contains ${only.join(" or ")}; names: ${VARIANTS.map((v) => v.name).join(", ")}\n`);
    process.exit(2);
  }
  for (const seed of seeds) {
    for (const v of chosen) {
      const r = runExperiment(v.build(seed));
      const minTrainingLoss = r.history.loss.reduce((a, b) => (b < a ? b : a), Infinity);
      const line = { name: v.name, seed, interpMse: r.interpMse, extrapMse: r.extrapMse, bestEpoch: r.bestEpoch, status: r.status, seconds: Math.round(r.seconds), minTrainingLoss };
      process.stdout.write(JSON.stringify(line) + "\n");
    }
  }
}

if (require.main === module) main();
