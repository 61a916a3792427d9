import { test } from "node:test";
import assert from "node:assert/strict";
import { assemblePeak } from "../../tools/build-peak-wasm";
import { PEAK_WASM_BASE64 } from "../../lib/apps/bench/peak-wasm";
import { countStepWork, forwardFlops, vjpFlops } from "../../lib/apps/bench/flops";
import { measurePeak } from "../../lib/apps/bench/peak";
import { runCase } from "../../lib/apps/bench/run";
import { BENCH_CASES } from "../../lib/apps/bench/cases";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { MLP } from "../../lib/core/nn/mlp";
import { solve } from "../../lib/core/ode/solve";
import { Rng } from "../../lib/core/random/rng";

test("the embedded peak WebAssembly is peak.wat assembled (run `npm run build:wasm:peak` after editing)", async () => {
  assert.equal(PEAK_WASM_BASE64, Buffer.from(await assemblePeak()).toString("base64"));
});

test("network FLOPs: 2·in·out per affine layer forward; a VJP is the forward again plus input and weight adjoints", () => {
  const widths = [3, 50, 50, 3];
  const macs = 3 * 50 + 50 * 50 + 50 * 3;
  assert.equal(forwardFlops(widths), 2 * macs);
  assert.equal(vjpFlops(widths), 3 * 2 * macs);
  assert.equal(vjpFlops(widths, false), 2 * 2 * macs);
  assert.equal(vjpFlops(widths, true, false), 2 * 2 * macs);
});

test("counted work of a dopri5 solve and its backward sweep matches the solver's own statistics", () => {
  const model = new BlackBoxModel([2, 16, 2], "tanh");
  const theta = model.init(new Rng(3));
  const t = Float64Array.from({ length: 21 }, (_, i) => i * 0.1);
  const u0 = Float64Array.of(1, 0.5);
  const { value: sol, work } = countStepWork(() => {
    const s = solve(model, u0, t, theta, { method: "dopri5", rtol: 1e-6, atol: 1e-8 });
    s.backward(new Float64Array(s.us.length).fill(1));
    return s;
  });
  assert.equal(work.evaluations, sol.stats.nfe);
  // dopri5's backward sweep: 7 stage VJPs per accepted step, the first shared with the previous step (FSAL).
  assert.equal(work.vjps, 6 * sol.stats.accepted + 1);
  // The sweep reuses the values each recorded stage saved: its VJPs do not recompute the forward pass.
  assert.equal(work.flops, work.evaluations * forwardFlops([2, 16, 2]) + work.vjps * vjpFlops([2, 16, 2], true, false));
  const recomputing = countStepWork(() => solve(model, u0, t, theta, { method: "dopri5", rtol: 1e-6, atol: 1e-8, maxSaved: 0 }).backward(new Float64Array(sol.us.length).fill(1))).work;
  assert.equal(recomputing.flops, recomputing.evaluations * forwardFlops([2, 16, 2]) + recomputing.vjps * vjpFlops([2, 16, 2]));
  // Counting is undone afterwards.
  const mlp = new MLP([2, 4, 2]);
  const after = countStepWork(() => 0).work;
  mlp.forward(u0, mlp.init(new Rng(1)), new Float64Array(2));
  assert.equal(after.evaluations, 0);
  assert.equal(MLP.prototype.forward.name, "forward");
});

test("runCase reports the counted FLOPs per step and GFLOP/s = FLOPs / median time, as a share of the peak", () => {
  const mlp = new MLP([4, 8, 4]);
  const theta = mlp.init(new Rng(2));
  const x = Float64Array.of(0.1, 0.2, 0.3, 0.4);
  const out = new Float64Array(4);
  const r = runCase({ name: "two-forwards", description: "test", setup: () => () => (mlp.forward(x, theta, out), mlp.forward(out, theta, out), out[0]) }, 20, 2, { gflops: 2, flops: 1, seconds: 1, measuredSeconds: 1 });
  assert.equal(r.evaluationsPerStep, 2);
  assert.equal(r.vjpsPerStep, 0);
  assert.equal(r.flopsPerStep, 2 * forwardFlops([4, 8, 4]));
  assert.ok(Math.abs(r.gflops - r.flopsPerStep / (r.medianMs * 1e6)) <= 1e-12 * r.gflops);
  assert.ok(Math.abs((r.percentOfPeak as number) - (100 * r.gflops) / 2) <= 1e-9 * (r.percentOfPeak as number));
});

test("the peak loop measures a positive, finite rate", () => {
  const p = measurePeak(30, 5);
  assert.ok(p.gflops > 0 && Number.isFinite(p.gflops));
  assert.ok(p.flops > 0 && p.seconds > 0);
});

test("the paper-epoch cases build the full-profile configs and say what data they run on", () => {
  for (const name of ["lorenz-homotopy-epoch", "dp-homotopy-epoch"]) {
    const c = BENCH_CASES.find((x) => x.name === name);
    assert.ok(c, name);
    const step = c.setup();
    assert.match(step.note ?? "", name.startsWith("dp") ? /double pendulum|real_double_pend/ : /simulated lorenz/);
    assert.ok(Number.isFinite(step()));
  }
});
