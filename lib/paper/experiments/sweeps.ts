/**
 * Figure 3's sweeps of the Lotka–Volterra black-box model: data length, model width, sampling
 * period and noise level, each point trained with every method. Builds the (validated) configs,
 * matches results back to their sweep points, and scores them against the data and against the
 * noise-free trajectory (the poster's values look scored against the latter).
 */
import tables from "../../../data/paper_tables.json";
import { ExperimentConfig, METHODS, ModelName, Profile, TrainingMethodName, parseConfig, ConfigError, networkModel } from "./config";
import { paperConfig, PAPER_METHODS } from "./paper";
import { buildDataset } from "./build";
import { TrainingBudget, withBudget } from "./budget";
import { RunResult } from "./runner";
import { Dataset, arange } from "../systems/dataset";
import { mse } from "../../core/index";
import { MeanSe, meanStderr } from "./stats";

export type SweepName = "length" | "width" | "dt" | "noise";

export interface SweepSpec {
  name: SweepName;
  title: string;
  /** Axis title of the sweep variable as the paper plots it. */
  xTitle: string;
  /** The paper's config values: tEnd, hidden width, dt, noise amplitude (fraction of each state's mean). */
  values: number[];
  /** The same points in the paper's units (sweepX): training points, width, Δt, noise in %. */
  x: number[];
  /** Key of this sweep in paper_tables.json figure3_poster_approx. */
  posterKey: "train_data_length" | "nodes_per_layer" | "sampling_period_dt" | "noise_percent_of_mean";
}

/** The four panels of Fig. 3; each includes the default point (6.1, 32, 0.1, 5 %). */
export const FIGURE3_SWEEPS: readonly SweepSpec[] = [
  { name: "length", title: "data length", xTitle: "training points (t_end 3.1 / 6.1 / 9.1)", values: [3.1, 6.1, 9.1], x: [31, 61, 91], posterKey: "train_data_length" },
  { name: "width", title: "model width", xTitle: "hidden units", values: [8, 16, 32], x: [8, 16, 32], posterKey: "nodes_per_layer" },
  { name: "dt", title: "sampling period", xTitle: "Δt over [0, 6.1)", values: [0.1, 0.3, 0.5], x: [0.1, 0.3, 0.5], posterKey: "sampling_period_dt" },
  { name: "noise", title: "noise", xTitle: "noise std (% of the mean)", values: [0.05, 0.1, 0.2, 0.5], x: [5, 10, 20, 50], posterKey: "noise_percent_of_mean" },
];

export function findSweep(name: SweepName): SweepSpec {
  const s = FIGURE3_SWEEPS.find((w) => w.name === name);
  if (!s) throw new RangeError(`sweep: expected one of ${FIGURE3_SWEEPS.map((w) => w.name).join(", ")}, got ${String(name)}`);
  return s;
}

/** A copy of `base` with one sweep variable set, validated (throws ConfigError naming the sweep point). */
export function sweepConfig(base: ExperimentConfig, sweep: SweepName, value: number): ExperimentConfig {
  const c = JSON.parse(JSON.stringify(base)) as ExperimentConfig;
  const d = c.data;
  if (sweep !== "width" && d.kind !== "simulated") {
    throw new ConfigError(`sweep ${sweep}: needs simulated data, the base config has data kind ${d.kind}`);
  }
  switch (sweep) {
    case "length":
      if (d.kind === "simulated") d.tEnd = value;
      break;
    case "dt":
      if (d.kind === "simulated") d.dt = value;
      break;
    case "noise":
      // Keep the base's recipe (relative for LV, absolute for Lorenz); no noise becomes relative.
      if (d.kind === "simulated") d.noise = { kind: d.noise.kind === "absolute" ? "absolute" : "relative-to-mean", amplitude: value };
      break;
    case "width": {
      const net = networkModel(c);
      const w = net.widths;
      if (w.length < 3) throw new ConfigError(`sweep width: the model has no hidden layer (widths [${w.join(", ")}])`);
      net.widths = w.map((v, i) => (i === 0 || i === w.length - 1 ? v : value));
      break;
    }
    default:
      throw new ConfigError(`sweep: expected length, width, dt or noise, got ${String(sweep)}`);
  }
  return parseConfig(c, `sweep ${sweep}=${value}`);
}

