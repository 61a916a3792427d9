/**
 * Every solver this library offers, defined once: name, help text and Butcher tableau. The type
 * SolverName, the tuple SOLVER_NAMES and every lookup derive from SOLVERS; adding a solver is one
 * entry there (its tableau is checked at load time by defineTableau). "rk4" here is the classic
 * 1/6-1/3-1/3-1/6 method, not torchdiffeq's 3/8 rule.
 */
import { ButcherTableau, defineTableau, TableauSpec } from "./butcher";
import { polyMul } from "./poly";

/** One solver of the registry: adaptive ones have an embedded pair (bHat) and dense output. */
export interface SolverDefinition<N extends string = string> {
  readonly name: N;
  /** One line for help texts, e.g. "Bogacki–Shampine 3(2), adaptive (torchdiffeq's bosh3)". */
  readonly description: string;
  readonly tableau: ButcherTableau;
  /** Error-controlled steps (true) or `substeps` equal steps per output interval (false). */
  readonly adaptive: boolean;
  /** Order of the propagated solution. */
  readonly order: number;
}

function solver<N extends string>(name: N, description: string, spec: Omit<TableauSpec, "name">): SolverDefinition<N> {
  const tableau = defineTableau({ ...spec, name });
  return { name, description, tableau, adaptive: tableau.bErr !== undefined, order: tableau.order };
}

/**
 * torchdiffeq's dense output (`_interp_fit`): a quartic through y0, y_mid, y1 with slopes f0 = k_first
 * and f1 = k_last, where y_mid = y0 + dt Σ mid_i k_i. As weights on the stages, with B = Σ b_i k_i, M = Σ mid_i k_i:
 * x·f0 + x²(f1 − 4f0 − 5B + 16M) + x³(5f0 − 3f1 + 14B − 32M) + x⁴(2f1 − 2f0 − 8B + 16M).
 */
function midpointQuartic(b: readonly number[], mid: readonly number[]): number[][] {
  const s = b.length;
  const dense: number[][] = [];
  for (let i = 0; i < s; i++) {
    const f0 = i === 0 ? 1 : 0;
    const f1 = i === s - 1 ? 1 : 0;
    const B = b[i];
    const M = mid[i];
    dense.push([0, f0, f1 - 4 * f0 - 5 * B + 16 * M, 5 * f0 - 3 * f1 + 14 * B - 32 * M, 2 * f1 - 2 * f0 - 8 * B + 16 * M]);
  }
  return dense;
}

const DP_C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const DP_B = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];
const DP_A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  DP_B.slice(0, 6),
];
/** Shampine's embedded weights, the ones torchdiffeq's dopri5 uses. */
const DP_BHAT_SHAMPINE = [1951 / 21600, 0, 22642 / 50085, 451 / 720, -12231 / 42400, 649 / 6300, 1 / 60];
/** Hairer's embedded weights (Hairer, Nørsett & Wanner; scipy's RK45): an error estimate 1.5× Shampine's. */
const DP_BHAT_HAIRER = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];
/** torchdiffeq's DPS_C_MID: y(t0 + dt/2) = y0 + dt Σ C_MID_i k_i (Shampine's published constants). */
const DP_C_MID = [
  6025192743 / 30085553152 / 2,
  0,
  51252292925 / 65400821598 / 2,
  -2691868925 / 45128329728 / 2,
  187940372067 / 1594534317056 / 2,
  -1776094331 / 19743644256 / 2,
  11237099 / 235043384 / 2,
];

const DOPRI5_SPEC = {
  order: 5,
  embeddedOrder: 4,
  c: DP_C,
  a: DP_A,
  b: DP_B,
  bHat: DP_BHAT_SHAMPINE,
  fsal: true,
  dense: midpointQuartic(DP_B, DP_C_MID),
  denseOrder: 4,
};

