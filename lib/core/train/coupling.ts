/**
 * The homotopy coupling as just another vector field:
 *   du/dt = f(t, u; θ) + λ·k·(û(t) − u),
 * with û a spline of the data, k a scalar or one gain per component, and λ set between solves.
 */
import { savedSizeOf, VectorField } from "../ode/types";

/** Anything that gives û(t) for every component (e.g. a SmoothingSpline). */
export interface Interpolant {
  readonly dim: number;
  evaluate(t: number, out: Float64Array): void;
}

/** The coupled vector field f(t, u) − λ·k·(u − û(t)): the homotopy's synchronisation term as a vector field. */
export class CoupledField implements VectorField {
  readonly inner: VectorField;
  readonly target: Interpolant;
  readonly dim: number;
  readonly nParams: number;
  /** Gain per component. */
  readonly k: Float64Array;
  /** Homotopy parameter; 1 = fully coupled, 0 = the original model. */
  lambda: number;
  private readonly uHat: Float64Array;

  constructor(inner: VectorField, target: Interpolant, k: number | ArrayLike<number>, lambda = 1) {
    if (target.dim !== inner.dim) {
      throw new RangeError(`coupling: the interpolant has ${target.dim} components but the model state has ${inner.dim}`);
    }
    const gains = typeof k === "number" ? new Float64Array(inner.dim).fill(k) : Float64Array.from(k);
    if (gains.length !== inner.dim) throw new RangeError(`coupling: k must be a number or have ${inner.dim} entries, got ${gains.length}`);
    for (const g of gains) if (!(g >= 0) || !Number.isFinite(g)) throw new RangeError(`coupling: k must be finite and ≥ 0, got ${g}`);
    this.inner = inner;
    this.target = target;
    this.dim = inner.dim;
    this.nParams = inner.nParams;
    this.k = gains;
    this.lambda = lambda;
    this.uHat = new Float64Array(inner.dim);
  }

  eval(t: number, u: Float64Array, theta: Float64Array, out: Float64Array): void {
    this.inner.eval(t, u, theta, out);
    this.addCoupling(t, u, out);
  }

  /** The inner field's, when it saves its intermediate values (0: it does not). */
  get savedSize(): number {
    return savedSizeOf(this.inner);
  }

  evalSaving(t: number, u: Float64Array, theta: Float64Array, out: Float64Array, saved: Float64Array, at: number): void {
    (this.inner.evalSaving as NonNullable<VectorField["evalSaving"]>).call(this.inner, t, u, theta, out, saved, at);
    this.addCoupling(t, u, out);
  }

  vjpSaved(t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null, saved: Float64Array, at: number): void {
    (this.inner.vjpSaved as NonNullable<VectorField["vjpSaved"]>).call(this.inner, t, u, theta, uBar, uGrad, thetaGrad, saved, at);
    if (uGrad) this.addCouplingBar(uBar, uGrad);
  }

  /** out += λ·k·(û(t) − u). */
  private addCoupling(t: number, u: Float64Array, out: Float64Array): void {
    if (this.lambda === 0) return;
    this.target.evaluate(t, this.uHat);
    const lam = this.lambda;
    for (let i = 0; i < this.dim; i++) out[i] += lam * this.k[i] * (this.uHat[i] - u[i]);
  }

  /** uGrad −= λ·k ⊙ uBar (the coupling's own u-derivative). */
  private addCouplingBar(uBar: Float64Array, uGrad: Float64Array): void {
    if (this.lambda === 0) return;
    const lam = this.lambda;
    for (let i = 0; i < this.dim; i++) uGrad[i] -= lam * this.k[i] * uBar[i];
  }

  begin(theta: Float64Array): void {
    this.inner.begin?.(theta);
  }

  end(): void {
    this.inner.end?.();
  }

  vjp(t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null): void {
    this.inner.vjp(t, u, theta, uBar, uGrad, thetaGrad);
    if (uGrad) this.addCouplingBar(uBar, uGrad);
  }
}