/** A sweep point in the paper's units: training points (length), hidden units, Δt, or noise in %. */
export function sweepX(sweep: SweepName, config: ExperimentConfig): number {
  const d = config.data;
  switch (sweep) {
    case "length":
      return d.kind === "simulated" ? arange(0, d.tEnd, d.dt).length : d.kind === "table" ? NaN : d.trainPoints;
    case "width":
      return Math.max(...networkModel(config).widths.slice(1, -1));
    case "dt":
      return d.kind === "simulated" ? d.dt : NaN;
    case "noise":
      // Rounded so 0.07 × 100 prints as 7, not 7.000000000000001.
      return d.kind === "simulated" && d.noise.kind !== "none" ? Math.round(d.noise.amplitude * 100 * 1e9) / 1e9 : 0;
  }
}

/** The parts of a config that tell sweep runs apart (robust to key order after a worker round trip). */
export function sweepKey(c: ExperimentConfig): string {
  const d = c.data;
  const data = d.kind === "simulated" ? `${d.tEnd}|${d.dt}|${d.noise.kind}:${d.noise.kind === "none" ? 0 : d.noise.amplitude}|${d.noiseSeed}` : d.kind;
  return [c.system, c.model.kind, networkModel(c).widths.join("-"), c.method, c.seed, c.epochs, c.lr, data].join("|");
}

export interface SweepPoint {
  sweep: SweepName;
  value: number;
  /** The point in the paper's units (sweepX). */
  x: number;
  method: TrainingMethodName;
  seed: number;
  key: string;
}

export interface SweepPlan {
  points: SweepPoint[];
  /** One config per distinct run: the default point is shared by all four sweeps. */
  configs: ExperimentConfig[];
}

export interface SweepPlanOptions {
  profile?: Profile;
  seeds?: readonly number[];
  methods?: readonly TrainingMethodName[];
  sweeps?: readonly SweepName[];
  /** Other values for some sweeps (e.g. fewer points, or t_end 12.1); default: the paper's. */
  values?: Partial<Record<SweepName, readonly number[]>>;
  /** Override the profile's epochs (e.g. a shorter budget for a quick look). */
  budget?: TrainingBudget;
  model?: ModelName;
}

/** Every sweep point × method × seed of Fig. 3, with the distinct configs to run. */
export function figure3Plan(options: SweepPlanOptions = {}): SweepPlan {
  const profile = options.profile ?? "quick";
  const seeds = options.seeds ?? [10, 20, 30];
  const methods = options.methods ?? PAPER_METHODS;
  const sweeps = (options.sweeps ?? FIGURE3_SWEEPS.map((s) => s.name)).map(findSweep);
  const points: SweepPoint[] = [];
  const configs = new Map<string, ExperimentConfig>();
  for (const spec of sweeps) {
    for (const value of options.values?.[spec.name] ?? spec.values) {
      for (const method of methods) {
        for (const seed of seeds) {
          let c = paperConfig("lotka-volterra", options.model ?? "blackbox", method, { profile: profile, seed: seed });
          if (options.budget) c = withBudget(c, options.budget);
          c = sweepConfig(c, spec.name, value);
          const key = sweepKey(c);
          if (!configs.has(key)) configs.set(key, c);
          points.push({ sweep: spec.name, value, x: sweepX(spec.name, c), method, seed, key });
        }
      }
    }
  }
  return { points, configs: [...configs.values()] };
}

/** MSE of a run's best-θ rollout over the training window against the noise-free data (null if unknown). */
export function cleanInterpMse(run: RunResult, ds: Dataset): number | null {
  if (!run.prediction || !ds.train.clean) return null;
  const n = ds.train.t.length * ds.dim;
  const v = mse(run.prediction.u.slice(0, n), ds.train.clean);
  return Number.isFinite(v) ? v : null;
}

export interface SweepRow {
  sweep: SweepName;
  value: number;
  x: number;
  method: TrainingMethodName;
  seed: number;
  status: string;
  /** Best uncoupled MSE against the (noisy) training data, as Table 5. */
  interpMse: number | null;
  /** The same best θ against the noise-free training trajectory. */
  interpMseClean: number | null;
  extrapMse: number | null;
  extrapMseClean: number | null;
  bestEpoch: number;
  epochs: number;
  seconds: number;
}

