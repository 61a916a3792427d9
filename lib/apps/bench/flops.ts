/**
 * Counts the floating-point work of one benchmark step: every network evaluation and VJP the step
 * makes, each costed from the network's widths (a batched call counts once per row). Counted by
 * wrapping MLP.forward, MLP.vjp, MLP.forwardBatch and MLP.vjpBatch for one
 * extra (untimed) run of the step, so any case built on MLPs is counted without knowing how it is
 * built, and the timed runs carry no counting overhead.
 *
 * Cost model (multiply and add each count one):
 * - forward: 2·in·out per affine layer (the matrix–vector product);
 * - VJP: the forward pass again (our VJP recomputes it), 2·in·out per layer for the input
 *   adjoint, and 2·in·out per layer for the weight gradient when θ's gradient is wanted.
 * Left out, and so the figures are lower bounds: bias adds, activations (GELU's erf and exp, tanh)
 * and everything outside the networks (solver stages, error norms, spline, loss).
 */
import { MLP } from "../../core/nn/mlp";

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

/** One VJP: the recomputed forward, the input adjoint, and (with θ's gradient) the weight gradient. */
export function vjpFlops(widths: readonly number[], withThetaGradient = true): number {
  const f = forwardFlops(widths);
  return f + f + (withThetaGradient ? f : 0);
}

/** Run `step` once with every MLP's forward and vjp counted; returns its value and the work. */
export function countStepWork<T>(step: () => T): { value: T; work: StepWork } {
  const proto = MLP.prototype;
  const forward = proto.forward;
  const vjp = proto.vjp;
  const forwardBatch = proto.forwardBatch;
  const vjpBatch = proto.vjpBatch;
  const work: StepWork = { evaluations: 0, vjps: 0, flops: 0 };
  proto.forward = function (this: MLP, ...args: Parameters<MLP["forward"]>) {
    work.evaluations++;
    work.flops += forwardFlops(this.widths);
    return forward.apply(this, args);
  };
  proto.vjp = function (this: MLP, ...args: Parameters<MLP["vjp"]>) {
    work.vjps++;
    work.flops += vjpFlops(this.widths, args[4] !== null);
    return vjp.apply(this, args);
  };
  proto.forwardBatch = function (this: MLP, ...args: Parameters<MLP["forwardBatch"]>) {
    const rows = args[3];
    work.evaluations += rows;
    work.flops += rows * forwardFlops(this.widths);
    return forwardBatch.apply(this, args);
  };
  proto.vjpBatch = function (this: MLP, ...args: Parameters<MLP["vjpBatch"]>) {
    const rows = args[5];
    work.vjps += rows;
    work.flops += rows * vjpFlops(this.widths, args[4] !== null);
    return vjpBatch.apply(this, args);
  };
  try {
    return { value: step(), work };
  } finally {
    proto.forward = forward;
    proto.vjp = vjp;
    proto.forwardBatch = forwardBatch;
    proto.vjpBatch = vjpBatch;
  }
}
