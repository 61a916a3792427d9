/** torchdiffeq's own recorded solves (test/fixtures/torchdiffeq-*-golden.json) and our solve of the same case, for the golden tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { solve } from "../../lib/core/ode/solve";
import { SolverMethod } from "../../lib/core/ode/tableaus";
import { VectorField } from "../../lib/core/ode/types";

export interface GoldenCase {
  problem: "riccati" | "lotka-volterra";
  u0: number[];
  t: number[];
  rtol: number;
  atol: number;
  nfe: number;
  evalTimes: number[];
  y: number[][];
}

/** The cases of one fixture file, e.g. "torchdiffeq-dopri5-golden.json". */
export function goldenCases(fixture: string): GoldenCase[] {
  return (JSON.parse(readFileSync(join(__dirname, "..", "fixtures", fixture), "utf8")) as { cases: GoldenCase[] }).cases;
}

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

/** Our solve of a golden case: every call time, the call count, and the largest differences from torchdiffeq's. */
export function runGolden(c: GoldenCase, method: SolverMethod) {
  const times: number[] = [];
  const sol = solve(recordingField(c.problem, times), Float64Array.from(c.u0), Float64Array.from(c.t), new Float64Array(0), { method, rtol: c.rtol, atol: c.atol, record: false });
  let worstTime = 0;
  if (times.length === c.nfe) times.forEach((t, i) => (worstTime = Math.max(worstTime, Math.abs(t - c.evalTimes[i]))));
  else worstTime = Infinity;
  let worstRel = 0;
  c.y.forEach((row, i) => row.forEach((v, d) => (worstRel = Math.max(worstRel, Math.abs(sol.us[i * row.length + d] - v) / Math.max(Math.abs(v), 1e-300)))));
  return { times, nfe: sol.stats.nfe, worstTime, worstRel };
}