/**
 * One row per planned point, joined with its run (points whose run is missing are left out).
 * Datasets are rebuilt from the configs (one cheap solve each) for the clean scores.
 */
export function sweepRows(plan: SweepPlan, runs: readonly RunResult[]): SweepRow[] {
  const byKey = new Map<string, RunResult>();
  for (const r of runs) byKey.set(sweepKey(r.config), r);
  const datasets = new Map<string, Dataset>();
  const rows: SweepRow[] = [];
  for (const p of plan.points) {
    const r = byKey.get(p.key);
    if (!r) continue;
    let ds = datasets.get(p.key);
    if (!ds) {
      ds = buildDataset(r.config);
      datasets.set(p.key, ds);
    }
    rows.push({
      sweep: p.sweep,
      value: p.value,
      x: p.x,
      method: p.method,
      seed: p.seed,
      status: r.status,
      interpMse: Number.isFinite(r.interpMse) ? r.interpMse : null,
      interpMseClean: cleanInterpMse(r, ds),
      extrapMse: r.extrapMse,
      extrapMseClean: r.extrapMseClean,
      bestEpoch: r.bestEpoch,
      epochs: r.epochs,
      seconds: r.seconds,
    });
  }
  return rows;
}

export interface SweepCell {
  sweep: SweepName;
  value: number;
  x: number;
  method: TrainingMethodName;
  seeds: number[];
  interp: MeanSe | null;
  interpClean: MeanSe | null;
  extrap: MeanSe | null;
  extrapClean: MeanSe | null;
  bestEpochs: number[];
  /** The poster's approximate value at this point (null where hidden or not a poster point). */
  poster: { interp: number | null; extrap: number | null };
}

/** Mean ± s.e. over seeds per sweep point and method (sweeps in Fig. 3's order, x ascending), with the poster's value beside it. */
export function sweepSummary(rows: readonly SweepRow[]): SweepCell[] {
  const cells: SweepCell[] = [];
  for (const spec of FIGURE3_SWEEPS) {
    const mine = rows.filter((r) => r.sweep === spec.name);
    if (!mine.length) continue;
    const poster = figure3Poster(spec.name);
    const xs = [...new Set(mine.map((r) => r.x))].sort((a, b) => a - b);
    for (const x of xs) {
      const at = poster.x.findIndex((px) => Math.abs(px - x) <= 1e-9 * Math.max(1, Math.abs(x)));
      for (const method of PAPER_METHODS) {
        const rs = mine.filter((r) => r.x === x && r.method === method).sort((a, b) => a.seed - b.seed);
        if (!rs.length) continue;
        cells.push({
          sweep: spec.name,
          value: rs[0].value,
          x,
          method,
          seeds: rs.map((r) => r.seed),
          interp: meanStderr(rs.map((r) => r.interpMse)),
          interpClean: meanStderr(rs.map((r) => r.interpMseClean)),
          extrap: meanStderr(rs.map((r) => r.extrapMse)),
          extrapClean: meanStderr(rs.map((r) => r.extrapMseClean)),
          bestEpochs: rs.map((r) => r.bestEpoch),
          poster: { interp: at >= 0 ? (poster.interp[method]?.[at] ?? null) : null, extrap: at >= 0 ? (poster.extrap[method]?.[at] ?? null) : null },
        });
      }
    }
  }
  return cells;
}

export interface PosterSweep {
  x: number[];
  /** Per method the poster shows (a method it does not show has no entry). */
  interp: Partial<Record<TrainingMethodName, (number | null)[]>>;
  extrap: Partial<Record<TrainingMethodName, (number | null)[]>>;
}

/** The poster's approximate Fig. 3 values of one sweep (mean over 3 seeds; null = marker hidden). */
export function figure3Poster(sweep: SweepName): PosterSweep {
  const p = tables.figure3_poster_approx[findSweep(sweep).posterKey] as {
    x: number[];
    interp: Record<string, (number | null)[]>;
    extrap: Record<string, (number | null)[]>;
  };
  const pick = (m: Record<string, (number | null)[]>) => Object.fromEntries(METHODS.filter((k) => m[k]).map((k) => [k, m[k]])) as PosterSweep["interp"];
  return { x: p.x, interp: pick(p.interp), extrap: pick(p.extrap) };
}
