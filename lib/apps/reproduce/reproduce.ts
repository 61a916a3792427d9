/**
 * `reproduce`: the Table 5 grid (5 models × 3 methods × 3 seeds) on a worker pool. Every finished
 * run is written atomically to DIR/runs/<id>.json, so re-running into the same folder resumes;
 * tables, figures and the report are rebuilt from the run files at the end.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ExperimentConfig, ModelName, Profile, runId, paperGrid, PAPER_MODELS, modelLabel, RunResult, runPool,
  defaultJobs, buildDataset, backupConfigsNeeded, DEFAULT_MAX_BACKUPS,
} from "../../paper/index";
import { readJsonOrNull, writeFileAtomic, writeJsonAtomic } from "../../core/index";
import {
  runsFrame, table5, table5Frame, Table5Cell, reportMarkdown, benchmarkBars, benchmarkTrainingCurves,
  benchmarkTrajectories, Figure, exportFigures, galleryHtml,
} from "../../view/index";
import { lockFolder } from "./lock";

export interface ReproduceOptions {
  profile: Profile;
  outDir: string;
  jobs?: number;
  /** Double-pendulum data path or "synthetic" (default: $HOMOTOPY_DATA_DIR, else synthetic). */
  data?: string;
  /** Run only these configs (default: the whole grid). */
  configs?: ExperimentConfig[];
  /**
   * Backup seeds tried per Table 5 cell whose runs diverged (the paper's "*" policy,
   * lib/paper/experiments/backup-seeds.ts); 0 runs none. Default 3.
   */
  backups?: number;
  /** Progress: runs done of total, the runs in flight. */
  onProgress?: (done: number, total: number, current: string[]) => void;
  log?: (line: string) => void;
  /** Figure writer (e.g. HTML/SVG/PNG export); default writes each figure as JSON. */
  writeFigures?: (items: { name: string; figure: Figure }[], dir: string) => { files: string[]; note?: string };
  /** Stop early (Ctrl-C): finished runs stay saved; no tables, figures or report are written. */
  signal?: AbortSignal;
}

export interface ReproduceSummary {
  total: number;
  reused: number;
  ran: number;
  errors: { id: string; message: string }[];
  diverged: { id: string; failure?: string }[];
  wallSeconds: number;
  cells: Table5Cell[];
  files: string[];
  /** Stopped by the signal before every run had finished. */
  interrupted: boolean;
}

/** Key-sorted JSON, so that configs compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}

export function runFile(outDir: string, id: string): string {
  return path.join(outDir, "runs", `${id}.json`);
}

/** Finished runs in DIR whose config equals the requested one. */
export function loadFinishedRuns(outDir: string, configs: ExperimentConfig[]): Map<string, RunResult> {
  const done = new Map<string, RunResult>();
  for (const c of configs) {
    const id = runId(c);
    const r = readJsonOrNull<RunResult>(runFile(outDir, id));
    if (r && canonicalJson(r.config) === canonicalJson(c)) done.set(id, r);
  }
  return done;
}

/** Temporary files of atomic writes interrupted by a kill (never read; removed on the next start). */
function removeStaleTemporaries(outDir: string): void {
  for (const dir of [outDir, path.join(outDir, "runs"), path.join(outDir, "figures")]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) if (/^\..*\.tmp-\d+-\d+$/.test(f)) fs.rmSync(path.join(dir, f), { force: true });
  }
}

/** Each figure as JSON, SVG and PNG (Chromium), plus one gallery page with all of them. */
function defaultFigureWriter(items: { name: string; figure: Figure }[], dir: string): { files: string[]; note?: string } {
  const result = exportFigures(items, dir, { formats: ["json", "svg", "png"], fallbackHtml: false });
  const gallery = path.join(path.dirname(dir), "figures.html");
  writeFileAtomic(gallery, galleryHtml(items, "homotopy-ode: reproduction figures"));
  const note = result.messages.length ? result.messages.join(" ").replace("Standalone HTML and JSON files were written instead.", "JSON files and figures.html (all figures, interactive) were written instead.") : undefined;
  return { files: [gallery, ...result.files], note };
}

export async function reproduce(options: ReproduceOptions): Promise<ReproduceSummary> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const configs = options.configs ?? paperGrid({ profile: options.profile, data: options.data });
  const outDir = options.outDir;
  const release = lockFolder(outDir, (owner) => log(`took over a stale lock${owner ? ` of pid ${owner.pid} (no longer running)` : ""} in ${outDir}`));
  try {
    return await reproduceLocked(options, configs, started, log);
  } finally {
    release();
  }
}

