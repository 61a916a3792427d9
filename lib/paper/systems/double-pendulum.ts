/**
 * The ideal double pendulum (point masses m1, m2 on massless rods l1, l2; angles from the
 * downward vertical), state (θ1, θ2, ω1, ω2). Used for the synthetic stand-in of the real data.
 * The default lengths (0.1 m) give angular speeds of the order of the real recording's.
 */
import { TrueSystem } from "./system";
import { cos, sin } from "../../core/index";

/** The ideal double pendulum (angles and angular velocities), the synthetic stand-in for the recording. */
export class DoublePendulum implements TrueSystem {
  readonly name = "double-pendulum";
  readonly dim = 4;
  readonly nParams = 5;
  readonly stateNames = ["theta1", "theta2", "omega1", "omega2"] as const;
  readonly paramNames = ["m1", "m2", "l1", "l2", "g"] as const;
  readonly defaultParams = Float64Array.from([1, 1, 0.1, 0.1, 9.81]);
  /** The first sample of the real recording (trajectory 0). */
  readonly defaultU0 = Float64Array.from([-1.1336150169372559, -1.3008047342300415, -0.53853881359100342, -6.1550583839416504]);
  private readonly jac = new Float64Array(16);
  private readonly fPlus = new Float64Array(4);
  private readonly fMinus = new Float64Array(4);
  private readonly uShift = new Float64Array(4);

  eval(_t: number, u: Float64Array, p: Float64Array, out: Float64Array): void {
    const [m1, m2, l1, l2, g] = [p[0], p[1], p[2], p[3], p[4]];
    const th1 = u[0];
    const th2 = u[1];
    const w1 = u[2];
    const w2 = u[3];
    const delta = th2 - th1;
    const sd = sin(delta);
    const cd = cos(delta);
    const den1 = (m1 + m2) * l1 - m2 * l1 * cd * cd;
    const den2 = (l2 / l1) * den1;
    out[0] = w1;
    out[1] = w2;
    out[2] = (m2 * l1 * w1 * w1 * sd * cd + m2 * g * sin(th2) * cd + m2 * l2 * w2 * w2 * sd - (m1 + m2) * g * sin(th1)) / den1;
    out[3] = (-m2 * l2 * w2 * w2 * sd * cd + (m1 + m2) * (g * sin(th1) * cd - l1 * w1 * w1 * sd - g * sin(th2))) / den2;
  }

  /**
   * ∂f/∂u by central differences of eval (step 1e-6 relative): accurate to about 1e-9, enough for
   * synchronisation analysis. This system is never trained, so no exact θ-gradient is provided.
   */
  jacobian(t: number, u: Float64Array, p: Float64Array, out: Float64Array): void {
    for (let j = 0; j < 4; j++) {
      const h = 1e-6 * Math.max(1, Math.abs(u[j]));
      this.uShift.set(u);
      this.uShift[j] = u[j] + h;
      this.eval(t, this.uShift, p, this.fPlus);
      this.uShift[j] = u[j] - h;
      this.eval(t, this.uShift, p, this.fMinus);
      for (let i = 0; i < 4; i++) out[i * 4 + j] = (this.fPlus[i] - this.fMinus[i]) / (2 * h);
    }
  }

  vjp(t: number, u: Float64Array, p: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, pGrad: Float64Array | null): void {
    if (pGrad) throw new Error("double pendulum: parameter gradients are not provided (the true system is never trained)");
    if (!uGrad) return;
    this.jacobian(t, u, p, this.jac);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) uGrad[j] += uBar[i] * this.jac[i * 4 + j];
  }
}
