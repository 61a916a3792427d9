/** Gray-box (universal differential equation) model: du/dt = MLP(u; θ) + c ⊙ u with known, fixed c. */
import { ActivationName } from "../nn/activations";
import { MLP, UniformSource } from "../nn/mlp";
import { Model } from "./model";

/** Lotka–Volterra with known linear terms and a network for the interactions (the paper's gray-box model). */
export class GrayBoxModel implements Model {
  readonly kind = "graybox" as const;
  readonly mlp: MLP;
  readonly dim: number;
  readonly nParams: number;
  /** The known linear coefficients (Lotka–Volterra: [1.3, −1.8]). */
  readonly c: Float64Array;

  constructor(widths: readonly number[], c: ArrayLike<number>, activation: ActivationName = "gelu") {
    this.mlp = new MLP(widths, activation);
    if (this.mlp.inputDim !== this.mlp.outputDim) {
      throw new RangeError(`gray-box model: first and last widths must equal the state size, got ${JSON.stringify(widths)}`);
    }
    if (c.length !== this.mlp.inputDim) {
      throw new RangeError(`gray-box model: c must have one coefficient per state component (${this.mlp.inputDim}), got ${c.length}`);
    }
    this.c = Float64Array.from(c);
    this.dim = this.mlp.inputDim;
    this.nParams = this.mlp.nParams;
  }

  init(rng: UniformSource): Float64Array {
    return this.mlp.init(rng);
  }

  eval(_t: number, u: Float64Array, theta: Float64Array, out: Float64Array): void {
    this.mlp.forward(u, theta, out);
    this.addKnown(u, out);
  }

  vjp(_t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null): void {
    this.mlp.vjp(u, theta, uBar, uGrad, thetaGrad);
    if (uGrad) this.addKnown(uBar, uGrad);
  }

  /** out += c ⊙ u (the known terms; also their adjoint, as ∂(c ⊙ u)/∂u is diagonal). */
  private addKnown(u: Float64Array, out: Float64Array): void {
    for (let i = 0; i < this.dim; i++) out[i] += this.c[i] * u[i];
  }

  get savedSize(): number {
    return this.mlp.savedSize;
  }

  evalSaving(_t: number, u: Float64Array, theta: Float64Array, out: Float64Array, saved: Float64Array, at: number): void {
    this.mlp.forwardSaving(u, theta, out, saved, at);
    this.addKnown(u, out);
  }

  vjpSaved(_t: number, _u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null, saved: Float64Array, at: number): void {
    this.mlp.vjpSaved(theta, uBar, uGrad, thetaGrad, saved, at);
    if (uGrad) this.addKnown(uBar, uGrad);
  }

  begin(theta: Float64Array): void {
    this.mlp.begin(theta);
  }

  end(): void {
    this.mlp.end();
  }

  describe(): string {
    return `gray-box MLP [${this.mlp.widths.join(", ")}] ${this.mlp.activation} + [${Array.from(this.c).join(", ")}] ⊙ u`;
  }
}
