/**
 * Second-order model for a state (q, v) of size 2m: dq/dt = v, dv/dt = MLP(q, v; θ).
 * The network sees the whole state and predicts only the m accelerations.
 */
import { ActivationName } from "../nn/activations";
import { MLP, UniformSource } from "../nn/mlp";
import { Model } from "./model";

/** Second-order model: positions' derivatives are the velocities, the network gives the accelerations. */
export class SecondOrderModel implements Model {
  readonly kind = "secondorder" as const;
  readonly mlp: MLP;
  readonly dim: number;
  readonly nParams: number;
  private readonly half: number;
  private readonly accel: Float64Array;
  private readonly accelBar: Float64Array;

  constructor(widths: readonly number[], activation: ActivationName = "gelu") {
    this.mlp = new MLP(widths, activation);
    if (this.mlp.inputDim !== 2 * this.mlp.outputDim) {
      throw new RangeError(
        `second-order model: the input width must be twice the output width (state (q, v) → acceleration), got ${JSON.stringify(widths)}`,
      );
    }
    this.dim = this.mlp.inputDim;
    this.half = this.mlp.outputDim;
    this.nParams = this.mlp.nParams;
    this.accel = new Float64Array(this.half);
    this.accelBar = new Float64Array(this.half);
  }

  init(rng: UniformSource): Float64Array {
    return this.mlp.init(rng);
  }

  eval(_t: number, u: Float64Array, theta: Float64Array, out: Float64Array): void {
    this.mlp.forward(u, theta, this.accel);
    this.assemble(u, out);
  }

  vjp(_t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null): void {
    this.mlp.vjp(u, theta, this.takeAccelBar(uBar), uGrad, thetaGrad);
    if (uGrad) this.addVelocityBar(uBar, uGrad);
  }

  get savedSize(): number {
    return this.mlp.savedSize;
  }

  evalSaving(_t: number, u: Float64Array, theta: Float64Array, out: Float64Array, saved: Float64Array, at: number): void {
    this.mlp.forwardSaving(u, theta, this.accel, saved, at);
    this.assemble(u, out);
  }

  vjpSaved(_t: number, _u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null, saved: Float64Array, at: number): void {
    this.mlp.vjpSaved(theta, this.takeAccelBar(uBar), uGrad, thetaGrad, saved, at);
    if (uGrad) this.addVelocityBar(uBar, uGrad);
  }

  /** out ← (v, the network's accelerations). */
  private assemble(u: Float64Array, out: Float64Array): void {
    const m = this.half;
    for (let i = 0; i < m; i++) {
      out[i] = u[m + i];
      out[m + i] = this.accel[i];
    }
  }

  /** The adjoint of the accelerations: the second half of uBar. */
  private takeAccelBar(uBar: Float64Array): Float64Array {
    const m = this.half;
    for (let i = 0; i < m; i++) this.accelBar[i] = uBar[m + i];
    return this.accelBar;
  }

  /** dq/dt = v: the positions' adjoint flows into the velocities'. */
  private addVelocityBar(uBar: Float64Array, uGrad: Float64Array): void {
    const m = this.half;
    for (let i = 0; i < m; i++) uGrad[m + i] += uBar[i];
  }

  begin(theta: Float64Array): void {
    this.mlp.begin(theta);
  }

  end(): void {
    this.mlp.end();
  }

  describe(): string {
    return `second-order MLP [${this.mlp.widths.join(", ")}] ${this.mlp.activation}`;
  }
}
