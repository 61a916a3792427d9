/** Black-box NeuralODE: du/dt = MLP(u; θ). */
import { ActivationName } from "../nn/activations";
import { MLP, UniformSource } from "../nn/mlp";
import { Model } from "./model";
import { BatchableField } from "../ode/batched";

/** du/dt = MLP(u): the black-box NeuralODE. */
export class BlackBoxModel implements Model, BatchableField {
  readonly kind = "blackbox" as const;
  readonly mlp: MLP;
  readonly dim: number;
  readonly nParams: number;

  constructor(widths: readonly number[], activation: ActivationName = "gelu") {
    this.mlp = new MLP(widths, activation);
    if (this.mlp.inputDim !== this.mlp.outputDim) {
      throw new RangeError(`black-box model: first and last widths must equal the state size, got ${JSON.stringify(widths)}`);
    }
    this.dim = this.mlp.inputDim;
    this.nParams = this.mlp.nParams;
  }

  init(rng: UniformSource): Float64Array {
    return this.mlp.init(rng);
  }

  eval(_t: number, u: Float64Array, theta: Float64Array, out: Float64Array): void {
    this.mlp.forward(u, theta, out);
  }

  vjp(_t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null): void {
    this.mlp.vjp(u, theta, uBar, uGrad, thetaGrad);
  }

  get savedSize(): number {
    return this.mlp.savedSize;
  }

  evalSaving(_t: number, u: Float64Array, theta: Float64Array, out: Float64Array, saved: Float64Array, at: number): void {
    this.mlp.forwardSaving(u, theta, out, saved, at);
  }

  vjpSaved(_t: number, _u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null, saved: Float64Array, at: number): void {
    this.mlp.vjpSaved(theta, uBar, uGrad, thetaGrad, saved, at);
  }

  /** All rows through the network in one batched call (see BatchedField). */
  evalBatch(_t: number, u: Float64Array, theta: Float64Array, out: Float64Array, batch: number): void {
    this.mlp.forwardBatch(u, theta, out, batch);
  }

  vjpBatch(_t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null, batch: number): void {
    this.mlp.vjpBatch(u, theta, uBar, uGrad, thetaGrad, batch);
  }

  savedSizeFor(batch: number): number {
    return this.mlp.savedSizeFor(batch);
  }

  evalBatchSaving(_t: number, u: Float64Array, theta: Float64Array, out: Float64Array, batch: number, saved: Float64Array, at: number): void {
    this.mlp.forwardBatchSaving(u, theta, out, batch, saved, at);
  }

  vjpBatchSaved(
    _t: number,
    _u: Float64Array,
    theta: Float64Array,
    uBar: Float64Array,
    uGrad: Float64Array | null,
    thetaGrad: Float64Array | null,
    batch: number,
    saved: Float64Array,
    at: number,
  ): void {
    this.mlp.vjpBatchSaved(theta, uBar, uGrad, thetaGrad, batch, saved, at);
  }

  begin(theta: Float64Array): void {
    this.mlp.begin(theta);
  }

  end(): void {
    this.mlp.end();
  }

  describe(): string {
    return `black-box MLP [${this.mlp.widths.join(", ")}] ${this.mlp.activation}`;
  }
}
