/**
 * The stage loop shared by fixed and adaptive steps: one RK4 step of y' = λy is the degree-4 Taylor
 * polynomial; an FSAL step reuses k_0 (S − 1 evaluations) and records y as its first stage input;
 * stages save their values at slot offsets i·size, or nowhere.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { StageLoop } from "../../lib/core/ode/stages";
import { DOPRI5, RK4 } from "../../lib/core/ode/tableaus";
import { VectorField } from "../../lib/core/ode/types";

function linear(lambda: number, log: number[]): VectorField {
  return {
    dim: 1,
    nParams: 0,
    savedSize: 2,
    eval(t, u, _th, out) {
      log.push(t);
      out[0] = lambda * u[0];
    },
    evalSaving(t, u, th, out, saved, at) {
      this.eval(t, u, th, out);
      saved[at] = t;
      saved[at + 1] = u[0];
    },
    vjp() {},
    vjpSaved() {},
  };
}

test("an RK4 step of y' = λy is y·(1 + z + z²/2 + z³/6 + z⁴/24), stages at t + c_i dt", () => {
  const log: number[] = [];
  const loop = new StageLoop({ field: linear(-1.5, log), theta: new Float64Array(0), tableau: RK4 });
  const y = Float64Array.of(2);
  const dt = 0.1;
  loop.run(1, dt, y, 0);
  loop.addWeighted(RK4.b, dt, y);
  const z = -1.5 * dt;
  assert.ok(Math.abs(y[0] - 2 * (1 + z + (z * z) / 2 + (z * z * z) / 6 + (z * z * z * z) / 24)) < 1e-15);
  assert.deepEqual(log, [1, 1.05, 1.05, 1.1]);
  assert.equal(loop.stageY[0], 2, "first stage input is y");
});

test("FSAL: run from stage 1 evaluates S − 1 stages, keeps k_0, records y as stage 0 input; carryLast moves k_last to k_0", () => {
  const log: number[] = [];
  const field = linear(0.5, log);
  const loop = new StageLoop({ field, theta: new Float64Array(0), tableau: DOPRI5 });
  const y = Float64Array.of(3);
  loop.evalStage(0, 0, y);
  assert.equal(loop.k[0], 1.5);
  loop.run(0, 0.2, y, 1);
  assert.equal(log.length, DOPRI5.stages);
  assert.equal(loop.stageY[0], 3);
  // The last stage input is the FSAL end state y + dt Σ b_i k_i.
  const S = DOPRI5.stages;
  let acc = 0;
  for (let i = 0; i < S; i++) acc += DOPRI5.b[i] * loop.k[i];
  assert.ok(Math.abs(loop.stageY[S - 1] - (3 + 0.2 * acc)) < 1e-15);
  const last = loop.k[S - 1];
  loop.carryLast();
  assert.equal(loop.k[0], last);
});

test("saveInto: stage i saves at slot[at + i·size]; saveNothing: plain eval", () => {
  const field = linear(1, []);
  const loop = new StageLoop({ field, theta: new Float64Array(0), tableau: RK4 });
  const slot = new Float64Array(20).fill(-1);
  loop.saveInto(slot, 4, 2);
  loop.run(0, 1, Float64Array.of(1), 0);
  assert.deepEqual(Array.from(slot.subarray(4, 12)), [0, 1, 0.5, 1.5, 0.5, 1.75, 1, 2.75]);
  assert.deepEqual(Array.from(slot.subarray(0, 4)), [-1, -1, -1, -1]);
  const before = slot.slice();
  loop.saveNothing();
  loop.run(0, 1, Float64Array.of(1), 0);
  assert.deepEqual(slot, before);
});