async function reproduceLocked(options: ReproduceOptions, configs: ExperimentConfig[], started: number, log: (line: string) => void): Promise<ReproduceSummary> {
  const outDir = options.outDir;
  fs.mkdirSync(path.join(outDir, "runs"), { recursive: true });
  removeStaleTemporaries(outDir);
  const results = loadFinishedRuns(outDir, configs);
  const reused = results.size;
  const pending = configs.filter((c) => !results.has(runId(c)));
  if (reused) log(`resuming: ${reused} of ${configs.length} runs already done in ${outDir}`);
  const errors: { id: string; message: string }[] = [];
  const inFlight = new Set<string>();
  let total = configs.length;
  const report = () => options.onProgress?.(results.size + errors.length, total, [...inFlight]);
  const writeRunsCsv = () => writeFileAtomic(path.join(outDir, "runs.csv"), runsFrame([...results.values()]).writeCSV().toString());
  report();
  const runAll = (todo: ExperimentConfig[]) => runPool(todo, options.jobs ?? defaultJobs(), {
    signal: options.signal,
    onStart: (id) => {
      inFlight.add(id);
      report();
    },
    onDone: (r) => {
      inFlight.delete(r.id);
      writeJsonAtomic(runFile(outDir, r.id), r);
      results.set(r.id, r);
      writeRunsCsv();
      log(`done ${r.id}: ${r.status}, interp ${r.interpMse.toExponential(3)}, best epoch ${r.bestEpoch}, ${r.seconds.toFixed(1)} s`);
      report();
    },
    onError: (id, message) => {
      inFlight.delete(id);
      errors.push({ id, message });
      log(`FAILED ${id}: ${message}`);
      report();
    },
  });
  await runAll(pending);
  const runs = configs.map((c) => results.get(runId(c))).filter((r): r is RunResult => Boolean(r));
  // Backup seeds for cells with diverged runs, a round at a time (a backup may diverge too).
  const maxBackups = options.backups ?? DEFAULT_MAX_BACKUPS;
  const backupIds = new Set<string>();
  const backupRuns = () => [...backupIds].map((id) => results.get(id)).filter((r): r is RunResult => Boolean(r));
  for (let round = 0; round < maxBackups && !options.signal?.aborted; round++) {
    const needed = backupConfigsNeeded(runs, backupRuns(), maxBackups).filter((c) => !backupIds.has(runId(c)));
    if (!needed.length) break;
    for (const [id, r] of loadFinishedRuns(outDir, needed)) results.set(id, r);
    for (const c of needed) backupIds.add(runId(c));
    const todo = needed.filter((c) => !results.has(runId(c)));
    total += todo.length;
    if (todo.length) log(`backup seeds: ${todo.map((c) => runId(c)).join(", ")}`);
    await runAll(todo);
  }
  if (runs.length) writeRunsCsv();
  const wallSecondsSoFar = (Date.now() - started) / 1000;
  if (options.signal?.aborted && (runs.length < configs.length || backupRuns().length < backupIds.size)) {
    const diverged = runs.filter((r) => r.status !== "ok").map((r) => ({ id: r.id, failure: r.failure }));
    return { total, reused, ran: results.size - reused, errors, diverged, wallSeconds: wallSecondsSoFar, cells: [], files: runs.length ? [path.join(outDir, "runs.csv")] : [], interrupted: true };
  }
  const cells = table5(runs, backupRuns());
  const files = [path.join(outDir, "runs.csv")];
  const t5 = path.join(outDir, "table5.csv");
  writeFileAtomic(t5, table5Frame(cells).writeCSV().toString());
  files.push(t5);

  // Figures: Fig. 4 bars, then per model the seed-10 (or first) run of each method.
  const figureItems: { name: string; figure: Figure }[] = [{ name: "fig4-benchmark", figure: benchmarkBars(cells) }];
  const dataSources = new Set<string>();
  for (const m of PAPER_MODELS) {
    const mine = runs.filter((r) => r.config.system === m.system && r.config.model.kind === m.model);
    if (!mine.length) continue;
    const firstSeed = Math.min(...mine.map((r) => r.config.seed));
    const shown = mine.filter((r) => r.config.seed === firstSeed);
    const slug = `${m.system}-${m.model}`;
    try {
      const ds = buildDataset(shown[0].config);
      dataSources.add(`${m.label}: ${ds.source}`);
      figureItems.push({ name: `trajectories-${slug}`, figure: benchmarkTrajectories(ds, shown, `${m.label}: predictions (seed ${firstSeed})`, "best parameters of each method; dashed line = start of extrapolation") });
    } catch (e) {
      log(`no trajectory figure for ${m.label}: ${(e as Error).message}`);
    }
    figureItems.push({ name: `training-${slug}`, figure: benchmarkTrainingCurves(shown, `${m.label}: training curves (seed ${firstSeed})`, "MSE of the uncoupled model per epoch (log scale); λ of the homotopy run on the right axis") });
  }
  const figDir = path.join(outDir, "figures");
  const writer = options.writeFigures ?? defaultFigureWriter;
  const written = writer(figureItems, figDir);
  files.push(...written.files);

  const wallSeconds = (Date.now() - started) / 1000;
  const diverged = runs.filter((r) => r.status !== "ok").map((r) => ({ id: r.id, failure: r.failure }));
  const md = reportMarkdown(cells, {
    profile: options.profile,
    wallSeconds,
    cpuSeconds: runs.reduce((a, r) => a + r.seconds, 0),
    jobs: options.jobs ?? defaultJobs(),
    runs: runs.length,
    reused,
    gridSize: paperGrid({ profile: options.profile, data: options.data }).length,
    syntheticModels: [...new Set(runs.filter((r) => r.config.data.kind === "synthetic-pendulum").map((r) => modelLabel(r.config.system, r.config.model.kind as ModelName)))],
    dataSources: [...dataSources],
    diverged,
    errors,
    figures: written.files.map((f) => path.relative(outDir, f)),
    exportNote: written.note,
  });
  const reportFile = path.join(outDir, "report.md");
  writeFileAtomic(reportFile, md);
  files.push(reportFile);
  return { total, reused, ran: runs.length - reused, errors, diverged, wallSeconds, cells, files, interrupted: false };
}
