/**
 * The run description of a fit: a table of measurements and the fit's options (as `homotopy-ode
 * fit` takes them) resolved against defaults.ts and validated by the one schema, with k found from
 * the data's spline when not given. The paper's presets (paper.ts, custom.ts) are its siblings.
 */
import { MeasuredData, readMeasuredData, TableColumns, FitInputError } from "../inputs/table";
import { GrayBoxDefinition, readGrayBoxFile } from "../inputs/model-file";
import { couplingStrengthFromData } from "../inputs/coupling-from-data";
import { runDataFromMeasured } from "../inputs/table-run";
import { ConfigError, ExperimentConfig, parseConfig, SolverMethodName, SOLVER_METHODS, TableDataConfig } from "./config";
import {
  DEFAULT_ACTIVATION, DEFAULT_CONTINUITY_WEIGHT, DEFAULT_FIT_EPOCHS, DEFAULT_HIDDEN, DEFAULT_LR, DEFAULT_SCHEDULE_DECAY, DEFAULT_SCHEDULE_STEPS,
  DEFAULT_SEED, DEFAULT_SEGMENTS, DEFAULT_SOLVER, DEFAULT_SPLINE_ALPHA, DEFAULT_TRAIN_FRACTION, DEFAULT_WEIGHT_DECAY,
} from "./defaults";
import { RunData, toScaled } from "../inputs/run-data";
import {
  SmoothingSpline, EpochRecord, TrainState, METHODS, TrainingMethodName, HiddenActivation,
} from "../../core/index";

export type FitMethod = TrainingMethodName;

/** What `fitData` fits: the table and its columns, the training window, normalisation, model, method and training settings. */
export interface FitOptions {
  /** A table file (CSV, TSV, Parquet, JSON records) or data already read. */
  data: string | MeasuredData;
  columns?: TableColumns;
  /** A text table's field separator (default: detected from its header line: comma, semicolon or tab). */
  separator?: string;
  /** Whether numbers are written with a decimal comma (default: detected when the separator is not a comma). */
  decimalComma?: boolean;
  trainUntil?: number;
  trainFraction?: number;
  normalise?: boolean;
  /** "blackbox" (default), a gray-box model file path, or a gray-box definition. */
  model?: "blackbox" | string | GrayBoxDefinition;
  /** Hidden widths of the black-box network (default [32]). */
  widths?: number[];
  activation?: HiddenActivation;
  method?: FitMethod;
  k?: number;
  alpha?: number;
  steps?: number;
  decay?: number;
  epochs?: number;
  lr?: number;
  weightDecay?: number;
  seed?: number;
  solver?: SolverMethodName;
  rtol?: number;
  atol?: number;
  segments?: number;
  continuityWeight?: number;
  u0?: number[];
  onEpoch?: (record: EpochRecord) => void;
  resume?: TrainState;
  checkpointEvery?: number;
  onState?: (state: TrainState, final: boolean) => void;
}

/** Option names as the command line spells them, for messages about a fit's run description. */
const FIT_FLAG_NAMES: Record<string, string> = {
  method: "--method", epochs: "--epochs", lr: "--lr", weightDecay: "--weight-decay", seed: "--seed",
  "model.widths": "--widths", "model.activation": "--activation", "solver.method": "--solver", "solver.rtol": "--rtol", "solver.atol": "--atol",
  "homotopy.k": "--k", "homotopy.alpha": "--alpha", "homotopy.schedule.steps": "--steps", "homotopy.schedule.decay": "--decay", "homotopy.schedule.epochsPerStep": "--epochs",
  "multishoot.segments": "--segments", "multishoot.continuityWeight": "--continuity-weight",
  "data.trainFraction": "--train-fraction", "data.trainUntil": "--train-until", "data.u0": "--u0",
};

function fail(msg: string): never {
  throw new FitInputError(msg);
}

/** Which options go with which method: refused rather than silently ignored. */
function checkMethodOptions(options: FitOptions, method: FitMethod): void {
  if (!(METHODS as readonly string[]).includes(method)) fail(`--method: expected one of ${METHODS.join(", ")}, got "${method}"`);
  const only = (m: FitMethod, pairs: [string, unknown][]) => {
    if (method !== m) for (const [flag, v] of pairs) if (v !== undefined) fail(`${flag}: applies to --method ${m} only, not ${method}`);
  };
  only("homotopy", [["--k", options.k], ["--steps", options.steps], ["--decay", options.decay], ["--alpha", options.alpha]]);
  only("multishoot", [["--segments", options.segments], ["--continuity-weight", options.continuityWeight]]);
  if (options.trainUntil !== undefined && options.trainFraction !== undefined) fail("--train-until and --train-fraction: give one of them");
  if (options.solver !== undefined && !(SOLVER_METHODS as readonly string[]).includes(options.solver)) fail(`--solver: expected one of ${SOLVER_METHODS.join(", ")}, got "${options.solver}"`);
}

