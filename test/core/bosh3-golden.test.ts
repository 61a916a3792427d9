/**
 * bosh3 takes torchdiffeq's bosh3 steps: against torchdiffeq 0.2.5's own float64 runs (fixture recorded by
 * tools/torchdiffeq_golden.py on Debian's python3-torch, default controller) the number of vector-field
 * calls matches exactly, every call time to 1e-9 and the solution on the output grid to 1e-9 relative.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { solve } from "../../lib/core/ode/solve";
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

const golden = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "torchdiffeq-bosh3-golden.json"), "utf8")) as { cases: GoldenCase[] };

function recordingField(problem: GoldenCase["problem"], times: number[]): VectorField {
  return {
    dim: problem === "riccati" ? 1 : 2,
    nParams: 0,
    eval(t, u, _theta, out) {
      times.push(t);
      if (problem === "riccati") out[0] = -2 * t * u[0] * u[0];
      else {
        out[0] = 1.3 * u[0] - 0.9 * u[0] * u[1];
        out[1] = 0.8 * u[0] * u[1] - 1.8 * u[1];
      }
    },
    vjp() {
      throw new Error("not used");
    },
  };
}

assert.ok(golden.cases.length >= 3);

for (const c of golden.cases) {
  test(`bosh3 = torchdiffeq on ${c.problem}, rtol ${c.rtol}: ${c.nfe} calls at the same times, same solution`, () => {
    const times: number[] = [];
    const sol = solve(recordingField(c.problem, times), Float64Array.from(c.u0), Float64Array.from(c.t), new Float64Array(0), {
      method: "bosh3",
      rtol: c.rtol,
      atol: c.atol,
      record: false,
    });
    assert.equal(times.length, c.nfe, "number of vector-field calls");
    assert.equal(sol.stats.nfe, c.nfe);
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
