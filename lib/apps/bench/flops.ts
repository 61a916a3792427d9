/**
 * Counts the floating-point work of one benchmark step: every network evaluation and VJP the step
 * makes, each costed from the network's widths (a batched call counts once per row). Counted by
 * wrapping MLP's forward and VJP methods (single and batched, recomputing and saved) for one
 * extra (untimed) run of the step, so any case built on MLPs is counted without knowing how it is
 * built, and the timed runs carry no counting overhead.
 *
 * Cost model (multiply and add each count one):
 * - forward: 2·in·out per affine layer (the matrix–vector product);
 * - VJP: 2·in·out per layer for the input adjoint, 2·in·out per layer for the weight gradient when
 *   θ's gradient is wanted, and the forward pass again when the VJP recomputes it (vjp, vjpBatch;
 *   not vjpSaved, vjpBatchSaved, which reuse the values a forwardSaving pass kept).
 * Left out, and so the figures are lower bounds: bias adds, activations (GELU's erf and exp, tanh)
 * and everything outside the networks (solver stages, error norms, spline, loss).
 */
import { MLP } from "../../core/index";

export interface StepWork {
  /** Network evaluations (forward passes) in one step. */
  evaluations: number;
  /** Network VJPs in one step. */
  vjps: number;
  /** Floating-point operations of those, by the cost model above. */
  flops: number;
}

/** Multiply–adds of one forward pass, counted as 2 operations each: Σ 2·in·out over the layers. */
export function forwardFlops(widths: readonly number[]): number {
  let f = 0;
  for (let l = 0; l + 1 < widths.length; l++) f += 2 * widths[l] * widths[l + 1];
  return f;
}

/** One VJP: the recomputed forward (unless saved values are reused), the input adjoint, and (with θ's gradient) the weight gradient. */
export function vjpFlops(widths: readonly number[], withThetaGradient = true, recomputesForward = true): number {
  const f = forwardFlops(widths);
  return (recomputesForward ? f : 0) + f + (withThetaGradient ? f : 0);
}

type Counted = "forward" | "forwardSaving" | "forwardBatch" | "forwardBatchSaving" | "vjp" | "vjpSaved" | "vjpBatch" | "vjpBatchSaved";

/** How to read a counted method's call: rows, whether θ's gradient is wanted, whether it recomputes the forward pass. */
const COUNTED: Record<Counted, (args: unknown[]) => { rows: number; vjp?: { theta: boolean; recomputes: boolean } }> = {
  forward: () => ({ rows: 1 }),
  forwardSaving: () => ({ rows: 1 }),
  forwardBatch: (a) => ({ rows: a[3] as number }),
  forwardBatchSaving: (a) => ({ rows: a[3] as number }),
  vjp: (a) => ({ rows: 1, vjp: { theta: a[4] !== null, recomputes: true } }),
  vjpSaved: (a) => ({ rows: 1, vjp: { theta: a[3] !== null, recomputes: false } }),
  vjpBatch: (a) => ({ rows: a[5] as number, vjp: { theta: a[4] !== null, recomputes: true } }),
  vjpBatchSaved: (a) => ({ rows: a[4] as number, vjp: { theta: a[3] !== null, recomputes: false } }),
};

/** Run `step` once with every MLP's forward and vjp counted; returns its value and the work. */
export function countStepWork<T>(step: () => T): { value: T; work: StepWork } {
  const proto = MLP.prototype as unknown as Record<Counted, (...args: unknown[]) => unknown>;
  const originals = new Map<Counted, (...args: unknown[]) => unknown>();
  const work: StepWork = { evaluations: 0, vjps: 0, flops: 0 };
  for (const name of Object.keys(COUNTED) as Counted[]) {
    const original = proto[name];
    originals.set(name, original);
    proto[name] = function (this: MLP, ...args: unknown[]) {
      const { rows, vjp } = COUNTED[name](args);
      if (vjp) {
        work.vjps += rows;
        work.flops += rows * vjpFlops(this.widths, vjp.theta, vjp.recomputes);
      } else {
        work.evaluations += rows;
        work.flops += rows * forwardFlops(this.widths);
      }
      return original.apply(this, args);
    };
  }
  try {
    return { value: step(), work };
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
}
