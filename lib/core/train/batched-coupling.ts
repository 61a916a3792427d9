/**
 * The homotopy coupling for a batch of trajectories: each trajectory has its own data spline, and
 * the coupled field of the stacked state is CoupledField over a BatchedField with the B splines
 * stacked into one interpolant. Per row this computes exactly what CoupledField computes alone.
 */
import { BatchableField, BatchedField } from "../ode/batched";
import { CoupledField, Interpolant } from "./coupling";

/** B interpolants of d components as one interpolant of B·d components (row b = trajectory b). */
export class StackedInterpolant implements Interpolant {
  readonly parts: readonly Interpolant[];
  readonly dim: number;
  private readonly views: Float64Array[] = [];
  private viewsOf: Float64Array | null = null;

  constructor(parts: readonly Interpolant[]) {
    if (!parts.length) throw new RangeError("stacked interpolant: needs at least one interpolant");
    const d = parts[0].dim;
    parts.forEach((p, b) => {
      if (p.dim !== d) throw new RangeError(`stacked interpolant: interpolant ${b} has ${p.dim} components, expected ${d} like the first`);
    });
    this.parts = parts.slice();
    this.dim = parts.length * d;
  }

  evaluate(t: number, out: Float64Array): void {
    // The coupling passes the same buffer every time: keep its row views.
    if (this.viewsOf !== out) {
      const d = this.parts[0].dim;
      this.views.length = 0;
      for (let b = 0; b < this.parts.length; b++) this.views.push(out.subarray(b * d, (b + 1) * d));
      this.viewsOf = out;
    }
    for (let b = 0; b < this.parts.length; b++) this.parts[b].evaluate(t, this.views[b]);
  }
}

/**
 * du_b/dt = f(t, u_b; θ) + λ·k·(û_b(t) − u_b) for b = 0..B−1 as one vector field of size B·d,
 * with B = targets.length and k a scalar or one gain per component of a single trajectory.
 */
export function batchedCoupledField(model: BatchableField, targets: readonly Interpolant[], k: number | ArrayLike<number>, lambda = 1): CoupledField {
  const d = model.dim;
  const B = targets.length;
  let gains: number | Float64Array = typeof k === "number" ? k : Float64Array.from(k);
  if (typeof gains !== "number") {
    if (gains.length !== d) throw new RangeError(`batched coupling: k must be a number or have ${d} entries, got ${gains.length}`);
    const tiled = new Float64Array(B * d);
    for (let b = 0; b < B; b++) tiled.set(gains, b * d);
    gains = tiled;
  }
  return new CoupledField(new BatchedField(model, B), new StackedInterpolant(targets), gains, lambda);
}
