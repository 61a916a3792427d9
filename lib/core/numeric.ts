/** Small numeric checks shared by the solvers and the training loop. */

/** True when every entry is a finite number (no NaN, no ±∞). */
export function allFinite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
