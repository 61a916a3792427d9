/**
 * Figure 5 (right): the Hessian trace followed during training, every N epochs, for any method.
 * It hooks into the training loop's `inspect` callback (θ before each epoch's step), freezes the
 * loss at that θ and runs Hutchinson's estimator on its Hessian.
 *
 * Which loss: "uncoupled" (default) is the rollout MSE all three methods are judged by, so the
 * curves are comparable; "training" is the loss the method is minimising at that epoch, as the
 * official PyHessian call on `training_step`: the coupled loss at λ(epoch) for homotopy, the
 * segmented loss (data + β·continuity) for multiple shooting, whose Hessian is then taken over θ
 * and the initial-condition corrections together (both are trained parameters of that module),
 * and the uncoupled loss for vanilla.
 */
import { ExperimentConfig } from "../experiments/config";
import { buildDataset, buildModel, buildObjective, buildSchedule } from "../experiments/build";
import { runExperiment, RunResult, RunOptions } from "../experiments/runner";
import {
  isSolverError, Rng, HvpOptions, HessianOperator, SmoothLoss, SegmentedLoss, MultipleShootingObjective,
  hutchinsonTrace,
} from "../../core/index";
import { Dataset } from "../systems/dataset";
import { configLoss } from "./problem";

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
  /** The loss at this epoch and the point its Hessian is taken at (θ, or θ and the corrections). */
  private readonly build: (epoch: number, theta: Float64Array, extra: Float64Array) => { loss: SmoothLoss & { referenceValue: number }; point: Float64Array; lambda: number };

  constructor(config: ExperimentConfig, dataset: Dataset, private readonly options: TraceTrackingOptions = {}) {
    this.every = options.every ?? 50;
    if (!Number.isInteger(this.every) || this.every < 1) throw new RangeError(`trace tracking every: expected a whole number ≥ 1, got ${this.every}`);
    const which = options.loss ?? "uncoupled";
    if (which !== "uncoupled" && which !== "training") throw new RangeError(`trace tracking loss: expected "uncoupled" or "training", got "${which}"`);
    const model = buildModel(config);
    if (which === "training" && config.method === "multishoot") {
      const objective = buildObjective(config, model, dataset) as MultipleShootingObjective;
      this.build = (_epoch, theta, extra) => {
        if (extra.length !== objective.nExtra) {
          throw new RangeError(`trace tracking: multiple shooting's segmented loss needs the ${objective.nExtra} initial-condition corrections, got ${extra.length}`);
        }
        const point = new Float64Array(theta.length + extra.length);
        point.set(theta);
        point.set(extra, theta.length);
        return { loss: new SegmentedLoss(objective, point), point, lambda: 0 };
      };
      return;
    }
    const schedule = which === "training" && config.method === "homotopy" ? buildSchedule(config) : null;
    this.build = (epoch, theta) => {
      const lambda = schedule ? schedule.lambda(epoch) : 0;
      return { loss: configLoss(config, dataset, theta, { lambda, model }), point: theta, lambda };
    };
  }

  /** The training loop's hook. Never throws on a failed solve (it records NaN): a blow-up is the loop's business. */
  readonly inspect = (epoch: number, theta: Float64Array, extra: Float64Array = new Float64Array(0)): void => {
    if (epoch % this.every !== 0) return;
    this.points.push(this.measure(epoch, theta, extra));
  };

  /**
   * One measurement at θ (also usable outside a training run); `extra` holds multiple shooting's
   * corrections when its training loss is tracked.
   */
  measure(epoch: number, theta: Float64Array, extra: Float64Array = new Float64Array(0)): TracePoint {
    const rng = new Rng((this.options.seed ?? 0) * 1000003 + epoch);
    try {
      const { loss, point, lambda } = this.build(epoch, theta, extra);
      const op = new HessianOperator(loss, point, this.options.hvp);
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
