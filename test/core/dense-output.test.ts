/** Dense output: starts at y0, ends at the step's y1, and is exact for the polynomials its order covers. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DenseOutput, denseWeights } from "../../lib/core/ode/dense-output";
import { StageLoop } from "../../lib/core/ode/stages";
import { SOLVERS } from "../../lib/core/ode/tableaus";
import { VectorField } from "../../lib/core/ode/types";

/** y' = 3t²: y = y0 + t³ − t0³, cubic, so interpolants of order ≥ 3 reproduce it. */
const cubic: VectorField = {
  dim: 1,
  nParams: 0,
  eval(t, _u, _th, out) {
    out[0] = 3 * t * t;
  },
  vjp() {},
};

for (const s of SOLVERS.filter((s) => s.adaptive)) {
  test(`${s.name}: dense output at x = 0 is y0, at x = 1 the step's end state; weights scale`, () => {
    const tab = s.tableau;
    const loop = new StageLoop({ field: cubic, theta: new Float64Array(0), tableau: tab });
    const y0 = Float64Array.of(1);
    loop.evalStage(0, 0.5, y0);
    loop.run(0.5, 0.25, y0, 1);
    const dense = new DenseOutput(tab, 1, 0.5);
    dense.keep(0.5, 0.25, y0, loop.k);
    assert.equal(dense.t1, 0.75);
    const out = new Float64Array(3);
    assert.equal(dense.evaluate(0.5, out, 1), 0);
    assert.equal(out[1], 1);
    dense.evaluate(0.75, out, 2);
    assert.ok(Math.abs(out[2] - loop.stageY[tab.stages - 1]) < 1e-13, "ends at the FSAL end state (to the tableau tolerance)");
    if ((tab.denseOrder as number) >= 3) {
      dense.evaluate(0.6, out, 0);
      assert.ok(Math.abs(out[0] - (1 + 0.6 ** 3 - 0.5 ** 3)) < 1e-14, `${out[0]}`);
    }
    const w1 = new Float64Array(tab.stages);
    const w2 = new Float64Array(tab.stages);
    denseWeights(tab, 0.4, 1, w1);
    denseWeights(tab, 0.4, 0.5, w2);
    w1.forEach((w, i) => assert.equal(w2[i], 0.5 * w));
  });
}
