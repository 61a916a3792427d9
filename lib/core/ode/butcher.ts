/**
 * What a Butcher tableau is, and the invariants every one must satisfy: defineTableau() checks them
 * (as diffrax does), so a mistyped coefficient fails at load time instead of silently changing the steps.
 */
import { polyval } from "./poly";

export interface ButcherTableau {
  /** The solver's name in the registry (tableaus.ts). */
  readonly name: string;
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
