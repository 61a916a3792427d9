/** The typed failure of an ODE solve: what went wrong, where, and how far the solver got. */

export type SolverFailure = "step-underflow" | "max-steps" | "non-finite";

/** A solve that could not finish (step underflow, too many steps, non-finite state), with t, dt and the counts. */
export class SolverError extends Error {
  readonly kind: SolverFailure;
  /** Time the solver had reached. */
  readonly t: number;
  /** Step size at the failure. */
  readonly dt: number;
  readonly nfe: number;
  readonly accepted: number;
  readonly rejected: number;

  constructor(kind: SolverFailure, detail: { t: number; dt: number; nfe: number; accepted: number; rejected: number }, message: string) {
    super(
      `${message} (t = ${detail.t.toPrecision(6)}, dt = ${detail.dt.toPrecision(3)}, ` +
        `${detail.accepted} accepted / ${detail.rejected} rejected steps, ${detail.nfe} evaluations)`,
    );
    this.name = "SolverError";
    this.kind = kind;
    this.t = detail.t;
    this.dt = detail.dt;
    this.nfe = detail.nfe;
    this.accepted = detail.accepted;
    this.rejected = detail.rejected;
  }
}

export function isSolverError(e: unknown): e is SolverError {
  return e instanceof SolverError;
}
