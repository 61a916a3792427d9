/**
 * Butcher tableaus of the explicit Runge–Kutta methods, looked up by name (torchdiffeq's habit).
 * "rk4" here is the classic 1/6-1/3-1/3-1/6 method, not torchdiffeq's 3/8 rule.
 */

export type SolverMethod = "euler" | "rk4" | "dopri5";

export interface ButcherTableau {
  readonly name: SolverMethod;
  /** Order of the propagated solution. */
  readonly order: number;
  readonly stages: number;
  readonly c: readonly number[];
  /** Row i holds a[i][0..i-1]. */
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
  /** Weights of the embedded error estimate (b − b̂); adaptive methods only. */
  readonly bErr?: readonly number[];
  /** First Same As Last: the last stage is evaluated at the new state and reused as the next first stage. */
  readonly fsal: boolean;
  /** Dense output: per stage, polynomial coefficients in x = (t − t0)/dt (lowest power first) of W_i(x), with y(t) = y0 + dt Σ W_i(x) k_i. */
  readonly dense?: readonly (readonly number[])[];
}

export const EULER: ButcherTableau = { name: "euler", order: 1, stages: 1, c: [0], a: [[]], b: [1], fsal: false };

export const RK4: ButcherTableau = {
  name: "rk4",
  order: 4,
  stages: 4,
  c: [0, 0.5, 0.5, 1],
  a: [[], [0.5], [0, 0.5], [0, 0, 1]],
  b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  fsal: false,
};

const DP_B = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];
const DP_BHAT = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];
/** torchdiffeq's DPS_C_MID: y(t0 + dt/2) = y0 + dt Σ C_MID_i k_i. */
const DP_C_MID = [
  6025192743 / 30085553152 / 2,
  0,
  51252292925 / 65400821598 / 2,
  -2691868925 / 45128329728 / 2,
  187940372067 / 1594534317072 / 2,
  -1776094331 / 19743644256 / 2,
  11237099 / 235043384 / 2,
];

/**
 * torchdiffeq's 4th-order dense output (`_interp_fit`): a quartic through y0, y_mid, y1 with slopes
 * f0 = k1 and f1 = k7. Written as weights on the stages, with B = Σ b_i k_i, M = Σ c_mid_i k_i:
 * x·k1 + x²(k7 − 4k1 − 5B + 16M) + x³(5k1 − 3k7 + 14B − 32M) + x⁴(2k7 − 2k1 − 8B + 16M).
 */
function dopri5Dense(): number[][] {
  const dense: number[][] = [];
  for (let i = 0; i < 7; i++) {
    const f0 = i === 0 ? 1 : 0;
    const f1 = i === 6 ? 1 : 0;
    const B = DP_B[i];
    const M = DP_C_MID[i];
    dense.push([
      0,
      f0,
      f1 - 4 * f0 - 5 * B + 16 * M,
      5 * f0 - 3 * f1 + 14 * B - 32 * M,
      2 * f1 - 2 * f0 - 8 * B + 16 * M,
    ]);
  }
  return dense;
}

export const DOPRI5: ButcherTableau = {
  name: "dopri5",
  order: 5,
  stages: 7,
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    DP_B.slice(0, 6),
  ],
  b: DP_B,
  bErr: DP_B.map((b, i) => b - DP_BHAT[i]),
  fsal: true,
  dense: dopri5Dense(),
};

export const TABLEAUS: Readonly<Record<SolverMethod, ButcherTableau>> = { euler: EULER, rk4: RK4, dopri5: DOPRI5 };

export function tableauByName(name: string): ButcherTableau {
  const t = (TABLEAUS as Record<string, ButcherTableau | undefined>)[name];
  if (!t) throw new RangeError(`solver method: expected one of ${Object.keys(TABLEAUS).join(", ")}, got "${name}"`);
  return t;
}
