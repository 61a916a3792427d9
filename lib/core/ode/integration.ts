/** What one forward integration works on: the problem, where its outputs and counts go, and its tape. */
import { ButcherTableau } from "./butcher";
import { Tape } from "./tape";
import { SolveStats, VectorField } from "./types";

export interface Integration {
  readonly field: VectorField;
  readonly theta: Float64Array;
  readonly tableau: ButcherTableau;
  readonly u0: Float64Array;
  /** Output times, strictly increasing. */
  readonly ts: Float64Array;
  /** States at ts (ts.length × dim), us[0..dim) already u0. */
  readonly us: Float64Array;
  readonly stats: SolveStats;
  /** The record for backward(), or null when the solve records nothing. */
  readonly tape: Tape | null;
  /** Guard on step attempts (accepted + rejected). */
  readonly maxSteps: number;
}
