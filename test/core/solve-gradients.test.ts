/**
 * The discrete adjoint: the gradient of the MSE loss through every solver × model, coupled and
 * uncoupled, agrees with central finite differences of the same discretisation (dopri5 replays
 * the recorded step sizes so the loss is a smooth function of θ).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { GrayBoxModel } from "../../lib/core/models/graybox";
import { SecondOrderModel } from "../../lib/core/models/secondorder";
import { Model } from "../../lib/core/models/model";
import { solve, SolveOptions } from "../../lib/core/ode/solve";
import { SolverMethod, tableauByName } from "../../lib/core/ode/tableaus";
import { VectorField } from "../../lib/core/ode/types";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { CoupledField } from "../../lib/core/train/coupling";
import { mse, mseGradient } from "../../lib/core/train/loss";
import { Rng } from "../../lib/core/random/rng";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { Lorenz } from "../../lib/paper/systems/lorenz";
import { arange, simulateDataset } from "../../lib/paper/systems/dataset";
import { fdGradient, relError } from "../helpers/helpers";

interface Case {
  name: string;
  model: Model;
  u0: Float64Array;
  t: Float64Array;
  data: Float64Array;
}

function cases(): Case[] {
  const lv = simulateDataset(new LotkaVolterra(), { tEnd: 3.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 } });
  // A smooth 4-component target for the second-order model (two decoupled oscillators).
  const t4 = arange(0, 1.05, 0.05);
  const data4 = new Float64Array(t4.length * 4);
  t4.forEach((t, i) => data4.set([Math.sin(3 * t), 0.5 * Math.cos(2 * t), 3 * Math.cos(3 * t), -Math.sin(2 * t)], i * 4));
  return [
    { name: "black-box", model: new BlackBoxModel([2, 6, 2], "gelu"), u0: lv.u0, t: lv.train.t, data: lv.train.u },
    { name: "gray-box", model: new GrayBoxModel([2, 5, 5, 2], [1.3, -1.8], "gelu"), u0: lv.u0, t: lv.train.t, data: lv.train.u },
    { name: "second-order", model: new SecondOrderModel([4, 6, 2], "tanh"), u0: data4.slice(0, 4), t: t4, data: data4 },
  ];
}

const methods: SolverMethod[] = ["euler", "rk4", "dopri5", "tsit5", "bosh3"];

for (const c of cases()) {
  for (const method of methods) {
    for (const coupled of [false, true]) {
      test(`${method} × ${c.name} × ${coupled ? "coupled" : "uncoupled"}: dL/dθ and dL/du0 match finite differences to 1e-6`, () => {
        const theta = c.model.init(new Rng(7));
        const dim = c.model.dim;
        const field: VectorField = coupled ? new CoupledField(c.model, new SmoothingSpline(c.t, c.data, dim, 1e-3), 4, 0.7) : c.model;
        const adaptive = Boolean(tableauByName(method).bErr);
        const sol = solve(field, c.u0, c.t, theta, { method, substeps: adaptive ? undefined : 2 });
        const grads = sol.backward(mseGradient(sol.us, c.data));
        const frozen: SolveOptions = { method, substeps: 2, record: false, replaySteps: adaptive ? sol.stepSizes : undefined };
        const loss = (th: Float64Array, u0: Float64Array) => mse(solve(field, u0, c.t, th, frozen).us, c.data);
        const errTheta = relError(grads.theta, fdGradient((th) => loss(th, c.u0), theta));
        const errU0 = relError(grads.u0, fdGradient((u0) => loss(theta, u0), c.u0));
        assert.ok(errTheta <= 1e-6, `θ-gradient relative error ${errTheta.toExponential(2)}`);
        assert.ok(errU0 <= 1e-6, `u0-gradient relative error ${errU0.toExponential(2)}`);
      });
    }
  }
}

test("dopri5: the adjoint also matches finite differences of the fully adaptive solve at tight tolerance", () => {
  const c = cases()[0];
  const theta = c.model.init(new Rng(8));
  const opts: SolveOptions = { method: "dopri5", rtol: 1e-10, atol: 1e-12 };
  const sol = solve(c.model, c.u0, c.t, theta, opts);
  const g = sol.backward(mseGradient(sol.us, c.data)).theta;
  const fd = fdGradient((th) => mse(solve(c.model, c.u0, c.t, th, { ...opts, record: false }).us, c.data), theta, 1e-5);
  // Step sizes move with θ here; at rtol 1e-10 their effect on the loss is far below 1e-6.
  assert.ok(relError(g, fd) < 1e-5, `relative error ${relError(g, fd).toExponential(2)}`);
});

test("true systems: gradients with respect to their physical parameters (LV, Lorenz)", () => {
  for (const sys of [new LotkaVolterra(), new Lorenz()]) {
    const t = arange(0, 1.0, 0.1);
    const p = sys.defaultParams.map((v) => v * 1.1);
    const target = solve(sys, sys.defaultU0, t, sys.defaultParams, { method: "rk4", substeps: 4, record: false }).us;
    const sol = solve(sys, sys.defaultU0, t, p, { method: "rk4", substeps: 4 });
    const g = sol.backward(mseGradient(sol.us, target)).theta;
    const fd = fdGradient((pp) => mse(solve(sys, sys.defaultU0, t, pp, { method: "rk4", substeps: 4, record: false }).us, target), p);
    assert.ok(relError(g, fd) < 1e-6, `${sys.name}: ${relError(g, fd)}`);
  }
});

test("solve rejects bad inputs with messages naming the field", () => {
  const m = new BlackBoxModel([2, 4, 2]);
  const th = m.init(new Rng(1));
  assert.throws(() => solve(m, new Float64Array(3), Float64Array.from([0, 1]), th), /u0 must have length 2/);
  assert.throws(() => solve(m, new Float64Array(2), Float64Array.from([0, 0]), th), /ts must be strictly increasing/);
  assert.throws(() => solve(m, new Float64Array(2), Float64Array.from([0, 1]), new Float64Array(3)), /theta must have length/);
  assert.throws(() => solve(m, new Float64Array(2), Float64Array.from([0, 1]), th, { method: "rk45" as SolverMethod }), /solver method: expected one of/);
});
