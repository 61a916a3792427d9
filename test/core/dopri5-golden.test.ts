/**
 * dopri5 takes torchdiffeq's steps: against torchdiffeq 0.2.5's float64 runs (fixture recorded from
 * torchdiffeq with its default controller) the number of vector-field calls matches exactly, every
 * call time to 1e-9 and the solution on the output grid to 1e-9 relative. The Hairer-weighted
 * variant must not match (its error estimate is 1.5× larger), which shows the test can fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { goldenCases, runGolden } from "../helpers/torchdiffeq-golden";

const golden = { cases: goldenCases("torchdiffeq-dopri5-golden.json") };

assert.ok(golden.cases.length >= 4, "the fixture holds two problems at two tolerances");

for (const c of golden.cases) {
  test(`dopri5 = torchdiffeq on ${c.problem}, rtol ${c.rtol}: ${c.nfe} calls at the same times, same solution`, () => {
    const { times, nfe, worstTime, worstRel } = runGolden(c, "dopri5");
    assert.equal(times.length, c.nfe, "number of vector-field calls");
    assert.equal(nfe, c.nfe, "stats.nfe counts every call");
    assert.ok(worstTime <= 1e-9, `call times differ by up to ${worstTime.toExponential(2)}`);
    assert.ok(worstRel <= 1e-9, `solution differs by up to ${worstRel.toExponential(2)} relative`);
  });
}

test("dopri5-hairer (Hairer's error weights) takes different steps from torchdiffeq on every golden case", () => {
  for (const c of golden.cases) {
    const { times } = runGolden(c, "dopri5-hairer");
    const sameTimes = times.length === c.nfe && times.every((t, i) => Math.abs(t - c.evalTimes[i]) <= 1e-9);
    assert.ok(!sameTimes, `${c.problem} rtol ${c.rtol}: ${times.length} calls vs torchdiffeq's ${c.nfe}`);
  }
});
