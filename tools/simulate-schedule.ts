/**
 * How the worker pool's start order changes the wall time of the full Table-5 grid: a list-
 * scheduling simulation (each run goes to the first free thread) with the per-run seconds of a
 * finished `reproduce --profile full` folder, in grid order and in the pool's costliest-first order.
 * No training: it only reads DIR/runs/*.json.
 *
 *   npx tsx tools/simulate-schedule.ts DIR [--jobs 2] [--fill FILE]
 *
 * Runs missing from DIR (e.g. a reproduce still in progress) take their seconds from --fill (JSON:
 * { "system__model__method": seconds per seed }), else their cost estimate times the median seconds
 * per unit of estimate of the runs present; either way they are listed as filled.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { paperGrid } from "../lib/paper/experiments/paper";
import { runId } from "../lib/paper/experiments/config";
import { estimateRunCost } from "../lib/paper/experiments/cost";
import { startOrder } from "../lib/paper/experiments/pool";

/** Makespan of running tasks of the given durations in `order`, each on the first free of `jobs` threads. */
export function listScheduleMakespan(seconds: readonly number[], order: readonly number[], jobs: number): number {
  const free = new Array<number>(jobs).fill(0);
  for (const i of order) {
    let k = 0;
    for (let j = 1; j < jobs; j++) if (free[j] < free[k]) k = j;
    free[k] += seconds[i];
  }
  return Math.max(...free);
}

function main(argv: string[]): void {
  const dir = argv[0];
  if (!dir) throw new Error("usage: tools/simulate-schedule.ts DIR [--jobs 2]");
  const jobsAt = argv.indexOf("--jobs");
  const jobs = jobsAt >= 0 ? Number(argv[jobsAt + 1]) : 2;
  const fillAt = argv.indexOf("--fill");
  const fill = fillAt >= 0 ? (JSON.parse(fs.readFileSync(argv[fillAt + 1], "utf8")) as Record<string, number>) : {};
  const grid = paperGrid({ profile: "full", data: "synthetic" });
  const costs = grid.map(estimateRunCost);
  const measured = grid.map((c) => {
    const file = path.join(dir, "runs", `${runId(c)}.json`);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { seconds: number }).seconds : null;
  });
  const rates = measured.flatMap((s, i) => (s === null ? [] : [s / costs[i]])).sort((a, b) => a - b);
  if (!rates.length) throw new Error(`${dir}/runs holds none of the grid's runs`);
  const rate = rates[Math.floor(rates.length / 2)];
  const seconds = measured.map((s, i) => s ?? fill[`${grid[i].system}__${grid[i].model.kind}__${grid[i].method}`] ?? costs[i] * rate);
  const filled = grid.filter((_, i) => measured[i] === null).map(runId);
  const total = seconds.reduce((a, b) => a + b, 0);
  const gridOrder = grid.map((_, i) => i);
  const byEstimate = startOrder(grid.length, costs);
  const byActual = startOrder(grid.length, seconds);
  const rows = [
    ["grid order (before)", listScheduleMakespan(seconds, gridOrder, jobs)],
    ["costliest first by estimate (now)", listScheduleMakespan(seconds, byEstimate, jobs)],
    ["longest first by measured seconds (reference)", listScheduleMakespan(seconds, byActual, jobs)],
    [`lower bound: max(total / ${jobs}, longest run)`, Math.max(total / jobs, ...seconds)],
  ] as const;
  console.log(`${grid.length} runs, ${(total / 60).toFixed(1)} CPU-minutes; ${grid.length - filled.length} measured in ${dir}, ${filled.length} filled`);
  for (const [label, s] of rows) console.log(`  ${label.padEnd(48)} ${(s / 60).toFixed(2)} min`);
  if (filled.length) console.log(`filled: ${filled.join(", ")}`);
  console.log("per run (s, estimate):");
  for (const i of byEstimate) console.log(`  ${runId(grid[i]).padEnd(50)} ${seconds[i].toFixed(1).padStart(7)}${measured[i] === null ? " (filled)" : ""}  ${(costs[i] / 1e6).toFixed(1)}`);
}

if (require.main === module) main(process.argv.slice(2));
