/**
 * Butcher tableaus of the explicit Runge–Kutta methods, looked up by name (torchdiffeq's habit).
 * Every tableau is built by defineTableau(), which checks its invariants (as diffrax does), so a
 * mistyped coefficient fails at load time instead of silently changing the steps.
 * "rk4" here is the classic 1/6-1/3-1/3-1/6 method, not torchdiffeq's 3/8 rule.
 */

export type SolverMethod = "euler" | "rk4" | "dopri5" | "dopri5-hairer" | "tsit5";

export interface ButcherTableau {
  readonly name: SolverMethod;
  /** Order of the propagated solution (also the controller's exponent 1/order, as torchdiffeq). */
  readonly order: number;
  /** Order of the embedded solution b̂; adaptive methods only. */
  readonly embeddedOrder?: number;
  readonly stages: number;
  readonly c: readonly number[];
  /** Row i holds a[i][0..i-1]. */
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
  /** Embedded weights b̂; adaptive methods only. */
  readonly bHat?: readonly number[];
  /** Weights of the error estimate, b − b̂ (derived from bHat). */
  readonly bErr?: readonly number[];
  /** First Same As Last: the last stage is evaluated at the new state and reused as the next first stage. */
  readonly fsal: boolean;
  /** Dense output: per stage, polynomial coefficients in x = (t − t0)/dt (lowest power first) of W_i(x), with y(t) = y0 + dt Σ W_i(x) k_i. */
  readonly dense?: readonly (readonly number[])[];
  /** Order of the dense output inside a step. */
  readonly denseOrder?: number;
}

export type TableauSpec = Omit<ButcherTableau, "stages" | "bErr">;

/**
 * Residuals this large or larger mean a coefficient is wrong. Exact fractions leave ~1e-16 and
 * Tsit5's published decimals ~1e-14; torchdiffeq's mistyped mid-point constant (…072 for …056)
 * left 6e-13, which this bound catches.
 */
export const TABLEAU_TOLERANCE = 1e-13;

/** Points x inside a step at which the dense output's order conditions are checked. */
const DENSE_CHECK_POINTS = [0.25, 0.5, 0.8];

/** A rooted tree as its list of child subtrees (the empty list is the single node). */
type RootedTree = readonly RootedTree[];

/** All rooted trees with 1..maxOrder nodes, grouped by order (1, 1, 2, 4, 9, 20, … of them). */
export function rootedTrees(maxOrder: number): RootedTree[][] {
  const byOrder: RootedTree[][] = [[], [[]]];
  const all: { tree: RootedTree; order: number }[] = [{ tree: [], order: 1 }];
  for (let n = 2; n <= maxOrder; n++) {
    const trees: RootedTree[] = [];
    // Children as a multiset: indices into `all` in non-decreasing order, orders summing to n − 1.
    const pick = (start: number, remaining: number, children: RootedTree[]): void => {
      if (remaining === 0) {
        trees.push(children.slice());
        return;
      }
      for (let i = start; i < all.length; i++) {
        if (all[i].order > remaining) continue;
        children.push(all[i].tree);
        pick(i, remaining - all[i].order, children);
        children.pop();
      }
    };
    pick(0, n - 1, []);
    byOrder.push(trees);
    for (const tree of trees) all.push({ tree, order: n });
  }
  return byOrder.slice(1, maxOrder + 1);
}

function treeOrder(t: RootedTree): number {
  return 1 + t.reduce((s, child) => s + treeOrder(child), 0);
}

/** γ(t): the tree's density; the order condition is Σ b_i Φ_i(t) = 1/γ(t). */
function treeDensity(t: RootedTree): number {
  return treeOrder(t) * t.reduce((p, child) => p * treeDensity(child), 1);
}

/** Φ_i(t) for every stage i: the product over children u of (A Φ(u))_i. */
function elementaryWeights(a: readonly (readonly number[])[], t: RootedTree): Float64Array {
  const s = a.length;
  const phi = new Float64Array(s).fill(1);
  for (const child of t) {
    const inner = elementaryWeights(a, child);
    for (let i = 0; i < s; i++) {
      let acc = 0;
      for (let j = 0; j < a[i].length; j++) acc += a[i][j] * inner[j];
      phi[i] *= acc;
    }
  }
  return phi;
}

