/**
 * Fig. 3's sweeps as run files that `homotopy-ode pack` packs: every sweep point × method × seed
 * except those equal to a Table 5 grid run (the default point; `reproduce` has them), one file per
 * run in OUT/runs, named by run id and sweep point. Resumes: a run whose file exists is skipped.
 *
 *   npx tsx tools/figure3-sweep.ts --profile full --sweep length --out results-figure3 [--jobs 2] [--seed 10 ...]
 *   node bin/homotopy-ode.js pack results-figure3 --out precomputed/full --name figure3-length
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { figure3Plan, FIGURE3_SWEEPS, SweepName, sweepKey } from "../lib/paper/experiments/sweeps";
import { paperGrid } from "../lib/paper/experiments/paper";
import { ExperimentConfig, networkModel, runId } from "../lib/paper/experiments/config";
import { runPool } from "../lib/paper/experiments/run-pool";
import { writeJsonAtomic } from "../lib/core/io/atomic";

function fail(message: string): never {
  process.stderr.write(`figure3-sweep: ${message}\n`);
  process.exit(2);
}

/** The run file of a sweep config: its run id plus the data and width that tell sweep points apart. */
export function sweepRunFile(outDir: string, c: ExperimentConfig): string {
  const d = c.data;
  const data = d.kind === "simulated" ? `tEnd${d.tEnd}_dt${d.dt}_noise${d.noise.kind === "none" ? 0 : d.noise.amplitude}` : d.kind;
  return path.join(outDir, "runs", `${runId(c)}__${data}_width${networkModel(c).widths.join("-")}.json`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { profile: { type: "string" }, sweep: { type: "string", multiple: true }, out: { type: "string" }, jobs: { type: "string" }, seed: { type: "string", multiple: true } },
  });
  const profile = values.profile ?? "quick";
  if (profile !== "quick" && profile !== "full") fail(`--profile: expected quick or full, got "${profile}"`);
  const names = FIGURE3_SWEEPS.map((s) => s.name);
  const sweeps = (values.sweep ?? names) as SweepName[];
  for (const s of sweeps) if (!names.includes(s)) fail(`--sweep: expected one of ${names.join(", ")}, got "${s}"`);
  if (!values.out) fail("--out is required: the folder to write runs/ into");
  const jobs = Number(values.jobs ?? "1");
  if (!Number.isInteger(jobs) || jobs < 1) fail(`--jobs: expected a whole number ≥ 1, got "${values.jobs}"`);
  const seeds = (values.seed ?? ["10", "20", "30"]).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) fail(`--seed: expected a whole number ≥ 0, got "${s}"`);
    return n;
  });
  const grid = new Set(paperGrid({ profile }).map(sweepKey));
  const plan = figure3Plan({ profile, seeds, sweeps });
  const todo = plan.configs.filter((c) => !grid.has(sweepKey(c)) && !fs.existsSync(sweepRunFile(values.out!, c)));
  process.stdout.write(`${plan.configs.length} sweep runs, ${plan.configs.length - todo.length} in the grid or done, ${todo.length} to run\n`);
  await runPool(todo, jobs, {
    onDone: (r) => {
      writeJsonAtomic(sweepRunFile(values.out!, r.config), r);
      process.stdout.write(`done ${path.basename(sweepRunFile(values.out!, r.config))}: ${r.status}, interp ${r.interpMse.toExponential(3)}, best epoch ${r.bestEpoch}, ${r.seconds.toFixed(1)} s\n`);
    },
    onError: (id, message) => process.stdout.write(`FAILED ${id}: ${message}\n`),
  });
}

main().catch((e) => fail((e as Error).message));
