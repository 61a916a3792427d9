import { test } from "node:test";
import assert from "node:assert/strict";
import type * as Tfjs from "@tensorflow/tfjs";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { ActivationName } from "../../lib/core/nn/activations";
import { Rng } from "../../lib/core/random/rng";
import { mlpDenseWeights, tfjsSequential } from "../../lib/core/tfjs/mlp-to-tfjs";
import { tfjsVectorField, loadTfjs } from "../../lib/core/tfjs/vector-field";
import { HomotopyObjective, VanillaObjective, MultipleShootingObjective, Objective } from "../../lib/core/train/objectives";
import { VectorField } from "../../lib/core/ode/types";
import { train } from "../../lib/core/train/loop";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { powerLawSchedule } from "../../lib/core/train/schedules";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { relError } from "../helpers/helpers";

let tf: typeof Tfjs | null = null;
try {
  tf = loadTfjs();
} catch {
  tf = null;
}
const skip = tf ? false : "@tensorflow/tfjs is not installed (optional peer dependency): npm install @tensorflow/tfjs@4.22.0";

/** θ-gradient of our MLP in tfjs's order (per layer: kernel in × out, then bias): the same linear map as the weights. */
function inTfjsOrder(model: BlackBoxModel, g: Float64Array): Float64Array {
  return Float64Array.from(mlpDenseWeights(model.mlp, g).flatMap((l) => [...l.kernel, ...l.bias]));
}

for (const activation of ["gelu", "tanh"] as ActivationName[]) {
  test(`tfjs Sequential with our MLP's weights (${activation}): same field to 1e-6, same VJPs to 1e-5`, { skip }, () => {
    const tfjs = tf as typeof Tfjs;
    const model = new BlackBoxModel([2, 32, 32, 2], activation);
    const theta = model.init(new Rng(7));
    const field = tfjsVectorField(tfjsSequential(tfjs, mlpDenseWeights(model.mlp, theta), activation), { tf: tfjs });
    assert.equal(field.nParams, model.nParams);
    const thetaTf = field.readTheta();
    // Weights survive the float32 round trip to single precision.
    assert.ok(relError(thetaTf, inTfjsOrder(model, theta)) < 1e-7);
    const rng = new Rng(3);
    for (let trial = 0; trial < 5; trial++) {
      const u = Float64Array.from([rng.uniformRange(-2, 2), rng.uniformRange(-2, 2)]);
      const bar = Float64Array.from([rng.uniformRange(-1, 1), rng.uniformRange(-1, 1)]);
      const ours = new Float64Array(2);
      const theirs = new Float64Array(2);
      model.eval(0, u, theta, ours);
      field.eval(0, u, thetaTf, theirs);
      assert.ok(relError(theirs, ours) < 1e-6, `field rel error ${relError(theirs, ours)}`);
      const [uGradOurs, uGradTf] = [new Float64Array(2), new Float64Array(2)];
      const [thGradOurs, thGradTf] = [new Float64Array(model.nParams), new Float64Array(field.nParams)];
      model.vjp(0, u, theta, bar, uGradOurs, thGradOurs);
      field.vjp(0, u, thetaTf, bar, uGradTf, thGradTf);
      assert.ok(relError(uGradTf, uGradOurs) < 1e-5, `state VJP rel error ${relError(uGradTf, uGradOurs)}`);
      assert.ok(relError(thGradTf, inTfjsOrder(model, thGradOurs)) < 1e-5, `θ VJP rel error ${relError(thGradTf, inTfjsOrder(model, thGradOurs))}`);
    }
    field.dispose();
  });
}

