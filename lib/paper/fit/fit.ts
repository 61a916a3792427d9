/**
 * Fitting a model to measured time series (the method applied to anyone's data): `fitConfig`
 * turns a table and the fit's options into a run description (the same schema, runner, rollout
 * and checkpoints as the paper's configs), and this module views the run's result in the terms of
 * a fit: per-trajectory predictions and scores in the data's own units.
 */
import { MeasuredData, readMeasuredData, TableColumns, FitInputError } from "./table";
import { GrayBoxDefinition, readGrayBoxFile } from "./model-file";
import { couplingStrengthFromData } from "./coupling-from-data";
import { fitModelSpec, runDataFromMeasured, splitMeasured, tableRunModels } from "./table-run";
import { FitModelSpec } from "./fit-model";
import { ConfigError, ExperimentConfig, parseConfig, SolverMethodName, SOLVER_METHODS, TableDataConfig } from "../experiments/config";
import {
  DEFAULT_ACTIVATION, DEFAULT_CONTINUITY_WEIGHT, DEFAULT_FIT_EPOCHS, DEFAULT_HIDDEN, DEFAULT_LR, DEFAULT_SCHEDULE_DECAY, DEFAULT_SCHEDULE_STEPS,
  DEFAULT_SEED, DEFAULT_SEGMENTS, DEFAULT_SOLVER, DEFAULT_SPLINE_ALPHA, DEFAULT_TRAIN_FRACTION, DEFAULT_WEIGHT_DECAY,
} from "../experiments/defaults";
import { prepareRun, PreparedRun } from "../experiments/prepare";
import { RunData, Scaling, toScaled } from "../experiments/run-data";
import { RunOptions, RunResult, rolloutRun, runPrepared } from "../experiments/run-on-dataset";
import { Model } from "../../core/models/model";
import { SolveOptions } from "../../core/ode/solve";
import { SmoothingSpline } from "../../core/interp/spline";
import { TrainingData } from "../../core/train/objectives";
import { EpochRecord, TrainState, RunStatus } from "../../core/train/loop";
import { METHODS, TrainingMethodName } from "../../core/train/methods";
import { HIDDEN_ACTIVATIONS, HiddenActivation } from "../../core/nn/activations";

export { buildFitModel, grayBoxOf } from "./fit-model";
export type { FitModelSpec } from "./fit-model";
export { fromScaled, toScaled } from "../experiments/run-data";
export type { Scaling } from "../experiments/run-data";

export type FitMethod = TrainingMethodName;
export const FIT_METHODS = METHODS;
export const FIT_ACTIVATIONS = HIDDEN_ACTIVATIONS;

/** Everything that decides a fit, as model.json records it (a view of the run description). */
export interface FitSettings {
  method: FitMethod;
  model: FitModelSpec;
  normalise: boolean;
  /** Training window: times up to trainUntil after each trajectory's start, else this fraction of its span. */
  trainUntil: number | null;
  trainFraction: number;
  epochs: number;
  lr: number;
  weightDecay: number;
  seed: number;
  solver: { method: SolverMethodName; rtol: number; atol: number; maxSteps: number };
  homotopy: { k: number; kSource: string; alpha: number; steps: number; decay: number; epochsPerStep: number } | null;
  multishoot: { segments: number; continuityWeight: number } | null;
  /** Initial condition (data units) replacing the first sample of the single trajectory. */
  u0: number[] | null;
}

