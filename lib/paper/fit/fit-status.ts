/**
 * An honest status for a fit, with one line of advice: whether it diverged, whether it was still
 * improving at the end of training, or whether it explains almost none of the data; "ok" otherwise.
 */

export const FIT_STATUSES = ["ok", "diverged", "not-converged", "degenerate"] as const;
export type FitStatus = (typeof FIT_STATUSES)[number];

/** Best epoch in the last this share of the epochs: still improving. */
export const NOT_CONVERGED_SHARE = 0.05;
/** Training-window NMSE above this: the fit explains under 10 % of the data's variation. */
export const DEGENERATE_NMSE = 0.9;
/** One state whose net change is under this share of its range: it rises and falls (or falls and rises). */
const NON_MONOTONE_SHARE = 0.5;

export interface FitAssessment {
  status: FitStatus;
  /** What to try, one line; absent for "ok". */
  advice?: string;
}

/** Whether one state's trajectory rises and then falls (or the reverse): its net change is small against its range. */
export function risesAndFalls(u: ArrayLike<number>): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < u.length; i++) {
    min = Math.min(min, u[i]);
    max = Math.max(max, u[i]);
  }
  return max > min && Math.abs(u[u.length - 1] - u[0]) < NON_MONOTONE_SHARE * (max - min);
}

export interface FitFacts {
  /** The training loop's own status (a non-finite loss or a failed solve is "diverged"). */
  runStatus: "ok" | "diverged";
  failure?: string;
  bestEpoch: number;
  epochs: number;
  interpNmse: number | null;
  /** One-state data: each trajectory's states (to tell a rise-and-fall no autonomous 1-D ODE can follow). */
  oneStateTrajectories: ArrayLike<number>[] | null;
  method: string;
}

/** The status of a finished fit and what to try. */
export function assessFit(f: FitFacts): FitAssessment {
  if (f.runStatus === "diverged" || f.bestEpoch < 0 || f.interpNmse === null) {
    return { status: "diverged", advice: `training diverged: lower --lr (e.g. to half)${f.method === "homotopy" ? " or the coupling strength --k" : ""}; the model.json written is not a model of the data` };
  }
  if (f.oneStateTrajectories && f.oneStateTrajectories.some(risesAndFalls)) {
    return { status: "degenerate", advice: "a one-state autonomous ODE du/dt = f(u) cannot rise and then fall: the data need a hidden state (not yet supported by fit) or a model with time in it" };
  }
  if (f.interpNmse > DEGENERATE_NMSE) {
    return { status: "degenerate", advice: `the fit explains under ${Math.round((1 - DEGENERATE_NMSE) * 100)} % of the training data's variation (NMSE ${f.interpNmse.toPrecision(2)}): try another method (--method), more epochs, a wider network (--widths), or a gray-box model` };
  }
  if (f.bestEpoch >= f.epochs - Math.max(1, Math.ceil(NOT_CONVERGED_SHARE * f.epochs))) {
    return { status: "not-converged", advice: `the best epoch (${f.bestEpoch} of ${f.epochs}) is in the last ${NOT_CONVERGED_SHARE * 100} % of training, so it was still improving: train longer (--epochs ${2 * f.epochs}) or raise --lr` };
  }
  return { status: "ok" };
}
