/**
 * Lotka–Volterra predator–prey system as the paper's code writes it:
 *   dx/dt = a x − b x y,  dy/dt = c x y − d y,  (a, b, c, d) = (1.3, 0.9, 0.8, 1.8).
 */
import { TrueSystem } from "./system";

/** Lotka–Volterra as the official code writes it: dx/dt = a·x − b·xy, dy/dt = c·xy − d·y, (a, b, c, d) = (1.3, 0.9, 0.8, 1.8). */
export class LotkaVolterra implements TrueSystem {
  readonly name = "lotka-volterra";
  readonly dim = 2;
  readonly nParams = 4;
  readonly stateNames = ["x", "y"] as const;
  readonly paramNames = ["a", "b", "c", "d"] as const;
  readonly defaultParams = Float64Array.from([1.3, 0.9, 0.8, 1.8]);
  readonly defaultU0 = Float64Array.from([0.44249296, 4.6280594]);

  eval(_t: number, u: Float64Array, p: Float64Array, out: Float64Array): void {
    const x = u[0];
    const y = u[1];
    out[0] = p[0] * x - p[1] * x * y;
    out[1] = p[2] * x * y - p[3] * y;
  }

  vjp(_t: number, u: Float64Array, p: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, pGrad: Float64Array | null): void {
    const x = u[0];
    const y = u[1];
    const b0 = uBar[0];
    const b1 = uBar[1];
    if (uGrad) {
      uGrad[0] += b0 * (p[0] - p[1] * y) + b1 * p[2] * y;
      uGrad[1] += -b0 * p[1] * x + b1 * (p[2] * x - p[3]);
    }
    if (pGrad) {
      pGrad[0] += b0 * x;
      pGrad[1] -= b0 * x * y;
      pGrad[2] += b1 * x * y;
      pGrad[3] -= b1 * y;
    }
  }

  jacobian(_t: number, u: Float64Array, p: Float64Array, out: Float64Array): void {
    const x = u[0];
    const y = u[1];
    out[0] = p[0] - p[1] * y;
    out[1] = -p[1] * x;
    out[2] = p[2] * y;
    out[3] = p[2] * x - p[3];
  }
}