function modelOf(options: FitOptions, dim: number): ExperimentConfig["model"] {
  const m = options.model ?? "blackbox";
  if (m === "blackbox") return { kind: "blackbox", widths: [dim, ...(options.widths ?? DEFAULT_HIDDEN), dim], activation: options.activation ?? DEFAULT_ACTIVATION };
  if (options.widths || options.activation) fail("--widths and --activation: a gray-box model file sets each network's widths and activation");
  return typeof m === "string" ? { kind: "equations", definition: readGrayBoxFile(m), file: m } : { kind: "equations", definition: m };
}

/** The homotopy section: λ steps share the epochs (epochs rounded down to a multiple of the steps). */
function homotopyOf(options: FitOptions): { epochs: number; homotopy: NonNullable<ExperimentConfig["homotopy"]> } {
  const steps = options.steps ?? DEFAULT_SCHEDULE_STEPS;
  let epochs = options.epochs ?? DEFAULT_FIT_EPOCHS;
  let epochsPerStep = 1;
  if (Number.isInteger(steps) && steps >= 1 && Number.isInteger(epochs) && epochs >= 1) {
    if (epochs < steps) fail(`--epochs: homotopy with ${steps} λ steps needs at least ${steps} epochs, got ${epochs}`);
    epochsPerStep = Math.floor(epochs / steps);
    epochs = steps * epochsPerStep;
  }
  // k is found from the data's spline once the data are checked (fitConfig); NaN marks "not given" until then.
  const homotopy = { k: options.k ?? NaN, alpha: options.alpha ?? DEFAULT_SPLINE_ALPHA, schedule: { kind: "power-law" as const, steps, epochsPerStep, decay: options.decay ?? DEFAULT_SCHEDULE_DECAY } };
  return { epochs, homotopy };
}

/** A fit's run description: read the table, resolve every default (defaults.ts), validate with the one schema, and find k from the data when not given. */
export function fitConfig(options: FitOptions): { config: ExperimentConfig; data: RunData; measured: MeasuredData } {
  const given = { ...(options.separator !== undefined ? { separator: options.separator } : {}), ...(options.decimalComma !== undefined ? { decimalComma: options.decimalComma } : {}) };
  const measured = typeof options.data === "string" ? readMeasuredData(options.data, options.columns, given) : options.data;
  const method = options.method ?? "homotopy";
  checkMethodOptions(options, method);
  const dim = measured.stateNames.length;
  const data: TableDataConfig = {
    kind: "table",
    path: typeof options.data === "string" ? options.data : measured.source,
    ...(Object.keys(given).length ? { format: given } : {}),
    columns: { ...(options.columns?.time !== undefined ? { time: options.columns.time } : {}), ...(options.columns?.states ? { states: options.columns.states } : {}), ...(options.columns?.trajectory !== undefined ? { trajectory: options.columns.trajectory } : {}), dropMissing: Boolean(options.columns?.dropMissing) },
    trainUntil: options.trainUntil ?? null,
    trainFraction: options.trainFraction ?? DEFAULT_TRAIN_FRACTION,
    normalise: options.normalise ?? true,
    u0: options.u0 ? options.u0.slice() : null,
  };
  const h = method === "homotopy" ? homotopyOf(options) : null;
  const draft = {
    system: "table",
    model: modelOf(options, dim),
    method,
    seed: options.seed ?? DEFAULT_SEED,
    init: "torch",
    data,
    epochs: h ? h.epochs : (options.epochs ?? DEFAULT_FIT_EPOCHS),
    lr: options.lr ?? DEFAULT_LR,
    weightDecay: options.weightDecay ?? DEFAULT_WEIGHT_DECAY,
    solver: { ...DEFAULT_SOLVER, method: options.solver ?? DEFAULT_SOLVER.method, rtol: options.rtol ?? DEFAULT_SOLVER.rtol, atol: options.atol ?? DEFAULT_SOLVER.atol },
    ...(h ? { homotopy: { ...h.homotopy, k: Number.isNaN(h.homotopy.k) ? 0 : h.homotopy.k } } : {}),
    ...(method === "multishoot" ? { multishoot: { segments: options.segments ?? DEFAULT_SEGMENTS, continuityWeight: options.continuityWeight ?? DEFAULT_CONTINUITY_WEIGHT } } : {}),
  };
  let config: ExperimentConfig;
  try {
    config = parseConfig(draft, "fit", FIT_FLAG_NAMES);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message.split("\n")[0]);
    throw e;
  }
  const runData = runDataFromMeasured(measured, data);
  if (config.homotopy && options.k === undefined) {
    const splines = runData.trajectories.map((tr) => {
      const n = tr.trainPoints;
      return new SmoothingSpline(tr.t.slice(0, n), toScaled(tr.u.subarray(0, n * dim), runData.scaling), dim, config.homotopy!.alpha);
    });
    const est = couplingStrengthFromData(splines);
    config.homotopy.k = est.k;
    config.homotopy.kSource = `Theorem-1 helper on the Jacobian of a quadratic field fitted to the data's spline (largest symmetric-part eigenvalue ${est.maxSymEigenvalue.toPrecision(3)}, +10 %, rounded up)`;
  } else if (config.homotopy) config.homotopy.kSource = "given (--k)";
  return { config, data: runData, measured };
}