test("tfjs field: the state VJP matches central differences of its own float32 evaluation", { skip }, () => {
  const tfjs = tf as typeof Tfjs;
  const model = new BlackBoxModel([2, 16, 2], "tanh");
  const field = tfjsVectorField(tfjsSequential(tfjs, mlpDenseWeights(model.mlp, model.init(new Rng(1))), "tanh"), { tf: tfjs });
  const theta = field.readTheta();
  const u = Float64Array.from([0.4, -0.9]);
  const bar = Float64Array.from([0.7, -0.2]);
  const g = new Float64Array(2);
  field.vjp(0, u, theta, bar, g, null);
  const h = 1e-2;
  const fd = [0, 1].map((i) => {
    const [up, um, fp, fm] = [Float64Array.from(u), Float64Array.from(u), new Float64Array(2), new Float64Array(2)];
    up[i] += h;
    um[i] -= h;
    field.eval(0, up, theta, fp);
    field.eval(0, um, theta, fm);
    return (bar[0] * (fp[0] - fm[0]) + bar[1] * (fp[1] - fm[1])) / (2 * h);
  });
  // Step h: truncation ~h²·f‴ and float32 rounding ~1e-7/h, both well under 1e-3 here.
  assert.ok(relError(g, fd) < 1e-3, `VJP ${Array.from(g)} vs FD ${fd}`);
  field.dispose();
});

test("writeTheta writes the tfjs model's weights; readTheta reads them back", { skip }, () => {
  const tfjs = tf as typeof Tfjs;
  const model = new BlackBoxModel([2, 8, 2], "gelu");
  const seq = tfjsSequential(tfjs, mlpDenseWeights(model.mlp, model.init(new Rng(2))), "gelu");
  const field = tfjsVectorField(seq, { tf: tfjs });
  const theta = Float64Array.from({ length: field.nParams }, (_, i) => Math.sin(i) / 4);
  field.writeTheta(theta);
  assert.ok(relError(field.readTheta(), theta) < 1e-7);
  const kernel = seq.layers[0].getWeights()[0].dataSync();
  assert.ok(Math.abs(kernel[3] - theta[3]) < 1e-7, `kernel[3] ${kernel[3]} vs θ[3] ${theta[3]}`);
  field.dispose();
});

test("quick LV homotopy: the tfjs field trained by our solvers lands within 5 % of our MLP in best MSE", { skip }, () => {
  const tfjs = tf as typeof Tfjs;
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 4.1, dt: 0.1 });
  const data = { ...ds.train, u0: ds.u0 };
  const model = new BlackBoxModel([2, 16, 2], "gelu");
  const theta0 = model.init(new Rng(10));
  const field = tfjsVectorField(tfjsSequential(tfjs, mlpDenseWeights(model.mlp, theta0), "gelu"), { tf: tfjs });
  // Fixed steps: both runs take the same steps, so they differ only by float32 rounding.
  const solver = { method: "rk4" as const, substeps: 2 };
  const epochs = 24;
  const schedule = powerLawSchedule({ steps: 3, epochsPerStep: 6, decay: 0.6 });
  const run = (f: typeof model | typeof field, th0: Float64Array) => {
    const spline = new SmoothingSpline(data.t, data.u, 2, 1e-3);
    const objective = new HomotopyObjective(f, data, solver, spline, 5, schedule);
    const start = performance.now();
    const r = train(f, data, objective, th0, { epochs, optimizer: { lr: 0.02, weightDecay: 0 }, solver });
    return { ...r, msPerEpoch: (performance.now() - start) / epochs };
  };
  const ours = run(model, theta0);
  const theirs = run(field, field.readTheta());
  console.log(`LV homotopy ${epochs} epochs: best MSE ours ${ours.bestMse.toExponential(4)} (${ours.msPerEpoch.toFixed(1)} ms/epoch), tfjs ${theirs.bestMse.toExponential(4)} (${theirs.msPerEpoch.toFixed(1)} ms/epoch)`);
  assert.equal(ours.status, "ok");
  assert.equal(theirs.status, "ok");
  assert.ok(ours.bestMse < ours.history[0].mse / 2, `training did something: ${ours.history[0].mse} → ${ours.bestMse}`);
  assert.ok(Math.abs(theirs.bestMse - ours.bestMse) < 0.05 * ours.bestMse, `tfjs ${theirs.bestMse} vs ours ${ours.bestMse}`);
  field.dispose();
});

