/**
 * A fit of measured time series seen from the user's side: the run description comes from
 * `fitConfig` (experiments/table-config.ts) and trains on the paper's runner; this module views the
 * prepared run and its result in the terms of a fit: per-trajectory predictions and scores in the
 * data's own units, and the settings model.json records.
 */
import { MeasuredData, readMeasuredData } from "../inputs/table";
import { runDataFromMeasured } from "../inputs/table-run";
import { fitModelSpec, tableRunModels } from "../experiments/table-models";
import { fitConfig, FitMethod, FitOptions } from "../experiments/table-config";
import { FitModelSpec } from "../inputs/fit-model";
import { ConfigError, ExperimentConfig, SolverMethodName, TableDataConfig } from "../experiments/config";
import { prepareRun, PreparedRun } from "../experiments/prepare";
import { RunData, Scaling } from "../inputs/run-data";
import { assessFit, FitStatus } from "./fit-status";
import { grayBoxOf } from "../inputs/fit-model";
import { RunOptions, RunResult, rolloutRun, runPrepared } from "../experiments/run-on-dataset";
import {
  Model, SolveOptions, SmoothingSpline, TrainingData, EpochRecord, METHODS, HIDDEN_ACTIVATIONS,
} from "../../core/index";

export { buildFitModel, grayBoxOf } from "../inputs/fit-model";
export type { FitModelSpec } from "../inputs/fit-model";
export { fromScaled, toScaled } from "../inputs/run-data";
export type { Scaling } from "../inputs/run-data";

export { fitConfig };
export type { FitMethod, FitOptions };
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
  /** ok, diverged, not-converged (best epoch in the last 5 %) or degenerate (explains almost nothing); see fit-status.ts. */
  status: FitStatus;
  /** What to try, when the status is not ok. */
  advice?: string;
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
  return prepareTableFit(config, data, measured);
}

function prepareTableFit(config: ExperimentConfig, data: RunData, measured: MeasuredData): PreparedFit {
  return preparedFitOf(prepareRun(config, data, tableRunModels(config, data)), measured);
}

/** A table run's description (e.g. from a checkpoint) prepared as a fit; reads its table unless given. */
export function prepareFitConfig(config: ExperimentConfig, measured?: MeasuredData): PreparedFit {
  if (config.data.kind !== "table") throw new ConfigError(`fit: this run's data are ${config.data.kind}, not a table of measurements`);
  const table = measured ?? readMeasuredData(config.data.path, config.data.columns, config.data.format);
  return prepareTableFit(config, runDataFromMeasured(table, config.data), table);
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
  const dim = prep.data.stateNames.length;
  const assessment = assessFit({
    runStatus: result.status,
    failure: result.failure,
    bestEpoch: result.bestEpoch,
    epochs: result.epochs,
    interpNmse: scores.interp.nmse,
    oneStateTrajectories: dim === 1 ? prep.trajectories.map((tr) => tr.u) : null,
    method: result.config.method,
  });
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
      status: assessment.status,
      ...(assessment.advice ? { advice: assessment.advice } : {}),
      failure: result.failure,
    },
    fits: prep.trajectories.map((tr, j) => ({ id: tr.id, t: Array.from(tr.t), data: Array.from(tr.u), prediction: scores.predictions[j], trainPoints: tr.trainPoints })),
  };
}

/** A gray-box fit's learned physical parameters at the best θ, name → value (fixed ones left out); null for a black-box fit. */
export function learnedParameters(result: Pick<FitResult, "model" | "theta">): Record<string, number> | null {
  const gb = grayBoxOf(result.model);
  if (!gb) return null;
  const values = gb.physicalValues(result.theta);
  return Object.fromEntries(gb.learned.map((i) => [gb.physical[i].name, values[i]]));
}

/** Train a prepared fit and score its best θ (the library's fitData = prepareFit + runFit). */
export function runFit(prep: PreparedFit, options: Pick<FitOptions, "onEpoch" | "resume" | "checkpointEvery" | "onState"> & Pick<RunOptions, "shouldStop"> = {}): FitResult {
  return fitResultOf(prep, runPrepared(prep.run, options));
}

/** Fit a model to measured data: what `homotopy-ode fit` runs. */
export function fitData(options: FitOptions): FitResult {
  return runFit(prepareFit(options), options);
}

