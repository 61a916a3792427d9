/** The short markdown report of a reproduce run: Table 5 ours beside the paper's, notes and the figures. */
import { Table5Cell, formatX100 } from "./table5";
import { MeanSe } from "../../paper/index";
import { formatDuration } from "./format";

export interface ReportContext {
  profile: string;
  wallSeconds: number;
  cpuSeconds: number;
  jobs: number;
  /** Runs in this report (finished ones, reused or trained now). */
  runs: number;
  /** Of those, runs found already finished in the folder (earlier invocation, or copied from shards). */
  reused: number;
  /** Runs in the whole Table 5 grid of this profile (more than `runs` for a shard or --only). */
  gridSize?: number;
  /** Model labels whose runs used the synthetic pendulum instead of the real recording. */
  syntheticModels?: string[];
  dataSources: string[];
  diverged: { id: string; failure?: string }[];
  errors: { id: string; message: string }[];
  /** Figure files, relative to the report's folder. */
  figures: string[];
  exportNote?: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Mean ± s.e. in units of 1e-2; a single seed has no standard error, so only its value. */
function cell(ms: MeanSe | null): string {
  if (ms && ms.n < 2) return formatX100(ms).split(" ± ")[0];
  return formatX100(ms);
}

function list(values: number[]): string {
  return values.length < 2 ? values.join("") : `${values.slice(0, -1).join(", ")} and ${values[values.length - 1]}`;
}

export function reportMarkdown(cells: Table5Cell[], ctx: ReportContext): string {
  const lines: string[] = [];
  const synthetic = new Set(ctx.syntheticModels ?? []);
  lines.push(`# Reproduction of Table 5 (${ctx.profile} profile)`);
  lines.push("");
  const trainedNow = ctx.runs - ctx.reused;
  const origin = ctx.reused ? `${trainedNow} trained by this invocation, ${ctx.reused} found already finished in this folder` : "all trained by this invocation";
  lines.push(
    `${plural(ctx.runs, "run")} (${origin}), ${plural(ctx.jobs, "worker")}; ` +
      `wall time ${formatDuration(ctx.wallSeconds)} for this invocation, ${formatDuration(ctx.cpuSeconds)} of training in all runs.`,
  );
  if (ctx.gridSize !== undefined && ctx.runs < ctx.gridSize) {
    lines.push("");
    lines.push(
      `> **Part of the grid:** this folder holds ${ctx.runs} of the ${ctx.gridSize} runs of Table 5 (a shard or an --only selection). ` +
        "Copy every shard's `runs/*.json` into one folder and run `reproduce` there to get the whole table.",
    );
  }
  if (ctx.profile !== "full") {
    lines.push("");
    lines.push(
      "> The quick profile trains the same problems with far fewer epochs: its numbers show the method working, not the paper's values. Run `homotopy-ode reproduce --profile full` for those.",
    );
  }
  lines.push("");
  const seeds = [...new Set(cells.flatMap((c) => c.seeds))].sort((a, b) => a - b);
  const single = cells.some((c) => c.seeds.length < 2);
  lines.push(
    `MSE in units of 1e-2, mean ± standard error over seeds ${list(seeds)} (ours | paper)${single ? "; a cell with one seed shows its value alone" : ""}. ` +
      "Extrapolation: the next window of equal length,",
  );
  lines.push("scored against its (noisy) data as the paper appears to; `clean` scores the same rollout against the noise-free trajectory.");
  lines.push("");
  lines.push("| model | method | interp. ours | interp. paper | extrap. ours | extrap. paper | extrap. clean | best epochs ours | best epochs paper |");
  lines.push("|---|---|---|---|---|---|---|---|---|");
  for (const c of cells) {
    const flag = c.statuses.some((s) => s !== "ok") ? " ⚠" : "";
    const mark = synthetic.has(c.label) ? " †" : "";
    lines.push(
      `| ${c.label}${mark} | ${c.method}${flag} | ${cell(c.interp)} | ${formatX100(c.paper?.interp ?? null)} | ${cell(c.extrap)} | ` +
        `${formatX100(c.paper?.extrap ?? null)} | ${cell(c.extrapClean)} | ${c.bestEpochs.join(", ")} | ${c.paper ? c.paper.bestEpochs.join(", ") : ""} |`,
    );
  }
  if (synthetic.size && cells.some((c) => synthetic.has(c.label))) {
    lines.push("");
    lines.push(
      "† Trained on the **synthetic** pendulum (the recording real_double_pend_h_1.txt was not found), while the paper's values are on the real recording: " +
        "these rows are not comparable. Pass `--data` or set `HOMOTOPY_DATA_DIR` for the real data.",
    );
  }
  lines.push("");
  lines.push("### With the paper's backup-seed policy (\*)");
  lines.push("");
  lines.push(
    "The paper replaced unstable seeds by backup seeds and marks them \*. Our rule, fixed before any result was seen: a run is unstable when it " +
      "diverged (training stopped on a solver failure or a non-finite loss); it is replaced by the stable run of the first unused seed of 40, 50, 60 " +
      "in its cell. The plain cells above stay the headline.",
  );
  lines.push("");
  lines.push("| model | method | interp. ours* | interp. paper | extrap. ours* | extrap. paper | best epochs ours* | best epochs paper | replaced |");
  lines.push("|---|---|---|---|---|---|---|---|---|");
  for (const c of cells) {
    const b = c.backup;
    const mark = b.substitutions.length ? "\*" : "";
    const replaced = b.substitutions.map((s) => `${s.original} → ${s.backup}`).join(", ") || (c.statuses.some((s) => s !== "ok") ? "no stable backup" : "");
    lines.push(
      `| ${c.label} | ${c.method} | ${cell(b.interp)}${mark} | ${formatX100(c.paper?.interp ?? null)} | ${cell(b.extrap)}${mark} | ` +
        `${formatX100(c.paper?.extrap ?? null)} | ${b.bestEpochs.join(", ").replace(/\*/g, "\\*")} | ${c.paper ? c.paper.bestEpochs.join(", ").replace(/\*/g, "\\*") : ""} | ${replaced} |`,
    );
  }
  lines.push("");
  lines.push("## Data");
  for (const s of ctx.dataSources) lines.push(`- ${s}`);
  if (ctx.diverged.length) {
    lines.push("");
    lines.push("## Diverged runs (⚠)");
    lines.push("Training stopped early; the scores are those of the best parameters before the failure.");
    for (const d of ctx.diverged) lines.push(`- ${d.id}: ${d.failure ?? ""}`);
  }
  if (ctx.errors.length) {
    lines.push("");
    lines.push("## Runs that failed with an error (not in the table; re-run to retry)");
    for (const e of ctx.errors) lines.push(`- ${e.id}: ${e.message}`);
  }
  const pngs = ctx.figures.filter((f) => f.endsWith(".png"));
  const gallery = ctx.figures.find((f) => f.endsWith("figures.html"));
  if (pngs.length || gallery) {
    lines.push("");
    lines.push("## Figures");
    if (gallery) lines.push(`All figures, interactive: [${gallery}](${gallery}). Each is also in \`figures/\` as SVG, PNG and plotly JSON.`);
    for (const f of pngs) {
      lines.push("");
      lines.push(`![${figureTitle(f)}](${f})`);
    }
  }
  lines.push("");
  lines.push("## Files");
  lines.push("- `runs.csv`: one row per run; `runs/<id>.json`: each run's config, scores, history and best parameters");
  lines.push("- `table5.csv`: the cells above");
  if (!pngs.length) for (const f of ctx.figures.filter((x) => x !== gallery)) lines.push(`- \`${f}\``);
  if (ctx.exportNote) lines.push(`\n${ctx.exportNote}`);
  lines.push("");
  return lines.join("\n");
}

/** "figures/training-lorenz-blackbox.png" → "training: lorenz blackbox". */
function figureTitle(file: string): string {
  const base = file.replace(/^.*\//, "").replace(/\.png$/, "");
  const [kind, ...rest] = base.split("-");
  return rest.length ? `${kind}: ${rest.join(" ")}` : kind;
}
