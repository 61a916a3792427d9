/**
 * The loss whose landscape or spectrum is analysed, built from the paper's recipe for a system
 * and model: data (optionally at another length), the model initialised as PyTorch seed s would,
 * the paper's dopri5 tolerances, and, for k > 0, the coupled loss with the paper's spline
 * (Figure 2: LV black-box at initialisation, t_end ∈ {3.1, 5.1, 7.1, 9.1}, k ∈ {0, 0.2, 0.4, 0.8}).
 */
import { ExperimentConfig, ModelName, SystemName, parseConfig } from "../experiments/config";
import { findModel, paperConfig } from "../experiments/paper";
import { buildDataset, buildModel, initialTheta, solverOptions, trainingData } from "../experiments/build";
import { Dataset } from "../systems/dataset";
import { Model, SmoothingSpline, TrainingLoss } from "../../core/index";

export interface AnalysisProblemOptions {
  system: SystemName;
  model: ModelName;
  /** Seed of the PyTorch-identical initial θ (default 10). */
  seed?: number;
  /** Training window [0, tEnd) for simulated systems (default: the paper's). */
  tEnd?: number;
  /** Coupling strength; 0 or omitted = the uncoupled loss. */
  k?: number;
  /** Homotopy parameter of the coupled loss (default 1). */
  lambda?: number;
  /** Spline smoothing α of the coupling (default: the paper's for the system). */
  alpha?: number;
  /** Analyse at this θ instead of the initial one. */
  theta?: Float64Array;
  /** Reuse a dataset already built for this config. */
  dataset?: Dataset;
}

export interface AnalysisProblem {
  config: ExperimentConfig;
  dataset: Dataset;
  model: Model;
  /** θ at which the loss is frozen (the initial θ unless given). */
  theta: Float64Array;
  loss: TrainingLoss;
  k: number;
  lambda: number;
  alpha: number;
  /** e.g. "LV black-box, t_end 9.1, k 0.4, seed 10". */
  label: string;
}

/** The paper config of the problem (vanilla method; only data, model, seed and solver matter here). */
export function analysisConfig(options: AnalysisProblemOptions): ExperimentConfig {
  const base = paperConfig(options.system, options.model, "vanilla", { seed: options.seed ?? 10, profile: "full" });
  if (options.tEnd === undefined) return base;
  if (base.data.kind !== "simulated") {
    throw new RangeError(`tEnd: only simulated systems can change their data length; ${options.system} uses ${base.data.kind} data`);
  }
  if (!(options.tEnd > 0) || !Number.isFinite(options.tEnd)) throw new RangeError(`tEnd: expected a finite number > 0, got ${options.tEnd}`);
  return parseConfig({ ...base, data: { ...base.data, tEnd: options.tEnd } });
}

/** The training loss of a paper model at initialisation (or given θ), coupled with k, for Hessian analysis. */
export function analysisProblem(options: AnalysisProblemOptions): AnalysisProblem {
  const k = options.k ?? 0;
  if (!(k >= 0) || !Number.isFinite(k)) throw new RangeError(`k: expected a finite number ≥ 0, got ${k}`);
  const lambda = options.lambda ?? 1;
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`lambda: expected a number in [0, 1], got ${lambda}`);
  const alpha = options.alpha ?? findModel(options.system, options.model).alpha;
  const config = analysisConfig(options);
  const dataset = options.dataset ?? buildDataset(config);
  const model = buildModel(config);
  const theta = options.theta ? Float64Array.from(options.theta) : initialTheta(config, model);
  if (theta.length !== model.nParams) throw new RangeError(`theta: the ${model.describe()} has ${model.nParams} parameters, got ${theta.length}`);
  const data = trainingData(dataset);
  const coupling = k > 0 && lambda > 0 ? { interpolant: new SmoothingSpline(data.t, data.u, dataset.dim, alpha), k, lambda } : null;
  const loss = new TrainingLoss(model, data, theta, { solver: solverOptions(config), coupling });
  const tEnd = config.data.kind === "simulated" ? `, t_end ${config.data.tEnd}` : "";
  const label = `${findModel(options.system, options.model).label}${tEnd}, k ${k}${k > 0 && lambda !== 1 ? `, λ ${lambda}` : ""}, seed ${config.seed}`;
  return { config, dataset, model, theta, loss, k, lambda, alpha, label };
}

export interface ConfigLossOptions {
  /** Homotopy parameter: 0 (default) = the uncoupled loss; > 0 needs a homotopy config (its k and spline α). */
  lambda?: number;
  /** Reuse a model built from this config. */
  model?: Model;
}

/**
 * The rollout loss of a training config at θ, frozen there: the uncoupled MSE, or the coupled
 * loss at λ with the config's k and spline α (what homotopy trains on at that λ).
 */
export function configLoss(config: ExperimentConfig, dataset: Dataset, theta: Float64Array, options: ConfigLossOptions = {}): TrainingLoss {
  const lambda = options.lambda ?? 0;
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`lambda: expected a number in [0, 1], got ${lambda}`);
  const model = options.model ?? buildModel(config);
  const data = trainingData(dataset);
  let coupling = null;
  if (lambda > 0) {
    const h = config.homotopy;
    if (!h) throw new RangeError(`lambda ${lambda}: a coupled loss needs a homotopy config (k and spline α); this one is ${config.method}`);
    if (h.k > 0) coupling = { interpolant: new SmoothingSpline(data.t, data.u, dataset.dim, h.alpha), k: h.k, lambda };
  }
  return new TrainingLoss(model, data, theta, { solver: solverOptions(config), coupling });
}
