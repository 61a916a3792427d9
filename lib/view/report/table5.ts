/**
 * Table 5 from run results: mean ± standard error over seeds (std with ddof 0 / √n, as the
 * original code's calc_mean_and_stderr), best epochs, and the paper's values beside ours.
 */
import pl from "nodejs-polars";
import {
  RunResult, ModelName, SystemName, TrainingMethodName, modelLabel, PAPER_METHODS, paperCell, TABLE5_COLUMNS,
  MeanSe, meanStderr, applyBackupPolicy, backupCellKey, BackupSubstitution,
} from "../../paper/index";

export interface Table5Cell {
  system: SystemName;
  model: ModelName;
  label: string;
  method: TrainingMethodName;
  seeds: number[];
  bestEpochs: number[];
  statuses: string[];
  interp: MeanSe | null;
  extrap: MeanSe | null;
  extrapClean: MeanSe | null;
  seconds: number;
  paper: ReturnType<typeof paperCell>;
  /**
   * The same cell under the paper's backup-seed policy (lib/paper/experiments/backup-seeds.ts):
   * unstable runs replaced by backup seeds; best epochs of backups carry a "*" as in the paper.
   */
  backup: {
    interp: MeanSe | null;
    extrap: MeanSe | null;
    bestEpochs: (number | string)[];
    substitutions: BackupSubstitution[];
  };
}

/**
 * Table 5 cells from the primary runs (seeds 10, 20, 30: the plain cells) and, for the backup
 * column, the backup-seed runs the policy may substitute for unstable ones.
 */
export function table5(runs: RunResult[], backups: RunResult[] = []): Table5Cell[] {
  const policy = applyBackupPolicy(runs, backups);
  const cells: Table5Cell[] = [];
  for (const col of TABLE5_COLUMNS) {
    for (const method of PAPER_METHODS) {
      const inCell = (r: RunResult) => r.config.system === col.system && r.config.model.kind === col.model && r.config.method === method;
      const rs = runs.filter(inCell).sort((a, b) => a.config.seed - b.config.seed);
      if (!rs.length) continue;
      const withBackups = policy.runs.filter(inCell);
      const substitutions = policy.substitutions.get(backupCellKey(rs[0].config)) ?? [];
      const backupSeeds = new Set(substitutions.map((s) => s.backup));
      cells.push({
        system: col.system,
        model: col.model,
        label: modelLabel(col.system, col.model),
        method,
        seeds: rs.map((r) => r.config.seed),
        bestEpochs: rs.map((r) => r.bestEpoch),
        statuses: rs.map((r) => r.status),
        interp: meanStderr(rs.map((r) => r.interpMse)),
        extrap: meanStderr(rs.map((r) => r.extrapMse)),
        extrapClean: meanStderr(rs.map((r) => r.extrapMseClean)),
        seconds: rs.reduce((a, r) => a + r.seconds, 0),
        paper: paperCell(col.system, col.model, method),
        backup: {
          interp: meanStderr(withBackups.map((r) => r.interpMse)),
          extrap: meanStderr(withBackups.map((r) => r.extrapMse)),
          bestEpochs: withBackups.map((r) => (backupSeeds.has(r.config.seed) ? `${r.bestEpoch}*` : r.bestEpoch)),
          substitutions,
        },
      });
    }
  }
  return cells;
}

/** "0.78 ± 0.05" in units of 1e-2, as the paper prints. */
export function formatX100(ms: { mean: number; stderr: number } | null): string {
  if (!ms) return "n/a";
  const f = (x: number) => {
    const v = x * 100;
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  };
  return `${f(ms.mean)} ± ${f(ms.stderr)}`;
}

/** One row per run, as a DataFrame (the runs CSV). */
export function runsFrame(runs: RunResult[]): pl.DataFrame {
  const sorted = runs.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return pl.DataFrame({
    id: sorted.map((r) => r.id),
    system: sorted.map((r) => r.config.system),
    model: sorted.map((r) => r.config.model.kind),
    method: sorted.map((r) => r.config.method),
    seed: pl.Series("seed", sorted.map((r) => r.config.seed), pl.Int64),
    profile: sorted.map((r) => r.config.profile),
    status: sorted.map((r) => r.status),
    interp_mse: sorted.map((r) => r.interpMse),
    extrap_mse: sorted.map((r) => r.extrapMse ?? NaN),
    extrap_mse_clean: sorted.map((r) => r.extrapMseClean ?? NaN),
    best_epoch: pl.Series("best_epoch", sorted.map((r) => r.bestEpoch), pl.Int64),
    epochs: pl.Series("epochs", sorted.map((r) => r.epochs), pl.Int64),
    seconds: sorted.map((r) => r.seconds),
    total_nfe: pl.Series("total_nfe", sorted.map((r) => r.totalNfe), pl.Int64),
    data: sorted.map((r) => r.dataSource),
    failure: sorted.map((r) => r.failure ?? ""),
  });
}

/** Table 5 cells, ours beside the paper's, as a DataFrame (MSE in units of 1e-2 like the paper). */
export function table5Frame(cells: Table5Cell[]): pl.DataFrame {
  return pl.DataFrame({
    model: cells.map((c) => c.label),
    method: cells.map((c) => c.method),
    interp_x1e2: cells.map((c) => formatX100(c.interp)),
    interp_paper_x1e2: cells.map((c) => formatX100(c.paper?.interp ?? null)),
    extrap_x1e2: cells.map((c) => formatX100(c.extrap)),
    extrap_paper_x1e2: cells.map((c) => formatX100(c.paper?.extrap ?? null)),
    extrap_clean_x1e2: cells.map((c) => formatX100(c.extrapClean)),
    interp_backup_x1e2: cells.map((c) => formatX100(c.backup.interp) + (c.backup.substitutions.length ? "*" : "")),
    extrap_backup_x1e2: cells.map((c) => formatX100(c.backup.extrap) + (c.backup.substitutions.length ? "*" : "")),
    best_epochs_backup: cells.map((c) => c.backup.bestEpochs.join(", ")),
    best_epochs: cells.map((c) => c.bestEpochs.join(", ")),
    best_epochs_paper: cells.map((c) => (c.paper ? c.paper.bestEpochs.join(", ") : "")),
    diverged: pl.Series("diverged", cells.map((c) => c.statuses.filter((s) => s !== "ok").length), pl.Int64),
    seconds: cells.map((c) => Math.round(c.seconds * 10) / 10),
  });
}
