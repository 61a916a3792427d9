/**
 * bosh3 takes torchdiffeq's bosh3 steps: against torchdiffeq 0.2.5's own float64 runs (fixture recorded by
 * tools/torchdiffeq_golden.py on Debian's python3-torch, default controller) the number of vector-field
 * calls matches exactly, every call time to 1e-9 and the solution on the output grid to 1e-9 relative.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { goldenCases, runGolden } from "../helpers/torchdiffeq-golden";

const golden = { cases: goldenCases("torchdiffeq-bosh3-golden.json") };

assert.ok(golden.cases.length >= 3);

for (const c of golden.cases) {
  test(`bosh3 = torchdiffeq on ${c.problem}, rtol ${c.rtol}: ${c.nfe} calls at the same times, same solution`, () => {
    const { times, nfe, worstTime, worstRel } = runGolden(c, "bosh3");
    assert.equal(times.length, c.nfe, "number of vector-field calls");
    assert.equal(nfe, c.nfe);
    assert.ok(worstTime <= 1e-9, `call times differ by up to ${worstTime.toExponential(2)}`);
    assert.ok(worstRel <= 1e-9, `solution differs by up to ${worstRel.toExponential(2)} relative`);
  });
}
