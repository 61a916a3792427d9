/** Lorenz system: dx = σ(y − x), dy = x(ρ − z) − y, dz = xy − βz; (σ, ρ, β) = (10, 28, 8/3). */
import { TrueSystem } from "./system";

/** The Lorenz system with the paper's parameters σ = 10, ρ = 28, β = 8/3. */
export class Lorenz implements TrueSystem {
  readonly name = "lorenz";
  readonly dim = 3;
  readonly nParams = 3;
  readonly stateNames = ["x", "y", "z"] as const;
  readonly paramNames = ["sigma", "rho", "beta"] as const;
  readonly defaultParams = Float64Array.from([10, 28, 8 / 3]);
  readonly defaultU0 = Float64Array.from([1.2, 2.1, 1.7]);

  eval(_t: number, u: Float64Array, p: Float64Array, out: Float64Array): void {
    const [x, y, z] = [u[0], u[1], u[2]];
    out[0] = p[0] * (y - x);
    out[1] = x * (p[1] - z) - y;
    out[2] = x * y - p[2] * z;
  }

  vjp(_t: number, u: Float64Array, p: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, pGrad: Float64Array | null): void {
    const [x, y, z] = [u[0], u[1], u[2]];
    const [b0, b1, b2] = [uBar[0], uBar[1], uBar[2]];
    if (uGrad) {
      uGrad[0] += -b0 * p[0] + b1 * (p[1] - z) + b2 * y;
      uGrad[1] += b0 * p[0] - b1 + b2 * x;
      uGrad[2] += -b1 * x - b2 * p[2];
    }
    if (pGrad) {
      pGrad[0] += b0 * (y - x);
      pGrad[1] += b1 * x;
      pGrad[2] -= b2 * z;
    }
  }

  jacobian(_t: number, u: Float64Array, p: Float64Array, out: Float64Array): void {
    const [x, y, z] = [u[0], u[1], u[2]];
    out.set([-p[0], p[0], 0, p[1] - z, -1, -x, y, x, -p[2]]);
  }
}
