/** The tape: a growable buffer, steps and outputs recorded in order, saved-value slots up to the cap. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Buffer64, Tape } from "../../lib/core/ode/tape";
import { StageLoop } from "../../lib/core/ode/stages";
import { RK4 } from "../../lib/core/ode/tableaus";
import { VectorField } from "../../lib/core/ode/types";

test("Buffer64 grows by doubling and keeps what it holds", () => {
  const b = new Buffer64(1);
  for (let i = 0; i < 100; i++) b.push(i);
  assert.equal(b.length, 100);
  assert.deepEqual(Array.from(b.toArray()), Array.from({ length: 100 }, (_, i) => i));
  b.reserve(1000);
  assert.ok(b.data.length >= 1100);
  assert.equal(b.data[99], 99);
});

const field: VectorField = {
  dim: 2,
  nParams: 1,
  savedSize: 3,
  eval(_t, u, _th, out) {
    out.set(u);
  },
  evalSaving(_t, u, _th, out, saved, at) {
    out.set(u);
    saved.fill(7, at, at + 3);
  },
  vjp() {},
  vjpSaved() {},
};

test("recordStep/recordOutput: steps in order, stage inputs copied, θ copied", () => {
  const theta = Float64Array.of(1);
  const tape = new Tape({ field, theta, tableau: RK4, outputs: 3, savedSize: 0, maxSaved: 0 });
  theta[0] = 2;
  assert.equal(tape.theta[0], 1, "θ may change before backward()");
  const stageY = Float64Array.from({ length: 8 }, (_, i) => i);
  tape.recordStep(0, 0.5, stageY, false);
  stageY.fill(9);
  tape.recordStep(0.5, 0.25, stageY, false);
  tape.recordOutput(1, 0.3);
  assert.equal(tape.steps, 2);
  assert.deepEqual(Array.from(tape.dts.toArray()), [0.5, 0.25]);
  assert.deepEqual(Array.from(tape.stageY.toArray()), [0, 1, 2, 3, 4, 5, 6, 7, 9, 9, 9, 9, 9, 9, 9, 9]);
  assert.equal(tape.outStep[1], 1);
  assert.equal(tape.outX[1], 0.3);
  assert.equal(tape.saved.steps, 0);
});

test("nextSlot: the stage loop saves into the next step's slot until the cap, then nowhere", () => {
  // Two steps' worth: 4 stages × 3 doubles each.
  const tape = new Tape({ field, theta: Float64Array.of(0), tableau: RK4, outputs: 2, savedSize: 3, maxSaved: 2 * 12 });
  const loop = new StageLoop({ field, theta: Float64Array.of(0), tableau: RK4 });
  const y = Float64Array.of(1, 2);
  for (let n = 0; n < 3; n++) {
    const saving = tape.nextSlot(loop);
    assert.equal(saving, n < 2, `step ${n}`);
    loop.run(0, 0.1, y, 0);
    tape.recordStep(0, 0.1, loop.stageY, saving);
  }
  assert.equal(tape.saved.steps, 2);
  assert.deepEqual(Array.from(tape.saved.chunk(1).subarray(tape.saved.offset(1), tape.saved.offset(1) + 12)), new Array(12).fill(7));
  const none = new Tape({ field, theta: Float64Array.of(0), tableau: RK4, outputs: 2, savedSize: 0, maxSaved: 1000 });
  assert.equal(none.nextSlot(loop), false, "a field that saves nothing");
});