/** Tsitouras (2011) 5(4): weights as in diffrax and OrdinaryDiffEq.jl. */
const TS_B = [
  0.09646076681806522951816731316512876333711995238157997181903319145764851595234062815396,
  1 / 100,
  0.4798896504144995747752495322905965199130404621990332488332634944254542060153074523509,
  1.379008574103741893192274821856872770756462643091360525934940067397245698027561293331,
  -3.290069515436080679901047585711363850115683290894936158531296799594813811049925401677,
  2.324710524099773982415355918398765796109060233222962411944060046314465391054716027841,
  0,
];
const x2: number[] = [0, 0, 1];

const BS_B = [2 / 9, 1 / 3, 4 / 9, 0];

/** The registry, in the order help texts list the solvers. */
export const SOLVERS = [
  solver("euler", "Euler's method, order 1, fixed steps", { order: 1, c: [0], a: [[]], b: [1], fsal: false }),
  solver("rk4", "classic Runge–Kutta, order 4, fixed steps", {
    order: 4,
    c: [0, 0.5, 0.5, 1],
    a: [[], [0.5], [0, 0.5], [0, 0, 1]],
    b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
    fsal: false,
  }),
  solver("dopri5", "Dormand–Prince 5(4), adaptive (torchdiffeq's dopri5: Shampine's error weights)", DOPRI5_SPEC),
  solver("dopri5-hairer", "Dormand–Prince 5(4), adaptive, Hairer's error weights (scipy's RK45)", { ...DOPRI5_SPEC, bHat: DP_BHAT_HAIRER }),
  solver("tsit5", "Tsitouras 5(4), adaptive (as diffrax and OrdinaryDiffEq.jl)", {
    order: 5,
    embeddedOrder: 4,
    c: [0, 161 / 1000, 327 / 1000, 9 / 10, 0.9800255409045096857298102862870245954942137979563024768854764293221195950761080302604, 1, 1],
    a: [
      [],
      [161 / 1000],
      [-0.008480655492356988544426874250230774675121177393430391537369234245294192976164141156943, 0.3354806554923569885444268742502307746751211773934303915373692342452941929761641411569],
      [2.897153057105493432130432594192938764924887287701866490314866693455023795137503079289, -6.359448489975074843148159912383825625952700647415626703305928850207288721235210244366, 4.362295432869581411017727318190886861027813359713760212991062156752264926097707165077],
      [5.325864828439256604428877920840511317836476253097040101202360397727981648835607691791, -11.74888356406282787774717033978577296188744178259862899288666928009020615663593781589, 7.495539342889836208304604784564358155658679161518186721010132816213648793440552049753, -0.09249506636175524925650207933207191611349983406029535244034750452930469056411389539635],
      [5.861455442946420028659251486982647890394337666164814434818157239052507339770711679748, -12.92096931784710929170611868178335939541780751955743459166312250439928519268343184452, 8.159367898576158643180400794539253485181918321135053305748355423955009222648673734986, -0.07158497328140099722453054252582973869127213147363544882721139659546372402303777878835, -0.02826905039406838290900305721271224146717633626879770007617876201276764571291579142206],
      TS_B.slice(0, 6),
    ],
    b: TS_B,
    bHat: [
      0.09468075576583945807478876255758922856117527357724631226139574065785592789071067303271,
      0.009183565540343253096776363936645313759813746240984095238905939532922955247253608687270,
      0.4877705284247615707855642599631228241516691959761363774365216240304071651579571959813,
      1.234297566930478985655109673884237654035539930748192848315425833500484878378061439761,
      -2.707712349983525454881109975059321670689605166938197378763992255714444407154902012702,
      1.866628418170587035753719399566211498666255505244122593996591602841258328965767580089,
      1 / 66,
    ],
    fsal: true,
    dense: [
      polyMul([-1.0530884977290216], [0, 1], [-1.3299890189751412, 1], [0.7139816917074209, -1.4364028541716351, 1]),
      polyMul([0.1017], x2, [1.2949852507374631, -2.1966568338249754, 1]),
      polyMul([2.490627285651252793], x2, [1.57803468208092486, -2.38535645472061657, 1]),
      polyMul([-16.54810288924490272], [-1.21712927295533244, 1], [-0.61620406037800089, 1], x2),
      polyMul([47.37952196281928122], [-1.203071208372362603, 1], [-0.658047292653547382, 1], x2),
      polyMul([-34.87065786149660974], [-1.2, 1], [-0.666666666666666667, 1], x2),
      polyMul([2.5], [-1, 1], [-0.6, 1], x2),
    ],
    denseOrder: 4,
  }),
  solver("bosh3", "Bogacki–Shampine 3(2), adaptive (torchdiffeq's bosh3)", {
    order: 3,
    embeddedOrder: 2,
    c: [0, 1 / 2, 3 / 4, 1],
    a: [[], [1 / 2], [0, 3 / 4], BS_B.slice(0, 3)],
    b: BS_B,
    bHat: [7 / 24, 1 / 4, 1 / 3, 1 / 8],
    fsal: true,
    // torchdiffeq's _BS_C_MID: y_mid = y0 + dt/2·k2, which is off by dt²/8·f' (so first order inside a step).
    dense: midpointQuartic(BS_B, [0, 0.5, 0, 0]),
    denseOrder: 1,
  }),
] as const;

