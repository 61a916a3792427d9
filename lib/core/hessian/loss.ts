/**
 * A training loss as a smooth function of θ, for Hessian analysis.
 *
 * An adaptive solver chooses its steps from the solution, so its loss is only piecewise smooth in
 * θ, and finite differences across a change of step sequence are noise. `TrainingLoss` therefore
 * solves once at a reference θ and replays that accepted step sequence for every later value and
 * gradient (for fixed-step methods there is nothing to freeze). The Hessian it yields is that of
 * the loss the training gradient differentiates (step sizes are constants for the gradient too).
 */
import { VectorField } from "../ode/types";
import { solve, SolveOptions } from "../ode/solve";
import { tableauByName } from "../ode/tableaus";
import { isSolverError } from "../ode/errors";
import { CoupledField, Interpolant } from "../train/coupling";
import { TrainingData } from "../train/objectives";
import { mse, mseGradient } from "../train/loss";

/** A scalar function of θ with its gradient: what Hessian-vector products and landscapes need. */
export interface SmoothLoss {
  /** Length of θ. */
  readonly n: number;
  value(theta: Float64Array): number;
  gradient(theta: Float64Array): { value: number; gradient: Float64Array };
}

/** The coupled (homotopy) loss: du/dt = f + λ·k·(û − u). */
export interface CouplingSpec {
  interpolant: Interpolant;
  k: number | ArrayLike<number>;
  /** Homotopy parameter (default 1: the fully coupled problem). */
  lambda?: number;
}

export interface TrainingLossOptions {
  solver: SolveOptions;
  /** Omit (or null) for the uncoupled rollout MSE. */
  coupling?: CouplingSpec | null;
}

/** The rollout MSE (elementwise mean, as the paper's code) of a model, optionally coupled, frozen at a reference θ. */
export class TrainingLoss implements SmoothLoss {
  readonly n: number;
  readonly field: VectorField;
  readonly model: VectorField;
  readonly data: TrainingData;
  readonly options: TrainingLossOptions;
  /** θ at which the step sequence was frozen (a copy). */
  readonly reference: Float64Array;
  /** The frozen accepted step sizes (null for fixed-step methods). */
  readonly steps: Float64Array | null;
  /** Loss at the reference θ. */
  readonly referenceValue: number;
  private readonly replay: SolveOptions;

  /**
   * @param model the vector field being trained (θ of length model.nParams)
   * @param data training times, observations (times × dim) and u0
   * @param reference θ at which to freeze the adaptive step sequence
   * @throws SolverError if the adaptive solve at the reference θ fails
   */
  constructor(model: VectorField, data: TrainingData, reference: Float64Array, options: TrainingLossOptions) {
    if (reference.length !== model.nParams) {
      throw new RangeError(`training loss: reference θ must have length ${model.nParams} (the model's parameters), got ${reference.length}`);
    }
    if (data.u.length !== data.t.length * model.dim) {
      throw new RangeError(`training loss: data.u must have ${data.t.length} × ${model.dim} = ${data.t.length * model.dim} values, got ${data.u.length}`);
    }
    this.model = model;
    this.data = data;
    this.options = options;
    this.n = model.nParams;
    const c = options.coupling;
    this.field = c ? new CoupledField(model, c.interpolant, c.k, c.lambda ?? 1) : model;
    this.reference = Float64Array.from(reference);
    const adaptive = Boolean(tableauByName(options.solver.method ?? "dopri5").bErr);
    const sol = solve(this.field, data.u0, data.t, this.reference, { ...options.solver, record: adaptive });
    this.steps = adaptive ? sol.stepSizes : null;
    this.referenceValue = mse(sol.us, data.u);
    // A replayed solve has no error control, so the step guard only needs to cover the frozen steps.
    this.replay = adaptive
      ? { ...options.solver, replaySteps: this.steps as Float64Array, maxSteps: (this.steps as Float64Array).length + 1 }
      : { ...options.solver };
  }

  /** The same loss frozen at another θ (a fresh adaptive solve picks the new step sequence). */
  at(theta: Float64Array): TrainingLoss {
    return new TrainingLoss(this.model, this.data, theta, this.options);
  }

  value(theta: Float64Array): number {
    const sol = solve(this.field, this.data.u0, this.data.t, theta, { ...this.replay, record: false });
    return mse(sol.us, this.data.u);
  }

  gradient(theta: Float64Array): { value: number; gradient: Float64Array } {
    const sol = solve(this.field, this.data.u0, this.data.t, theta, { ...this.replay, record: true });
    const value = mse(sol.us, this.data.u);
    return { value, gradient: sol.backward(mseGradient(sol.us, this.data.u)).theta };
  }

  /**
   * The loss as training sees it at θ: a fresh adaptive solve (what landscapes plot). A solver
   * failure (blow-up, step underflow, too many steps) gives +Infinity rather than an exception.
   */
  adaptiveValue(theta: Float64Array, maxSteps?: number): number {
    try {
      const opts: SolveOptions = { ...this.options.solver, record: false };
      if (maxSteps !== undefined) opts.maxSteps = maxSteps;
      const sol = solve(this.field, this.data.u0, this.data.t, theta, opts);
      const v = mse(sol.us, this.data.u);
      return Number.isFinite(v) ? v : Infinity;
    } catch (e) {
      if (isSolverError(e)) return Infinity;
      throw e;
    }
  }
}