function polyval(coeffs: readonly number[], x: number): number {
  let s = 0;
  for (let p = coeffs.length - 1; p >= 0; p--) s = s * x + coeffs[p];
  return s;
}

export interface TableauCheck {
  /** What is checked, e.g. "Σb = 1", "row 3 of a sums to c[3]", "b order-4 condition 2 of 4". */
  condition: string;
  residual: number;
}

/**
 * Every invariant of a tableau with its residual: weights sum to 1, rows of a sum to c, the order
 * conditions of b up to `order` and of b̂ up to `embeddedOrder`, FSAL structure, and a dense
 * output that starts at y0 and ends at y1.
 */
export function tableauChecks(spec: TableauSpec): TableauCheck[] {
  const out: TableauCheck[] = [];
  const s = spec.c.length;
  const sum = (v: readonly number[]) => v.reduce((x, y) => x + y, 0);
  for (let i = 0; i < s; i++) {
    out.push({ condition: `row ${i} of a sums to c[${i}]`, residual: Math.abs(sum(spec.a[i]) - spec.c[i]) });
  }
  const trees = rootedTrees(Math.max(spec.order, spec.embeddedOrder ?? 0));
  const orderConditions = (weights: readonly number[], order: number, label: string) => {
    for (let p = 1; p <= order; p++) {
      trees[p - 1].forEach((tree, k) => {
        const phi = elementaryWeights(spec.a, tree);
        let acc = 0;
        for (let i = 0; i < s; i++) acc += weights[i] * phi[i];
        const condition = p === 1 ? `Σ${label} = 1` : `${label} order-${p} condition ${k + 1} of ${trees[p - 1].length}`;
        out.push({ condition, residual: Math.abs(acc - 1 / treeDensity(tree)) });
      });
    }
  };
  orderConditions(spec.b, spec.order, "b");
  if (spec.bHat) orderConditions(spec.bHat, spec.embeddedOrder ?? 0, "b̂");
  if (spec.fsal) {
    out.push({ condition: "FSAL: c[last] = 1", residual: Math.abs(spec.c[s - 1] - 1) });
    out.push({ condition: "FSAL: b[last] = 0", residual: Math.abs(spec.b[s - 1]) });
    for (let j = 0; j < s - 1; j++) {
      out.push({ condition: `FSAL: a[last][${j}] = b[${j}]`, residual: Math.abs(spec.a[s - 1][j] - spec.b[j]) });
    }
  }
  if (spec.dense) {
    const dense = spec.dense;
    // y(t0 + x·dt) = y0 + dt Σ W_i(x) k_i is of order q when Σ W_i(x) Φ_i(t) = x^|t| / γ(t) for |t| ≤ q.
    const q = spec.denseOrder ?? 0;
    const denseTrees = rootedTrees(q);
    for (const x of DENSE_CHECK_POINTS) {
      for (let p = 1; p <= q; p++) {
        denseTrees[p - 1].forEach((tree, k) => {
          const phi = elementaryWeights(spec.a, tree);
          let acc = 0;
          for (let i = 0; i < s; i++) acc += polyval(dense[i], x) * phi[i];
          out.push({ condition: `dense order-${p} condition ${k + 1} of ${denseTrees[p - 1].length} at x = ${x}`, residual: Math.abs(acc - Math.pow(x, p) / treeDensity(tree)) });
        });
      }
    }
    for (let i = 0; i < s; i++) {
      out.push({ condition: `dense W_${i}(0) = 0`, residual: Math.abs(polyval(spec.dense[i], 0)) });
      out.push({ condition: `dense W_${i}(1) = b[${i}]`, residual: Math.abs(polyval(spec.dense[i], 1) - spec.b[i]) });
    }
  }
  return out;
}