test("vanilla and multiple shooting: loss and θ-gradient with the tfjs field match ours (float32 tolerance)", { skip }, () => {
  const tfjs = tf as typeof Tfjs;
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 2.1, dt: 0.1 });
  const data = { ...ds.train, u0: ds.u0 };
  const model = new BlackBoxModel([2, 12, 2], "gelu");
  const theta = model.init(new Rng(4));
  const field = tfjsVectorField(tfjsSequential(tfjs, mlpDenseWeights(model.mlp, theta), "gelu"), { tf: tfjs });
  const thetaTf = field.readTheta();
  const solver = { method: "rk4" as const, substeps: 2 };
  const objectives: [string, (f: VectorField) => Objective][] = [
    ["vanilla", (f) => new VanillaObjective(f, data, solver)],
    ["multishoot", (f) => new MultipleShootingObjective(f, data, solver, 4, 0.01)],
  ];
  for (const [name, make] of objectives) {
    const ours = make(model);
    const extra = new Float64Array(ours.nExtra).map((_, i) => 0.01 * Math.cos(i));
    const a = ours.evaluate(0, theta, extra);
    const b = make(field).evaluate(0, thetaTf, extra);
    assert.ok(Math.abs(a.loss - b.loss) < 1e-5 * a.loss, `${name}: loss ${a.loss} vs ${b.loss}`);
    assert.ok(relError(b.gradTheta, inTfjsOrder(model, a.gradTheta)) < 1e-4, `${name}: θ-gradient rel error ${relError(b.gradTheta, inTfjsOrder(model, a.gradTheta))}`);
    if (ours.nExtra > 0) assert.ok(relError(b.gradExtra, a.gradExtra) < 1e-4, `${name}: correction gradient rel error ${relError(b.gradExtra, a.gradExtra)}`);
  }
  field.dispose();
});

test("a plain function Tensor → Tensor with its variables: field and VJPs match the closed form", { skip }, () => {
  const tfjs = tf as typeof Tfjs;
  const w = tfjs.variable(tfjs.tensor2d([0.3, -0.7, 0.5, 0.2], [2, 2]), true, "closed_form_w");
  const field = tfjsVectorField((x) => tfjs.tanh(tfjs.matMul(x, w)), { dim: 2, variables: [w], tf: tfjs });
  assert.equal(field.nParams, 4);
  const theta = Float64Array.from([0.25, -0.5, 0.75, 0.125]); // exact in float32
  const u = Float64Array.from([0.5, -1.5]);
  const bar = Float64Array.from([1.25, -0.5]);
  // f_j = tanh(Σ_i u_i W_ij); ∂/∂u_i = Σ_j W_ij s_j; ∂/∂W_ij = u_i s_j with s_j = bar_j (1 − f_j²).
  const f = [0, 1].map((j) => Math.tanh(u[0] * theta[j] + u[1] * theta[2 + j]));
  const s = [0, 1].map((j) => bar[j] * (1 - f[j] * f[j]));
  const out = new Float64Array(2);
  field.eval(0, u, theta, out);
  assert.ok(relError(out, f) < 1e-6, `field ${Array.from(out)} vs ${f}`);
  const uGrad = new Float64Array(2);
  const thetaGrad = new Float64Array(4);
  field.vjp(0, u, theta, bar, uGrad, thetaGrad);
  const uExpected = [0, 1].map((i) => theta[2 * i] * s[0] + theta[2 * i + 1] * s[1]);
  const thetaExpected = [u[0] * s[0], u[0] * s[1], u[1] * s[0], u[1] * s[1]];
  assert.ok(relError(uGrad, uExpected) < 1e-5, `state VJP ${Array.from(uGrad)} vs ${uExpected}`);
  assert.ok(relError(thetaGrad, thetaExpected) < 1e-5, `θ VJP ${Array.from(thetaGrad)} vs ${thetaExpected}`);
  field.dispose();
  w.dispose();
});
