/**
 * The vector-field contract every model, coupling and true system implements. The solver only
 * ever sees this interface, never a concrete model.
 */

/** du/dt = f(t, u; θ). All arrays are Float64Array; θ is one flat vector. */
export interface VectorField {
  /** State size. */
  readonly dim: number;
  /** Length of θ (0 for a field without trainable parameters). */
  readonly nParams: number;
  /** out ← f(t, u; θ). `out` never aliases `u`. */
  eval(t: number, u: Float64Array, theta: Float64Array, out: Float64Array): void;
  /**
   * Accumulate uBar·∂f/∂u into uGrad and uBar·∂f/∂θ into thetaGrad (either may be null when not
   * wanted). Must not assume any calling order: it is called in reverse time by the backward sweep.
   */
  vjp(
    t: number,
    u: Float64Array,
    theta: Float64Array,
    uBar: Float64Array,
    uGrad: Float64Array | null,
    thetaGrad: Float64Array | null,
  ): void;
  /**
   * Optional, with evalSaving and vjpSaved: how many doubles the intermediate values of one
   * evaluation take (a network's activations). The solver then saves them for every recorded stage
   * and its backward sweep reuses them instead of evaluating the field again inside vjp.
   */
  readonly savedSize?: number;
  /** eval, also writing into saved[at, at + savedSize) what vjpSaved needs at this (t, u, θ). */
  evalSaving?(t: number, u: Float64Array, theta: Float64Array, out: Float64Array, saved: Float64Array, at: number): void;
  /** vjp at the (t, u, θ) of an evalSaving call that wrote saved[at…]: the same bits as vjp, less work. */
  vjpSaved?(
    t: number,
    u: Float64Array,
    theta: Float64Array,
    uBar: Float64Array,
    uGrad: Float64Array | null,
    thetaGrad: Float64Array | null,
    saved: Float64Array,
    at: number,
  ): void;
  /**
   * Optional: called by the solver before a run of eval/vjp calls that all use this θ (one solve,
   * or one backward sweep); θ is not modified until end(). Lets a field stage θ once.
   */
  begin?(theta: Float64Array): void;
  /** Optional: closes the run begun by begin(); deferred θ-gradients must be added by now. */
  end?(): void;
}

/** Doubles `field` saves per evaluation for vjpSaved; 0 when it does not save (no evalSaving/vjpSaved). */
export function savedSizeOf(field: VectorField): number {
  return field.evalSaving && field.vjpSaved ? (field.savedSize ?? 0) : 0;
}

/** Statistics of one solve. */
export interface SolveStats {
  /** Vector-field evaluations in the forward solve (including initial-step selection). */
  nfe: number;
  accepted: number;
  rejected: number;
}