/** Build a tableau, refusing one whose shape or invariants are wrong (the message names the condition). */
export function defineTableau(spec: TableauSpec): ButcherTableau {
  const s = spec.c.length;
  const shapeOk =
    s >= 1 &&
    spec.a.length === s &&
    spec.a.every((row, i) => row.length === i) &&
    spec.b.length === s &&
    (!spec.bHat || spec.bHat.length === s) &&
    (!spec.dense || spec.dense.length === s);
  if (spec.dense && spec.denseOrder === undefined) throw new RangeError(`tableau ${spec.name}: a dense output needs its denseOrder`);
  if (!shapeOk) throw new RangeError(`tableau ${spec.name}: expected c, b, b̂, dense of one length s and a lower-triangular a (row i of length i)`);
  if (spec.bHat) {
    // The adaptive solver carries the last stage over as the next first one and interpolates its outputs.
    if (!spec.fsal || !spec.dense || spec.embeddedOrder === undefined) {
      throw new RangeError(`tableau ${spec.name}: an adaptive tableau must be FSAL with dense output and an embeddedOrder`);
    }
  }
  for (const check of tableauChecks(spec)) {
    if (!(check.residual < TABLEAU_TOLERANCE)) {
      throw new RangeError(`tableau ${spec.name}: ${check.condition} fails (residual ${check.residual.toExponential(2)})`);
    }
  }
  const bHat = spec.bHat;
  return { ...spec, stages: s, bErr: bHat ? spec.b.map((b, i) => b - bHat[i]) : undefined };
}

export const EULER = defineTableau({ name: "euler", order: 1, c: [0], a: [[]], b: [1], fsal: false });

export const RK4 = defineTableau({
  name: "rk4",
  order: 4,
  c: [0, 0.5, 0.5, 1],
  a: [[], [0.5], [0, 0.5], [0, 0, 1]],
  b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  fsal: false,
});

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
    dense.push([0, f0, f1 - 4 * f0 - 5 * B + 16 * M, 5 * f0 - 3 * f1 + 14 * B - 32 * M, 2 * f1 - 2 * f0 - 8 * B + 16 * M]);
  }
  return dense;
}

/** Dormand–Prince 5(4) exactly as torchdiffeq's dopri5: Shampine's error weights and mid-point interpolant. */
export const DOPRI5 = defineTableau({
  name: "dopri5",
  order: 5,
  embeddedOrder: 4,
  c: DP_C,
  a: DP_A,
  b: DP_B,
  bHat: DP_BHAT_SHAMPINE,
  fsal: true,
  dense: dopri5Dense(),
  denseOrder: 4,
});

/** The same method with Hairer's error weights (what this library's dopri5 used before; steps differ from torchdiffeq's). */
export const DOPRI5_HAIRER = defineTableau({ ...DOPRI5, name: "dopri5-hairer", bHat: DP_BHAT_HAIRER });

/** Product of polynomials given lowest power first. */
function polyMul(...factors: number[][]): number[] {
  return factors.reduce(
    (acc, f) => {
      const out = new Array<number>(acc.length + f.length - 1).fill(0);
      acc.forEach((x, i) => f.forEach((y, j) => (out[i + j] += x * y)));
      return out;
    },
    [1],
  );
}

/** Tsitouras (2011) 5(4), coefficients and 4th-order interpolant as in diffrax and OrdinaryDiffEq.jl. */
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
export const TSIT5 = defineTableau({
  name: "tsit5",
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
});

export const TABLEAUS: Readonly<Record<SolverMethod, ButcherTableau>> = {
  euler: EULER,
  rk4: RK4,
  dopri5: DOPRI5,
  "dopri5-hairer": DOPRI5_HAIRER,
  tsit5: TSIT5,
};

export const SOLVER_METHODS = Object.keys(TABLEAUS) as SolverMethod[];

export function tableauByName(name: string): ButcherTableau {
  const t = (TABLEAUS as Record<string, ButcherTableau | undefined>)[name];
  if (!t) throw new RangeError(`solver method: expected one of ${Object.keys(TABLEAUS).join(", ")}, got "${name}"`);
  return t;
}
