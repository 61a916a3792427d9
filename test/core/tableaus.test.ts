/**
 * Butcher tableaus: each one satisfies its invariants (weights, row sums, order conditions of b
 * and b̂, FSAL structure, dense-output conditions), converges at its stated order on a problem
 * with a known solution, and a wrong coefficient is refused with the failing condition named.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { solve } from "../../lib/core/ode/solve";
import { TABLEAU_TOLERANCE, TableauSpec, defineTableau, rootedTrees, tableauChecks } from "../../lib/core/ode/butcher";
import { DOPRI5, RK4, TABLEAUS } from "../../lib/core/ode/tableaus";
import { VectorField } from "../../lib/core/ode/types";

test("rooted trees: 1, 1, 2, 4, 9, 20 of orders 1 to 6 (the number of order conditions per order)", () => {
  assert.deepEqual(
    rootedTrees(6).map((ts) => ts.length),
    [1, 1, 2, 4, 9, 20],
  );
});

/** Conditions on b up to order p: 1 + 1 + 2 + 4 + 9 + … */
const conditionsUpTo = (p: number) => rootedTrees(p).reduce((s, ts) => s + ts.length, 0);

for (const tab of Object.values(TABLEAUS)) {
  test(`tableau ${tab.name}: every invariant holds to ${TABLEAU_TOLERANCE}`, () => {
    const checks = tableauChecks(tab);
    const orderChecks = checks.filter((c) => /^(Σb =|b order-)/.test(c.condition)).length;
    assert.equal(orderChecks, conditionsUpTo(tab.order), "one check per order condition of b");
    if (tab.bHat) {
      const embedded = checks.filter((c) => /^(Σb̂ =|b̂ order-)/.test(c.condition)).length;
      assert.equal(embedded, conditionsUpTo(tab.embeddedOrder as number));
    }
    for (const c of checks) assert.ok(c.residual < TABLEAU_TOLERANCE, `${c.condition}: residual ${c.residual.toExponential(2)}`);
  });
}

/** y' = −2 t y², y(0) = 1: y(t) = 1 / (1 + t²). */
const riccati: VectorField = {
  dim: 1,
  nParams: 0,
  eval(t, u, _theta, out) {
    out[0] = -2 * t * u[0] * u[0];
  },
  vjp() {
    throw new Error("not used");
  },
};
const exact = (t: number) => 1 / (1 + t * t);

/** Largest error on the output grid with n equal steps on [0, 2]; outputs sit inside steps for adaptive tableaus. */
function maxError(method: keyof typeof TABLEAUS, n: number): number {
  const tab = TABLEAUS[method];
  const h = 2 / n;
  const adaptive = Boolean(tab.bErr);
  // Adaptive: outputs at 0.3 of the way through every 4th step exercise the dense output too.
  const ts = adaptive ? Float64Array.from({ length: n / 4 }, (_, i) => (i === 0 ? 0 : (4 * i + 0.3) * h)) : Float64Array.from({ length: n + 1 }, (_, i) => i * h);
  const sol = solve(riccati, Float64Array.of(1), ts, new Float64Array(0), {
    method,
    record: false,
    replaySteps: adaptive ? new Float64Array(n).fill(h) : undefined,
  });
  let worst = 0;
  ts.forEach((t, i) => (worst = Math.max(worst, Math.abs(sol.us[i] - exact(t)))));
  return worst;
}

for (const method of Object.keys(TABLEAUS) as (keyof typeof TABLEAUS)[]) {
  test(`tableau ${method}: observed convergence order matches its stated order`, () => {
    const tab = TABLEAUS[method];
    // Global error of order p; dense outputs of order q ≥ p − 1 add a local O(h^(q+1)) term.
    const expected = tab.dense ? Math.min(tab.order, (tab.denseOrder as number) + 1) : tab.order;
    // A low-order interpolant (bosh3's) reaches its asymptotic rate only on finer grids.
    const n = tab.dense && expected <= 2 ? 256 : 32;
    const coarse = maxError(method, n);
    const fine = maxError(method, 2 * n);
    const observed = Math.log2(coarse / fine);
    assert.ok(Math.abs(observed - expected) < 0.4, `observed order ${observed.toFixed(2)}, expected ${expected} (errors ${coarse.toExponential(2)} → ${fine.toExponential(2)})`);
  });
}

test("defineTableau refuses a wrong coefficient and names the failing condition", () => {
  const a = RK4.a.map((row) => row.slice());
  a[2][1] = 0.49;
  assert.throws(() => defineTableau({ ...RK4, a }), /tableau rk4: row 2 of a sums to c\[2\] fails/);
  const b = RK4.b.slice();
  b[1] = 0.3;
  b[2] = 1 / 3 + (1 / 3 - 0.3);
  assert.throws(() => defineTableau({ ...RK4, b }), /tableau rk4: b order-3 condition 2 of 2 fails/);
  assert.throws(() => defineTableau({ ...RK4, a: [[], [0.5], [0.5]] } as TableauSpec), /lower-triangular/);
});

test("the mistyped torchdiffeq mid-point constant (1594534317072 for …056) is refused by the dense-output conditions", () => {
  const wrong = 187940372067 / 1594534317072 / 2 - 187940372067 / 1594534317056 / 2;
  // The mid-point weight M_4 enters W_4(x) as 16x² − 32x³ + 16x⁴.
  const dense = (DOPRI5.dense as number[][]).map((row) => row.slice());
  dense[4][2] += 16 * wrong;
  dense[4][3] -= 32 * wrong;
  dense[4][4] += 16 * wrong;
  assert.throws(() => defineTableau({ ...DOPRI5, dense }), /tableau dopri5: dense order-1 condition 1 of 1 at x = 0\.\d+ fails/);
});

test("dopri5's error estimate uses Shampine's weights: Hairer's is exactly 1.5× it", () => {
  const shampine = DOPRI5.bErr as readonly number[];
  const hairer = TABLEAUS["dopri5-hairer"].bErr as readonly number[];
  shampine.forEach((e, i) => assert.ok(Math.abs(hairer[i] - 1.5 * e) < 1e-15, `weight ${i}: ${hairer[i]} vs 1.5 × ${e}`));
});
