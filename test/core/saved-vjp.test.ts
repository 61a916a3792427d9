/**
 * Saving a network's intermediate values in the forward pass (evalSaving) and reusing them in the
 * backward sweep (vjpSaved) changes no bit: the same outputs, input adjoints and θ-gradients as
 * recomputing them, for every activation, both kernel backends, single rows and batches, and
 * through the solver (fixed and adaptive steps, coupled, second-order, scaled and batched fields),
 * including a solve that runs out of room for saved values half-way.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { MLP } from "../../lib/core/nn/mlp";
import { ActivationName } from "../../lib/core/nn/activations";
import { useKernelBackend } from "../../lib/core/nn/kernels";
import { Rng } from "../../lib/core/random/rng";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { SecondOrderModel } from "../../lib/core/models/secondorder";
import { GrayBoxModel } from "../../lib/core/models/graybox";
import { ScaledModel } from "../../lib/core/models/scaled";
import { solve, SolveOptions } from "../../lib/core/ode/solve";
import { SavedSteps } from "../../lib/core/ode/saved-steps";
import { VectorField } from "../../lib/core/ode/types";
import { stackTrajectories } from "../../lib/core/ode/batched";
import { batchedCoupledField } from "../../lib/core/train/batched-coupling";
import { CoupledField } from "../../lib/core/train/coupling";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { mseGradient } from "../../lib/core/train/loss";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { simulateDataset } from "../../lib/paper/systems/dataset";

const ACTIVATIONS: ActivationName[] = ["gelu", "tanh", "relu", "softplus", "identity"];

function sameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}[${i}]: ${actual[i]} ≠ ${expected[i]}`);
  }
}

for (const backend of ["wasm-simd", "js"] as const) {
  test(`${backend}: forwardSaving/vjpSaved give forward/vjp's bits, with other calls in between`, () => {
    useKernelBackend(backend);
    try {
      for (const act of ACTIVATIONS) {
        for (const widths of [[3, 7, 3], [4, 9, 6, 2], [2, 1, 5, 2]]) {
          const net = new MLP(widths, act);
          const rng = new Rng(5);
          const theta = net.init(rng);
          const n = 6;
          const xs = Array.from({ length: n }, () => Float64Array.from({ length: widths[0] }, () => 3 * rng.normal()));
          const bars = Array.from({ length: n }, () => Float64Array.from({ length: net.outputDim }, () => rng.normal()));
          const saved = new Float64Array(n * net.savedSize);
          const out = new Float64Array(net.outputDim);
          const outSaving = new Float64Array(net.outputDim);
          for (let r = 0; r < n; r++) {
            net.forward(xs[r], theta, out);
            net.forwardSaving(xs[r], theta, outSaving, saved, r * net.savedSize);
            sameBits(outSaving, out, `${act} ${widths} forward row ${r}`);
          }
          // Backward in reverse order, a fresh forward at another point before each saved vjp.
          const gRecompute = new Float64Array(net.nParams);
          const gSaved = new Float64Array(net.nParams);
          for (let r = n - 1; r >= 0; r--) {
            const xBar = new Float64Array(widths[0]);
            const xBarSaved = new Float64Array(widths[0]);
            net.vjp(xs[r], theta, bars[r], xBar, gRecompute);
            net.forward(xs[(r + 1) % n], theta, out);
            net.vjpSaved(theta, bars[r], xBarSaved, gSaved, saved, r * net.savedSize);
            sameBits(xBarSaved, xBar, `${act} ${widths} xBar row ${r}`);
          }
          sameBits(gSaved, gRecompute, `${act} ${widths} θ-gradient`);
        }
      }
    } finally {
      useKernelBackend(null);
    }
  });
}

test("forwardBatchSaving/vjpBatchSaved give forwardBatch/vjpBatch's bits, after single-row calls moved the buffers", () => {
  const net = new MLP([3, 8, 8, 3], "gelu");
  const rng = new Rng(8);
  const theta = net.init(rng);
  const B = 5;
  const x = Float64Array.from({ length: B * 3 }, () => 2 * rng.normal());
  const bar = Float64Array.from({ length: B * 3 }, () => rng.normal());
  const saved = new Float64Array(net.savedSizeFor(B));
  const out = new Float64Array(B * 3);
  const outSaving = new Float64Array(B * 3);
  net.forwardBatch(x, theta, out, B);
  net.forwardBatchSaving(x, theta, outSaving, B, saved, 0);
  sameBits(outSaving, out, "batch forward");
  const single = new Float64Array(net.savedSize);
  net.forwardSaving(x, theta, new Float64Array(3), single, 0); // lays the buffers out for one row
  const xBar = new Float64Array(B * 3);
  const xBarSaved = new Float64Array(B * 3);
  const g = new Float64Array(net.nParams);
  const gSaved = new Float64Array(net.nParams);
  net.vjpBatch(x, theta, bar, xBar, g, B);
  net.vjpBatchSaved(theta, bar, xBarSaved, gSaved, B, saved, 0);
  sameBits(xBarSaved, xBar, "batch xBar");
  sameBits(gSaved, g, "batch θ-gradient");
  assert.throws(() => net.vjpBatchSaved(theta, bar, null, null, B, saved, 1), /saved must hold/);
});

/** The same field with its saving methods hidden, so the solver recomputes in the backward sweep. */
function withoutSaving(field: VectorField): VectorField {
  return {
    dim: field.dim,
    nParams: field.nParams,
    eval: (t, u, theta, out) => field.eval(t, u, theta, out),
    vjp: (t, u, theta, uBar, uGrad, thetaGrad) => field.vjp(t, u, theta, uBar, uGrad, thetaGrad),
    begin: (theta) => field.begin?.(theta),
    end: () => field.end?.(),
  };
}

