/**
 * dopri5 takes torchdiffeq's steps: against torchdiffeq 0.2.5's float64 runs (fixture recorded from
 * torchdiffeq with its default controller) the number of vector-field calls matches exactly, every
 * call time to 1e-9 and the solution on the output grid to 1e-9 relative. The Hairer-weighted
 * variant must not match (its error estimate is 1.5× larger), which shows the test can fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { solve } from "../../lib/core/ode/solve";
import { SolverMethod } from "../../lib/core/ode/tableaus";
import { VectorField } from "../../lib/core/ode/types";

interface GoldenCase {
  problem: "riccati" | "lotka-volterra";
  u0: number[];
  t: number[];
  rtol: number;
  atol: number;
  nfe: number;
  evalTimes: number[];
  y: number[][];
}

const golden = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "torchdiffeq-dopri5-golden.json"), "utf8")) as { cases: GoldenCase[] };

/** A parameter-free field that records the time of every call. */
function recordingField(problem: GoldenCase["problem"], times: number[]): VectorField {
  const rhs =
    problem === "riccati"
      ? (t: number, u: Float64Array, out: Float64Array) => {
          out[0] = -2 * t * u[0] * u[0];
        }
      : (_t: number, u: Float64Array, out: Float64Array) => {
          out[0] = 1.3 * u[0] - 0.9 * u[0] * u[1];
          out[1] = 0.8 * u[0] * u[1] - 1.8 * u[1];
        };
  return {
    dim: problem === "riccati" ? 1 : 2,
    nParams: 0,
    eval(t, u, _theta, out) {
      times.push(t);
      rhs(t, u, out);
    },
    vjp() {
      throw new Error("not used");
    },
  };
}

function run(c: GoldenCase, method: SolverMethod) {
  const times: number[] = [];
  const sol = solve(recordingField(c.problem, times), Float64Array.from(c.u0), Float64Array.from(c.t), new Float64Array(0), {
    method,
    rtol: c.rtol,
    atol: c.atol,
    record: false,
  });
  return { times, sol };
}

assert.ok(golden.cases.length >= 4, "the fixture holds two problems at two tolerances");

for (const c of golden.cases) {
  test(`dopri5 = torchdiffeq on ${c.problem}, rtol ${c.rtol}: ${c.nfe} calls at the same times, same solution`, () => {
    const { times, sol } = run(c, "dopri5");
    assert.equal(times.length, c.nfe, "number of vector-field calls");
    assert.equal(sol.stats.nfe, c.nfe, "stats.nfe counts every call");
    let worstTime = 0;
    times.forEach((t, i) => (worstTime = Math.max(worstTime, Math.abs(t - c.evalTimes[i]))));
    assert.ok(worstTime <= 1e-9, `call times differ by up to ${worstTime.toExponential(2)}`);
    let worstRel = 0;
    c.y.forEach((row, i) =>
      row.forEach((v, d) => (worstRel = Math.max(worstRel, Math.abs(sol.us[i * row.length + d] - v) / Math.max(Math.abs(v), 1e-300)))),
    );
    assert.ok(worstRel <= 1e-9, `solution differs by up to ${worstRel.toExponential(2)} relative`);
  });
}

test("dopri5-hairer (Hairer's error weights) takes different steps from torchdiffeq on every golden case", () => {
  for (const c of golden.cases) {
    const { times } = run(c, "dopri5-hairer");
    const sameTimes = times.length === c.nfe && times.every((t, i) => Math.abs(t - c.evalTimes[i]) <= 1e-9);
    assert.ok(!sameTimes, `${c.problem} rtol ${c.rtol}: ${times.length} calls vs torchdiffeq's ${c.nfe}`);
  }
});
