/**
 * Figure 5 (right): the Hessian trace followed during training, every N epochs, for any method.
 * It hooks into the training loop's `inspect` callback (θ before each epoch's step), freezes the
 * loss at that θ and runs Hutchinson's estimator on its Hessian.
 *
 * Which loss: "uncoupled" (default) is the rollout MSE all three methods are judged by, so the
 * curves are comparable; "training" is the loss the method is minimising at that epoch (the
 * coupled loss at λ(epoch) for homotopy, as the official PyHessian call on `training_step`;
 * vanilla's is the uncoupled one; multiple shooting's segmented loss is not supported).
 */
import { ExperimentConfig } from "../experiments/config";
import { buildDataset, buildModel, buildSchedule } from "../experiments/build";
import { runExperiment, RunResult, RunOptions } from "../experiments/runner";
import { isSolverError } from "../../core/ode/errors";
import { Rng } from "../../core/random/rng";
import { Dataset } from "../systems/dataset";
import { HvpOptions, HessianOperator } from "../../core/hessian/hvp";
import { TrainingLoss } from "../../core/hessian/loss";
import { configLoss } from "./problem";
import { hutchinsonTrace } from "../../core/hessian/spectrum";

export type TrackedLoss = "uncoupled" | "training";

export interface TraceTrackingOptions {
  /** Measure at epochs 0, every, 2·every, … (default 50). */
  every?: number;
  /** Hutchinson probes at most (default 100) and relative stopping tolerance (default 1e-3), as PyHessian. */
  maxProbes?: number;
  tol?: number;
  /** Probe seed; each epoch gets its own stream, so a measurement does not depend on `every` (default 0). */
  seed?: number;
  loss?: TrackedLoss;
  hvp?: HvpOptions;
}

export interface TracePoint {
  epoch: number;
  /** Hutchinson estimate (NaN if the solve at this θ failed). */
  trace: number;
  standardError: number;
  probes: number;
  /** λ of the tracked loss (0 for the uncoupled loss). */
  lambda: number;
  /** The tracked loss at θ. */
  loss: number;
}

/** Collects trace measurements; pass `inspect` to train() or runExperiment(). */
export class TraceTracker {
  readonly points: TracePoint[] = [];
  readonly every: number;
  private readonly build: (epoch: number, theta: Float64Array) => { loss: TrainingLoss; lambda: number };

  constructor(config: ExperimentConfig, dataset: Dataset, private readonly options: TraceTrackingOptions = {}) {
    this.every = options.every ?? 50;
    if (!Number.isInteger(this.every) || this.every < 1) throw new RangeError(`trace tracking every: expected a whole number ≥ 1, got ${this.every}`);
    const which = options.loss ?? "uncoupled";
    if (which !== "uncoupled" && which !== "training") throw new RangeError(`trace tracking loss: expected "uncoupled" or "training", got "${which}"`);
    if (which === "training" && config.method === "multishoot") {
      throw new RangeError('trace tracking loss "training": multiple shooting\'s segmented loss is not supported; track the "uncoupled" loss');
    }
    const model = buildModel(config);
    const schedule = which === "training" && config.method === "homotopy" ? buildSchedule(config) : null;
    this.build = (epoch, theta) => {
      const lambda = schedule ? schedule.lambda(epoch) : 0;
      return { loss: configLoss(config, dataset, theta, { lambda, model }), lambda };
    };
  }

  /** The training loop's hook. Never throws on a failed solve (it records NaN): a blow-up is the loop's business. */
  readonly inspect = (epoch: number, theta: Float64Array): void => {
    if (epoch % this.every !== 0) return;
    this.points.push(this.measure(epoch, theta));
  };

  /** One measurement at θ (also usable outside a training run). */
  measure(epoch: number, theta: Float64Array): TracePoint {
    const rng = new Rng((this.options.seed ?? 0) * 1000003 + epoch);
    try {
      const { loss, lambda } = this.build(epoch, theta);
      const op = new HessianOperator(loss, theta, this.options.hvp);
      const est = hutchinsonTrace(op, rng, { maxIter: this.options.maxProbes ?? 100, tol: this.options.tol ?? 1e-3 });
      return { epoch, trace: est.trace, standardError: est.standardError, probes: est.samples.length, lambda, loss: loss.referenceValue };
    } catch (e) {
      if (!isSolverError(e)) throw e;
      return { epoch, trace: NaN, standardError: NaN, probes: 0, lambda: NaN, loss: NaN };
    }
  }
}

/** Train one config and track its Hessian trace (Figure 5, right). */
export function trackHessianTrace(
  config: ExperimentConfig,
  options: TraceTrackingOptions & { dataset?: Dataset; onEpoch?: RunOptions["onEpoch"] } = {},
): { run: RunResult; points: TracePoint[] } {
  const dataset = options.dataset ?? buildDataset(config);
  const tracker = new TraceTracker(config, dataset, options);
  const run = runExperiment(config, { dataset, inspect: tracker.inspect, onEpoch: options.onEpoch });
  return { run, points: tracker.points };
}