function lvData() {
  return simulateDataset(new LotkaVolterra(), { tEnd: 3.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 } });
}

function fields(): { name: string; field: VectorField; u0: Float64Array; t: Float64Array; data: Float64Array }[] {
  const lv = lvData();
  const spline = new SmoothingSpline(lv.train.t, lv.train.u, 2, 1e-3);
  const so = new SecondOrderModel([4, 6, 2], "gelu");
  const soData = new Float64Array(lv.train.t.length * 4);
  lv.train.t.forEach((t, i) => soData.set([Math.sin(t), Math.cos(2 * t), Math.cos(t), -2 * Math.sin(2 * t)], i * 4));
  const parts = [lv.train.u, lv.train.u.map((v) => 1.1 * v)];
  return [
    { name: "coupled black-box", field: new CoupledField(new BlackBoxModel([2, 16, 16, 2], "gelu"), spline, 6, 1), u0: lv.u0, t: lv.train.t, data: lv.train.u },
    { name: "gray-box", field: new GrayBoxModel([2, 10, 2], [1.3, -1.8], "softplus"), u0: lv.u0, t: lv.train.t, data: lv.train.u },
    { name: "scaled black-box", field: new ScaledModel(new BlackBoxModel([2, 12, 2], "tanh"), [1, 1], [0.5, 2]), u0: lv.u0, t: lv.train.t, data: lv.train.u },
    { name: "second-order", field: so, u0: soData.slice(0, 4), t: lv.train.t, data: soData },
    {
      name: "batched coupled",
      field: batchedCoupledField(new BlackBoxModel([2, 10, 2], "gelu"), parts.map((p) => new SmoothingSpline(lv.train.t, p, 2, 1e-3)), 3, 0.5),
      u0: stackTrajectories(parts.map((p) => p.slice(0, 2)), 2),
      t: lv.train.t,
      data: stackTrajectories(parts, 2),
    },
  ];
}

for (const method of ["rk4", "dopri5"] as const) {
  test(`${method}: the backward sweep from saved values has the bits of the recomputing sweep, also when the room runs out half-way`, () => {
    for (const c of fields()) {
      assert.ok((c.field.savedSize ?? 0) > 0, `${c.name} saves its intermediate values`);
      const theta = initTheta(c.field);
      const options: SolveOptions = { method, substeps: 2 };
      const reference = solve(withoutSaving(c.field), c.u0, c.t, theta, options);
      const expected = reference.backward(mseGradient(reference.us, c.data));
      const stepsTaken = reference.stepSizes.length;
      const stagesPerStep = method === "rk4" ? 4 : 7;
      for (const maxSaved of [undefined, Math.floor(stepsTaken / 2) * stagesPerStep * (c.field.savedSize as number), 0]) {
        const sol = solve(c.field, c.u0, c.t, theta, { ...options, maxSaved });
        sameBits(sol.us, reference.us, `${c.name} states (maxSaved ${maxSaved})`);
        const g = sol.backward(mseGradient(sol.us, c.data));
        sameBits(g.theta, expected.theta, `${c.name} dL/dθ (maxSaved ${maxSaved})`);
        sameBits(g.u0, expected.u0, `${c.name} dL/du0 (maxSaved ${maxSaved})`);
      }
    }
  });
}

function initTheta(field: VectorField): Float64Array {
  const rng = new Rng(11);
  return Float64Array.from({ length: field.nParams }, () => 0.4 * rng.normal());
}

test("solve: maxSaved must be an integer ≥ 0", () => {
  const model = new BlackBoxModel([2, 4, 2]);
  const theta = model.init(new Rng(1));
  assert.throws(() => solve(model, Float64Array.from([1, 1]), Float64Array.from([0, 1]), theta, { maxSaved: -1 }), /maxSaved must be an integer ≥ 0/);
});

test("SavedSteps: chunks of the given number of steps (32 here), no step's values moved by later ones, nothing stored past the cap", () => {
  const perStep = 3;
  const store = new SavedSteps(perStep, 70 * perStep + 2, 32);
  for (let n = 0; n < 100; n++) {
    const added = store.add();
    assert.equal(added, n < 70, `step ${n}`);
    if (added) store.chunk(n).fill(n, store.offset(n), store.offset(n) + perStep);
  }
  assert.equal(store.steps, 70);
  for (let n = 0; n < 70; n++) {
    assert.equal(store.offset(n), (n % 32) * perStep);
    assert.deepEqual(Array.from(store.chunk(n).subarray(store.offset(n), store.offset(n) + perStep)), [n, n, n], `step ${n}`);
  }
  assert.equal(store.chunk(69).length, (70 - 64) * perStep, "the last chunk is cut at the cap");
  assert.equal(new SavedSteps(0, 100).add(), false);
});
