/**
 * A known dynamical system: a vector field whose θ is its physical parameter vector, with the
 * defaults the paper uses. Its Jacobian in u is available for synchronisation analysis.
 */
import { VectorField, SystemWithJacobian } from "../../core/index";

/** A known dynamical system: its parameters are θ, with the paper's defaults and an exact Jacobian. */
export interface TrueSystem extends SystemWithJacobian {
  readonly name: string;
  readonly stateNames: readonly string[];
  readonly paramNames: readonly string[];
  /** The paper's parameter values (θ for eval/vjp). */
  readonly defaultParams: Float64Array;
  /** The paper's initial condition. */
  readonly defaultU0: Float64Array;
  /** ∂f/∂u at (t, u), row-major dim × dim. */
  jacobian(t: number, u: Float64Array, params: Float64Array, out: Float64Array): void;
}

/** A VectorField view of a system with its parameters fixed (θ of length 0). */
export class FixedParams implements VectorField {
  readonly dim: number;
  readonly nParams = 0;
  constructor(readonly system: TrueSystem, readonly params: Float64Array = system.defaultParams) {
    this.dim = system.dim;
  }
  eval(t: number, u: Float64Array, _theta: Float64Array, out: Float64Array): void {
    this.system.eval(t, u, this.params, out);
  }
  vjp(t: number, u: Float64Array, _theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null): void {
    this.system.vjp(t, u, this.params, uBar, uGrad, null);
  }
}
