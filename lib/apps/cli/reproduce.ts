/** `homotopy-ode reproduce`: the Table 5 grid on a worker pool, resumable, with tables, figures and a report. */
import { PROFILES, runId, paperGrid, BACKUP_SEEDS, defaultJobs } from "../../paper/index";
import { UsageError } from "./errors";
import { ensureWritableDir } from "./output-paths";
import { reproduce } from "../reproduce/reproduce";
import { Progress } from "./progress";
import { flag, flagHelp, parseCommandFlags } from "./flags";
import { onInterrupt } from "./interrupt";
import { FolderLockedError } from "../reproduce/lock";
import * as path from "node:path";

const FLAGS = {
  profile: flag.choice({ choices: PROFILES, default: "quick", help: "quick takes minutes, full has the paper's training budgets" }),
  out: flag.string({ placeholder: "DIR", default: "results", help: "where the runs, tables, figures and report go" }),
  jobs: flag.integer({ min: 1, placeholder: "N", shownDefault: "one per core", help: "worker threads" }),
  data: flag.string({ placeholder: "PATH", shownDefault: "$HOMOTOPY_DATA_DIR/real_double_pend_h_1.txt when set, else the synthetic pendulum", help: "the double-pendulum recording" }),
  only: flag.repeated({ placeholder: "TEXT", help: "keep the runs whose id (system__model__method__seedN) contains TEXT (repeatable)" }),
  shard: flag.string({ placeholder: "I/N", help: "run the I-th of N disjoint shares of the grid (1 ≤ I ≤ N)" }),
  backups: flag.integer({ min: 0, placeholder: "N", shownDefault: "3", help: `backup seeds to try for a cell whose runs diverged, at most ${BACKUP_SEEDS.length}, 0 for none` }),
};

export const REPRODUCE_HELP = `homotopy-ode reproduce [--profile quick|full] [--out DIR] [--jobs N] [--data PATH] [--only TEXT ...] [--shard I/N] [--backups N]

Runs the Table 5 grid (5 models × 3 methods × seeds 10, 20, 30) on N worker threads (default: one per
core; the longest runs by a cost estimate start first, so the threads finish together) and writes into
DIR (default results/): runs/<id>.json and runs.csv (one row per run), table5.csv (mean ± s.e.
beside the paper's values), figures/ and report.md. Re-running into the same DIR resumes: finished
runs are not redone. --data: the double-pendulum recording (default
$HOMOTOPY_DATA_DIR/real_double_pend_h_1.txt when set, else the synthetic pendulum).
--only TEXT keeps the runs whose id (system__model__method__seedN) contains TEXT (repeatable).
--shard I/N runs the I-th of N disjoint shares of the grid (1 ≤ I ≤ N), e.g. one per task of a SLURM job
array or a Kubernetes indexed Job; copy every shard's runs/*.json into one DIR and run reproduce there
once more: it reuses them all and writes the tables, figures and report.
--backups N: for a cell whose runs diverged, try up to N backup seeds (40, 50, 60; default 3, 0 for none)
and report a second Table 5 with them substituted, marked * as the paper marks its backup seeds.

${flagHelp(FLAGS)}`;

export async function reproduceCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandFlags(argv, FLAGS);
  const profile = values.profile;
  const jobs = values.jobs ?? defaultJobs();
  const outDir = values.out;
  const backups = values.backups;
  if (backups !== undefined && backups > BACKUP_SEEDS.length) throw new UsageError(`--backups: expected a whole number from 0 to ${BACKUP_SEEDS.length}, got ${backups}`);
  let configs = paperGrid({ profile, data: values.data });
  if (values.only.length) {
    const only = values.only;
    configs = configs.filter((c) => only.some((o) => runId(c).includes(o)));
    if (!configs.length) throw new UsageError(`--only: no run id contains ${only.map((o) => `"${o}"`).join(" or ")}; ids look like lotka-volterra__blackbox__homotopy__seed10`);
  }
  if (values.shard !== undefined) configs = shardOf(configs, values.shard);
  ensureWritableDir("--out", outDir);
  const total = configs.length;
  const progress = new Progress({ total, label: `reproduce (${profile})`, plainEvery: 1 / total });
  const stop = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const interrupt = onInterrupt((signal) => {
    stoppedBy = signal;
    stop.abort();
  });
  let summary;
  try {
    summary = await reproduce({
      signal: stop.signal,
    profile,
    outDir,
    jobs,
    data: values.data,
    configs,
    backups,
    onProgress: (done, n, current) => progress.update(done, current.length ? `running ${current.map(shortId).join(", ")}` : ""),
    log: process.stderr.isTTY ? undefined : (line) => process.stderr.write(line + "\n"),
  });
  } catch (e) {
    if (e instanceof FolderLockedError) throw new UsageError(`--out ${e.message}`);
    throw e;
  } finally {
    interrupt.dispose();
  }
  if (summary.interrupted) {
    progress.done();
    const done = summary.reused + summary.ran;
    console.error(`reproduce: interrupted; ${done} of ${summary.total} runs are saved in ${path.join(outDir, "runs")}. Resume with the same command: homotopy-ode ${["reproduce", ...argv].join(" ")}`);
    return stoppedBy === "SIGTERM" ? 143 : 130;
  }
  progress.done(`reproduce: ${summary.total} runs (${summary.reused} reused), ${summary.diverged.length} diverged, ${summary.errors.length} failed, wall ${summary.wallSeconds.toFixed(1)} s`);
  console.log(`wrote ${path.join(outDir, "report.md")}, table5.csv, runs.csv and figures/; open ${path.join(outDir, "figures.html")} to see every figure`);
  return summary.errors.length ? 1 : 0;
}

/** The I-th of N interleaved shares of the configs ("I/N", 1-based): every run lands in exactly one shard. */
export function shardOf<T>(configs: T[], spec: string): T[] {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1) || !(i >= 1 && i <= n)) throw new UsageError(`--shard: expected I/N with 1 ≤ I ≤ N (e.g. 2/4), got "${spec}"`);
  return configs.filter((_, k) => k % n === i - 1);
}

function shortId(id: string): string {
  return id.replace("lotka-volterra", "LV").replace("double-pendulum", "DP").replace(/__/g, "/");
}
