/**
 * A model seen in scaled coordinates v = (u − shift) / scale: dv/dt = f(t, shift + scale ⊙ v) / scale.
 * Training on centred, unit-size states helps the optimiser, while a model written in the
 * data's units (a gray-box model's equations) keeps its meaning.
 */
import { UniformSource } from "../nn/mlp";
import { Model } from "./model";
import { savedSizeOf } from "../ode/types";

export class ScaledModel implements Model {
  readonly kind: Model["kind"];
  readonly dim: number;
  readonly nParams: number;
  readonly shift: Float64Array;
  readonly scale: Float64Array;
  private readonly u: Float64Array;
  private readonly bar: Float64Array;
  private readonly grad: Float64Array;

  constructor(readonly inner: Model, shift: ArrayLike<number>, scale: ArrayLike<number>) {
    if (shift.length !== inner.dim || scale.length !== inner.dim) throw new RangeError(`scaled model: shift and scale need ${inner.dim} entries`);
    for (let i = 0; i < inner.dim; i++) if (!(scale[i] > 0) || !Number.isFinite(scale[i])) throw new RangeError(`scaled model: scale[${i}] must be a finite number > 0, got ${scale[i]}`);
    this.kind = inner.kind;
    this.dim = inner.dim;
    this.nParams = inner.nParams;
    this.shift = Float64Array.from(shift);
    this.scale = Float64Array.from(scale);
    this.u = new Float64Array(this.dim);
    this.bar = new Float64Array(this.dim);
    this.grad = new Float64Array(this.dim);
  }

  init(rng: UniformSource): Float64Array {
    return this.inner.init(rng);
  }

  private toData(v: Float64Array): Float64Array {
    for (let i = 0; i < this.dim; i++) this.u[i] = this.shift[i] + this.scale[i] * v[i];
    return this.u;
  }

  eval(t: number, v: Float64Array, theta: Float64Array, out: Float64Array): void {
    this.inner.eval(t, this.toData(v), theta, out);
    this.toScaledRate(out);
  }

  vjp(t: number, v: Float64Array, theta: Float64Array, vBar: Float64Array, vGrad: Float64Array | null, thetaGrad: Float64Array | null): void {
    const g = vGrad ? this.grad.fill(0) : null;
    this.inner.vjp(t, this.toData(v), theta, this.rateBar(vBar), g, thetaGrad);
    if (vGrad && g) this.addScaledGrad(g, vGrad);
  }

  /** The inner model's, when it saves its intermediate values (0: it does not). */
  get savedSize(): number {
    return savedSizeOf(this.inner);
  }

  evalSaving(t: number, v: Float64Array, theta: Float64Array, out: Float64Array, saved: Float64Array, at: number): void {
    (this.inner.evalSaving as NonNullable<Model["evalSaving"]>).call(this.inner, t, this.toData(v), theta, out, saved, at);
    this.toScaledRate(out);
  }

  vjpSaved(t: number, v: Float64Array, theta: Float64Array, vBar: Float64Array, vGrad: Float64Array | null, thetaGrad: Float64Array | null, saved: Float64Array, at: number): void {
    const g = vGrad ? this.grad.fill(0) : null;
    (this.inner.vjpSaved as NonNullable<Model["vjpSaved"]>).call(this.inner, t, this.toData(v), theta, this.rateBar(vBar), g, thetaGrad, saved, at);
    if (vGrad && g) this.addScaledGrad(g, vGrad);
  }

  /** out ← out / scale: the data-unit rate as a rate of v. */
  private toScaledRate(out: Float64Array): void {
    for (let i = 0; i < this.dim; i++) out[i] /= this.scale[i];
  }

  /** The adjoint of the inner rate: vBar / scale. */
  private rateBar(vBar: Float64Array): Float64Array {
    for (let i = 0; i < this.dim; i++) this.bar[i] = vBar[i] / this.scale[i];
    return this.bar;
  }

  /** vGrad += g ⊙ scale (u = shift + scale ⊙ v). */
  private addScaledGrad(g: Float64Array, vGrad: Float64Array): void {
    for (let i = 0; i < this.dim; i++) vGrad[i] += g[i] * this.scale[i];
  }

  begin(theta: Float64Array): void {
    this.inner.begin?.(theta);
  }

  end(): void {
    this.inner.end?.();
  }

  describe(): string {
    return `${this.inner.describe()} (trained on scaled states)`;
  }
}
