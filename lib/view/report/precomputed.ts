/**
 * Precomputed results that ship with the repository: the runs of a `reproduce` folder packed into
 * one small JSON file per system (`homotopy-ode pack DIR --out precomputed/full`), and read back as
 * RunResults for the notebooks. Metrics and best θ keep every bit (a test compares them with a fresh
 * run); predictions and training histories only feed figures, so they are rounded and the histories
 * thinned to a few hundred epochs (`history.epochs` names the epochs kept).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RunResult, SYSTEMS, SystemName } from "../../paper/index";
import { writeJsonAtomic, UsageError } from "../../core/index";

export const PRECOMPUTED_FORMAT = "homotopy-ode precomputed runs";
export const PRECOMPUTED_VERSION = 1;
/** The folder the full-profile results ship in (the repository's precomputed/full). */
export const PRECOMPUTED_FULL_DIR = path.resolve(__dirname, "..", "..", "..", "precomputed", "full");
/** How the shipped files are regenerated (printed by the notebooks and written into each file). */
export const PRECOMPUTED_COMMAND =
  "node bin/homotopy-ode.js reproduce --profile full --jobs 2 --out results-full && node bin/homotopy-ode.js pack results-full --out precomputed/full";

/** Significant digits of the figure-only numbers: more than a plot can show. */
const HISTORY_DIGITS = 5;
const PREDICTION_DIGITS = 6;
/** The seed whose runs the notebooks draw, so the one whose θ ships by default. */
export const PRECOMPUTED_THETA_SEEDS: readonly number[] = [10];

export interface PackOptions {
  /** At most about this many epochs of each history are kept (plus plateau edges and the best epoch). Default 200. */
  historyPoints?: number;
  /** Seeds whose best θ is kept (others get an empty bestTheta); "all" keeps every θ. Default [10]. */
  thetaSeeds?: readonly number[] | "all";
  /** Write all runs into one file of this name (e.g. "figure3-length") instead of one file per system. */
  name?: string;
}

export interface PrecomputedFile {
  format: string;
  version: number;
  profile: string;
  /** The file's name: a system (one file per system) or the name given to pack (e.g. "figure3-length"). */
  name: string;
  /** The command that regenerates the file. */
  command: string;
  historyPoints: number;
  /** Seeds whose best θ the file holds ("all" or a list). */
  thetaSeeds: readonly number[] | "all";
  runs: RunResult[];
}

const round = (x: number, digits: number): number => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);

/**
 * The epochs a thinned history keeps: every `stride`-th, the first and last, the best epoch (and any
 * `also`), and both sides of every change of λ, so plateaus and the best-epoch marker stay exact.
 */
export function keptEpochs(lambda: ArrayLike<number>, length: number, bestEpoch: number, maxPoints: number, also: readonly number[] = []): number[] {
  const stride = Math.max(1, Math.ceil(length / maxPoints));
  const keep = new Set<number>();
  for (let e = 0; e < length; e += stride) keep.add(e);
  if (length > 0) keep.add(length - 1);
  for (const e of [bestEpoch, ...also]) if (e >= 0 && e < length) keep.add(e);
  for (let e = 1; e < Math.min(length, lambda.length); e++) {
    if (lambda[e] !== lambda[e - 1]) {
      keep.add(e - 1);
      keep.add(e);
    }
  }
  return [...keep].sort((a, b) => a - b);
}