/** What `fitData` fits: the table and its columns, the training window, normalisation, model, method and training settings. */
export interface FitOptions {
  /** A table file (CSV, TSV, Parquet, JSON records) or data already read. */
  data: string | MeasuredData;
  columns?: TableColumns;
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

/** A trajectory with its training window. */
export interface SplitTrajectory {
  id: string;
  t: Float64Array;
  u: Float64Array;
  trainPoints: number;
}

/** A checked fit, ready to train: nothing has been computed or written yet. */
export interface PreparedFit {
  /** The run description and the prepared run behind this fit. */
  config: ExperimentConfig;
  run: PreparedRun;
  settings: FitSettings;
  data: MeasuredData;
  trajectories: SplitTrajectory[];
  scaling: Scaling;
  /** The model in data units (gray-box equations; black-box: the network on scaled states). */
  model: Model;
  /** The model as trained (in scaled coordinates when normalising). */
  trainModel: Model;
  theta0: Float64Array;
  /** Per trajectory: training window in training coordinates. */
  training: TrainingData[];
  splines: SmoothingSpline[] | null;
}

export interface TrajectoryFit {
  id: string;
  t: number[];
  /** Data and prediction (data units), t.length × dim row-major. */
  data: number[];
  prediction: number[] | null;
  trainPoints: number;
}

export interface FitMetrics {
  interpMse: number | null;
  extrapMse: number | null;
  interpNmse: number | null;
  extrapNmse: number | null;
  /** Per-state MSE (data units) on each window. */
  interpMseByState: (number | null)[];
  extrapMseByState: (number | null)[];
  bestEpoch: number;
  epochs: number;
  seconds: number;
  status: RunStatus;
  failure?: string;
}

/** A finished fit: the model and best θ, metrics in data units (MSE and NMSE), history and per-trajectory predictions. */
export interface FitResult extends PreparedFit {
  theta: Float64Array;
  metrics: FitMetrics;
  history: EpochRecord[];
  fits: TrajectoryFit[];
  /** Training-window variance per state (the NMSE denominators). */
  variance: number[];
  /** The run's result as `train` and `reproduce` see it. */
  result: RunResult;
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
  const measured = typeof options.data === "string" ? readMeasuredData(options.data, options.columns) : options.data;
  const method = options.method ?? "homotopy";
  checkMethodOptions(options, method);
  const dim = measured.stateNames.length;
  const data: TableDataConfig = {
    kind: "table",
    path: typeof options.data === "string" ? options.data : measured.source,
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

/** model.json's settings: the run description seen as a fit. */
export function fitSettingsOf(config: ExperimentConfig): FitSettings {
  const d = config.data as TableDataConfig;
  const h = config.homotopy;
  const sch = h?.schedule;
  return {
    method: config.method,
    model: fitModelSpec(config),
    normalise: d.normalise,
    trainUntil: d.trainUntil,
    trainFraction: d.trainFraction,
    epochs: config.epochs,
    lr: config.lr,
    weightDecay: config.weightDecay,
    seed: config.seed,
    solver: { method: config.solver.method, rtol: config.solver.rtol, atol: config.solver.atol, maxSteps: config.solver.maxSteps },
    homotopy: config.method === "homotopy" && h && sch?.kind === "power-law" ? { k: h.k, kSource: h.kSource ?? "given", alpha: h.alpha, steps: sch.steps, decay: sch.decay, epochsPerStep: sch.epochsPerStep } : null,
    multishoot: config.method === "multishoot" && config.multishoot ? { segments: config.multishoot.segments, continuityWeight: config.multishoot.continuityWeight } : null,
    u0: d.u0 ? d.u0.slice() : null,
  };
}

/** A prepared run of a table, seen as a fit. */
export function preparedFitOf(run: PreparedRun, measured: MeasuredData): PreparedFit {
  return {
    config: run.config,
    run,
    settings: fitSettingsOf(run.config),
    data: measured,
    trajectories: run.data.trajectories,
    scaling: run.data.scaling,
    model: run.model,
    trainModel: run.trainModel,
    theta0: run.theta0,
    training: run.training,
    splines: run.splines,
  };
}

/** Resolve the settings, read and check the data and the model: every input problem is raised here. */
export function prepareFit(options: FitOptions): PreparedFit {
  const { config, data, measured } = fitConfig(options);
  return preparedFitOf(prepareRun(config, data, tableRunModels(config, data)), measured);
}

/** A table run's description (e.g. from a checkpoint) prepared as a fit; reads its table unless given. */
export function prepareFitConfig(config: ExperimentConfig, measured?: MeasuredData): PreparedFit {
  if (config.data.kind !== "table") throw new ConfigError(`fit: this run's data are ${config.data.kind}, not a table of measurements`);
  const table = measured ?? readMeasuredData(config.data.path, config.data.columns);
  const data = runDataFromMeasured(table, config.data);
  return preparedFitOf(prepareRun(config, data, tableRunModels(config, data)), table);
}

/** The solver options of a fit's settings (model.json). */
export function solverOptionsOf(settings: FitSettings): SolveOptions {
  return { method: settings.solver.method, rtol: settings.solver.rtol, atol: settings.solver.atol, maxSteps: settings.solver.maxSteps };
}

/** Roll the trained model out over each trajectory's times, in data units (null where the solver fails). */
export function rolloutTrajectories(prep: PreparedFit, theta: Float64Array): (Float64Array | null)[] {
  return rolloutRun(prep.run, theta);
}

/** A finished run of a table seen as a fit: best θ, scores in data units, history and per-trajectory predictions. */
export function fitResultOf(prep: PreparedFit, result: RunResult): FitResult {
  const scores = result.trajectories;
  if (!scores) throw new ConfigError(`fit result: run ${result.id} has no per-trajectory scores (not a table run)`);
  const h = result.history;
  return {
    ...prep,
    theta: result.bestEpoch >= 0 ? Float64Array.from(result.bestTheta) : Float64Array.from(prep.theta0),
    variance: prep.run.data.variance,
    history: h.mse.map((mse, epoch) => ({ epoch, loss: h.loss[epoch], mse, lambda: h.lambda[epoch], nfe: h.nfe[epoch], ms: h.ms[epoch] })),
    result,
    metrics: {
      interpMse: scores.interp.mse,
      extrapMse: scores.extrap.mse,
      interpNmse: scores.interp.nmse,
      extrapNmse: scores.extrap.nmse,
      interpMseByState: scores.interp.byState,
      extrapMseByState: scores.extrap.byState,
      bestEpoch: result.bestEpoch,
      epochs: result.epochs,
      seconds: result.seconds,
      status: result.status,
      failure: result.failure,
    },
    fits: prep.trajectories.map((tr, j) => ({ id: tr.id, t: Array.from(tr.t), data: Array.from(tr.u), prediction: scores.predictions[j], trainPoints: tr.trainPoints })),
  };
}

/** Train a prepared fit and score its best θ (the library's fitData = prepareFit + runFit). */
export function runFit(prep: PreparedFit, options: Pick<FitOptions, "onEpoch" | "resume" | "checkpointEvery" | "onState"> & Pick<RunOptions, "shouldStop"> = {}): FitResult {
  return fitResultOf(prep, runPrepared(prep.run, options));
}

/** Fit a model to measured data: what `homotopy-ode fit` runs. */
export function fitData(options: FitOptions): FitResult {
  return runFit(prepareFit(options), options);
}

export { splitMeasured };
