/** `homotopy-ode pack DIR --out FOLDER`: a reproduce folder's runs as compact precomputed results. */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadRuns, packRuns, writePrecomputed } from "../../view/index";
import { UsageError } from "./errors";
import { flag, flagHelp, parseCommandFlags } from "./flags";

export const PACK_SUMMARY = "pack a reproduce folder's runs into the compact results the notebooks load";

const FLAGS = {
  out: flag.string({ placeholder: "FOLDER", help: "where to write <system>.json (required)" }),
  name: flag.string({ placeholder: "NAME", help: "write all runs into FOLDER/NAME.json instead (e.g. the Fig. 3 sweeps of tools/figure3-sweep.ts)" }),
  "history-points": flag.integer({ min: 2, placeholder: "N", shownDefault: "200", help: "thin each training history to about N epochs" }),
  "theta-seeds": flag.string({ placeholder: "10,20,30|all", shownDefault: "10", help: "the seeds whose best θ is kept exactly" }),
};

export const PACK_HELP = `homotopy-ode pack DIR --out FOLDER [--name NAME] [--history-points N] [--theta-seeds 10,20,30|all]

Reads DIR/runs/*.json (written by homotopy-ode reproduce --out DIR) and writes FOLDER/<system>.json,
one file per system: every run's config and metrics exactly, the best θ of the runs of the seeds
named (default 10, the seed the notebooks draw) exactly, the best-θ prediction rounded to 6 digits,
and the training history (MSE, loss, λ) rounded to 5 digits and thinned to about N epochs (default
200; the epochs around each change of λ and the best epoch are always kept). The shipped full-profile results are regenerated with
  homotopy-ode reproduce --profile full --jobs 2 --out results-full
  homotopy-ode pack results-full --out precomputed/full

${flagHelp(FLAGS)}`;

/** --theta-seeds: "all", or seeds as whole numbers ≥ 0 separated by commas. */
function thetaSeedsFlag(raw: string | undefined): readonly number[] | "all" | undefined {
  if (raw === undefined) return undefined;
  if (raw === "all") return "all";
  const expected = `seeds as whole numbers separated by commas (10,20,30), or all, got "${raw}"`;
  return raw.split(",").map((s) => {
    const n = Number(s.trim());
    if (s.trim() === "" || !Number.isInteger(n) || n < 0) throw new UsageError(`--theta-seeds: expected ${expected}`);
    return n;
  });
}

export function packCommand(argv: string[]): number {
  const { values: v, positionals } = parseCommandFlags(argv, FLAGS, { positionals: true });
  if (positionals.length !== 1) throw new UsageError(`expected one results folder (written by reproduce --out DIR), got ${positionals.length}`);
  const dir = positionals[0];
  if (v.out === undefined) throw new UsageError("--out is required: the folder to write <system>.json into");
  const historyPoints = v["history-points"];
  const thetaSeeds = thetaSeedsFlag(v["theta-seeds"]);
  if (v.name !== undefined && !/^[A-Za-z0-9_-]+$/.test(v.name)) throw new UsageError(`--name: expected letters, digits, "-" or "_", got "${v.name}"`);
  if (!fs.existsSync(path.join(dir, "runs"))) throw new UsageError(`${dir}: no runs/ folder; expected a folder written by homotopy-ode reproduce --out DIR`);
  const loaded = loadRuns(dir);
  if (loaded.runs.length === 0) throw new UsageError(`${loaded.runsDir}: no run files`);
  const profiles = [...new Set(loaded.runs.map((r) => r.config.profile))];
  if (profiles.length > 1) throw new UsageError(`${loaded.runsDir}: runs of several profiles (${profiles.join(", ")}); expected one`);
  const files = writePrecomputed(v.out, packRuns(loaded.runs, { historyPoints, thetaSeeds, name: v.name }));
  for (const f of files) console.log(`wrote ${f} (${(fs.statSync(f).size / 1024).toFixed(0)} KiB)`);
  const skipped = loaded.unreadable.length ? `; left out unreadable: ${loaded.unreadable.join(", ")}` : "";
  console.log(`${loaded.runs.length} ${profiles[0]}-profile runs packed${skipped}`);
  return 0;
}