/** One run made compact: exact metrics and θ, rounded prediction, thinned and rounded history. */
export function packRun(run: RunResult, options: PackOptions = {}): RunResult {
  const h = run.history;
  const epochs = h.epochs ?? h.mse.map((_, e) => e);
  // The worst epoch too: a spike of the MSE is what a thinned curve must not hide.
  const worst = h.mse.reduce((w, x, i) => (x > h.mse[w] || (Number.isNaN(x) && !Number.isNaN(h.mse[w])) ? i : w), 0);
  const positions = keptEpochs(h.lambda, h.mse.length, epochs.indexOf(run.bestEpoch), options.historyPoints ?? 200, [worst]);
  const pick = (xs: number[], digits: number | null) => (xs.length === h.mse.length ? positions.map((i) => (digits === null ? xs[i] : round(xs[i], digits))) : []);
  const thetaSeeds = options.thetaSeeds ?? PRECOMPUTED_THETA_SEEDS;
  const packed: RunResult = {
    ...run,
    history: {
      epochs: positions.map((i) => epochs[i]),
      mse: pick(h.mse, HISTORY_DIGITS),
      loss: pick(h.loss, HISTORY_DIGITS),
      // λ only moves in homotopy runs (it is what the figures' λ axis and plateau slider read).
      lambda: run.config.method === "homotopy" ? pick(h.lambda, null) : [],
      nfe: [],
      ms: [],
    },
    prediction: run.prediction
      ? { ...run.prediction, t: run.prediction.t.map((x) => round(x, PREDICTION_DIGITS)), u: run.prediction.u.map((x) => round(x, PREDICTION_DIGITS)) }
      : null,
    bestTheta: thetaSeeds === "all" || thetaSeeds.includes(run.config.seed) ? run.bestTheta : [],
  };
  return packed;
}

const byId = (a: RunResult, b: RunResult) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.config.data.kind === "simulated" && b.config.data.kind === "simulated" ? a.config.data.tEnd - b.config.data.tEnd : 0);

/** Pack runs into one file per system, or one file named `options.name` (runs sorted by id); all must share one profile. */
export function packRuns(runs: RunResult[], options: PackOptions = {}): PrecomputedFile[] {
  const profiles = [...new Set(runs.map((r) => r.config.profile ?? "full"))];
  if (profiles.length !== 1) throw new RangeError(`pack: expected runs of one profile, got ${profiles.length ? profiles.join(", ") : "no runs"}`);
  if (options.name !== undefined && !/^[A-Za-z0-9_-]+$/.test(options.name)) throw new RangeError(`pack name: expected letters, digits, "-" or "_", got "${options.name}"`);
  const groups = options.name !== undefined ? [options.name] : [...new Set(runs.map((r) => r.config.system as string))].sort();
  return groups.map((name) => ({
    format: PRECOMPUTED_FORMAT,
    version: PRECOMPUTED_VERSION,
    profile: profiles[0],
    name: name,
    command: options.name === undefined ? PRECOMPUTED_COMMAND : "see docs/precomputed.md",
    historyPoints: options.historyPoints ?? 200,
    thetaSeeds: options.thetaSeeds ?? PRECOMPUTED_THETA_SEEDS,
    runs: runs
      .filter((r) => options.name !== undefined || r.config.system === name)
      .sort(byId)
      .map((r) => packRun(r, options)),
  }));
}

/** Write packed files as DIR/<name>.json (atomically); returns the paths written. */
export function writePrecomputed(dir: string, files: PrecomputedFile[]): string[] {
  return files.map((f) => {
    const file = path.join(dir, `${f.name}.json`);
    writeJsonAtomic(file, f);
    return file;
  });
}

export class PrecomputedError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "PrecomputedError";
  }
}

/** The packed runs of DIR/<name>.json, name a system or a named pack (default DIR: the shipped full-profile results). */
export function loadPrecomputed(name: SystemName | string, dir: string = PRECOMPUTED_FULL_DIR): PrecomputedFile {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) throw new PrecomputedError(`${file}: no precomputed results named ${name}; see docs/precomputed.md for how to regenerate them`);
  const value = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<PrecomputedFile>;
  if (value.format !== PRECOMPUTED_FORMAT || value.version !== PRECOMPUTED_VERSION || !Array.isArray(value.runs)) {
    throw new PrecomputedError(`${file}: expected a "${PRECOMPUTED_FORMAT}" file of version ${PRECOMPUTED_VERSION}`);
  }
  return value as PrecomputedFile;
}

/** The packed runs of several systems (every system with a file in DIR if none are named; named packs such as figure3-length are not systems). */
export function loadPrecomputedRuns(systems?: SystemName[], dir: string = PRECOMPUTED_FULL_DIR): RunResult[] {
  const names = systems ?? SYSTEMS.filter((s) => fs.existsSync(path.join(dir, `${s}.json`)));
  return names.flatMap((s) => loadPrecomputed(s, dir).runs);
}
