/**
 * Multiple shooting's training loss as a smooth function of all its trained parameters: θ followed
 * by the segments' initial-condition corrections (what PyHessian sees when called on the training
 * step of a module that owns both). As TrainingLoss does for one rollout, each segment's adaptive
 * step sequence is frozen at a reference point and replayed for every later value and gradient.
 */
import { SolveOptions } from "../ode/solve";
import { tableauByName } from "../ode/tableaus";
import { MultipleShootingObjective } from "../train/objectives";
import { SmoothLoss } from "./loss";

export class SegmentedLoss implements SmoothLoss {
  /** θ's length plus the corrections' (objective.nExtra). */
  readonly n: number;
  readonly nTheta: number;
  /** (θ, corrections) at which the steps were frozen (a copy). */
  readonly reference: Float64Array;
  /** The segmented loss (data MSE + β·continuity) at the reference. */
  readonly referenceValue: number;
  /** Frozen accepted step sizes per segment (null for fixed-step methods). */
  readonly steps: Float64Array[] | null;

  /**
   * @param reference θ followed by the corrections, length model.nParams + objective.nExtra
   * @throws SolverError if a segment's adaptive solve at the reference fails
   */
  constructor(readonly objective: MultipleShootingObjective, reference: Float64Array) {
    this.nTheta = objective.model.nParams;
    this.n = this.nTheta + objective.nExtra;
    if (reference.length !== this.n) {
      throw new RangeError(`segmented loss: the reference must hold θ and the corrections, ${this.nTheta} + ${objective.nExtra} = ${this.n} values, got ${reference.length}`);
    }
    this.reference = Float64Array.from(reference);
    const adaptive = Boolean(tableauByName(objective.solver.method ?? "dopri5").bErr);
    const first = objective.evaluateSegments(this.theta(this.reference), this.extra(this.reference));
    this.referenceValue = first.evaluation.loss;
    this.steps = adaptive ? first.stepSizes : null;
  }

  private theta(p: Float64Array): Float64Array {
    return p.subarray(0, this.nTheta);
  }

  private extra(p: Float64Array): Float64Array {
    return p.subarray(this.nTheta);
  }

  private solverFor = (segment: number): SolveOptions => {
    const steps = this.steps?.[segment];
    // A replayed solve has no error control, so the step guard only needs to cover the frozen steps.
    return steps ? { ...this.objective.solver, replaySteps: steps, maxSteps: steps.length + 1 } : this.objective.solver;
  };

  private evaluate(p: Float64Array) {
    if (p.length !== this.n) throw new RangeError(`segmented loss: expected ${this.n} parameters (θ and corrections), got ${p.length}`);
    return this.objective.evaluateSegments(this.theta(p), this.extra(p), this.solverFor).evaluation;
  }

  value(p: Float64Array): number {
    return this.evaluate(p).loss;
  }

  gradient(p: Float64Array): { value: number; gradient: Float64Array } {
    const ev = this.evaluate(p);
    const gradient = new Float64Array(this.n);
    gradient.set(ev.gradTheta);
    gradient.set(ev.gradExtra, this.nTheta);
    return { value: ev.loss, gradient };
  }
}