/** Name of a solver in the registry: "euler" | "rk4" | "dopri5" | … */
export type SolverName = (typeof SOLVERS)[number]["name"];

type NamesOf<T extends readonly SolverDefinition[]> = { readonly [K in keyof T]: T[K] extends SolverDefinition<infer N> ? N : never };

/** Every solver name, in registry order, as a readonly tuple (fits `z.enum(SOLVER_NAMES)`). */
export const SOLVER_NAMES = SOLVERS.map((s) => s.name) as unknown as NamesOf<typeof SOLVERS>;

/** The registry keyed by name. */
export const SOLVER_BY_NAME = Object.fromEntries(SOLVERS.map((s) => [s.name, s])) as Readonly<Record<SolverName, SolverDefinition<SolverName>>>;

/** Whether `name` is a solver of the registry. */
export function isSolverName(name: string): name is SolverName {
  return Object.prototype.hasOwnProperty.call(SOLVER_BY_NAME, name);
}

/** The registry entry of `name`; a RangeError listing the solvers when there is none. */
export function solverByName(name: string): SolverDefinition<SolverName> {
  if (!isSolverName(name)) throw new RangeError(`solver method: expected one of ${SOLVER_NAMES.join(", ")}, got "${name}"`);
  return SOLVER_BY_NAME[name];
}

/** The tableau of solver `name` (a RangeError listing the solvers when there is none). */
export function tableauByName(name: string): ButcherTableau {
  return solverByName(name).tableau;
}

/** Tableaus keyed by solver name. */
export const TABLEAUS = Object.fromEntries(SOLVERS.map((s) => [s.name, s.tableau])) as Readonly<Record<SolverName, ButcherTableau>>;

/** Same as SolverName (the older name). */
export type SolverMethod = SolverName;
/** Same as SOLVER_NAMES, as a mutable array (the older name). */
export const SOLVER_METHODS: SolverName[] = [...SOLVER_NAMES];

/** Tableaus under their own names. */
export const EULER = TABLEAUS.euler;
export const RK4 = TABLEAUS.rk4;
/** Dormand–Prince 5(4) exactly as torchdiffeq's dopri5: Shampine's error weights and mid-point interpolant. */
export const DOPRI5 = TABLEAUS.dopri5;
/** The same method with Hairer's error weights (what this library's dopri5 used before; steps differ from torchdiffeq's). */
export const DOPRI5_HAIRER = TABLEAUS["dopri5-hairer"];
/** Tsitouras (2011) 5(4), coefficients and 4th-order interpolant as in diffrax and OrdinaryDiffEq.jl. */
export const TSIT5 = TABLEAUS.tsit5;
