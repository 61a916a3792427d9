import { test } from "node:test";
import assert from "node:assert/strict";
import { compileGrayBox, parseGrayBoxDefinition } from "../../lib/paper/inputs/model-file";
import { ScaledModel } from "../../lib/core/models/scaled";
import { solve } from "../../lib/core/ode/solve";
import { Rng } from "../../lib/core/random/rng";
import { fdGradient, relError } from "../helpers/helpers";

const def = parseGrayBoxDefinition({
  state: ["x", "y", "z"],
  params: { a: 1.3, b: { value: 0.4, fixed: true }, c: 0.7 },
  rhs: { x: "a*x - nn1[1](x, y)*sin(z)", y: "nn1(x, y)[2] - c*y^2 + b", z: "exp(-z)*nn2(z) + a*c*t" },
  networks: { nn1: { inputs: ["x", "y"], widths: [5, 4], activation: "tanh", outputs: 2 }, nn2: { inputs: ["z"], widths: [6], activation: "gelu" } },
});

function setup() {
  const { model } = compileGrayBox(def);
  const theta = model.init(new Rng(3));
  return { model, theta };
}

test("gray-box θ holds the learned parameters first, then the networks; fixed ones stay out", () => {
  const { model, theta } = setup();
  assert.deepEqual(model.learned, [0, 2]);
  assert.equal(theta[0], 1.3);
  assert.equal(theta[1], 0.7);
  assert.equal(model.nParams, 2 + (2 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2) + (1 * 6 + 6 + 6 + 1));
});

test("gray-box eval matches the equations with the networks evaluated by hand", () => {
  const { model, theta } = setup();
  const u = Float64Array.from([0.8, -0.3, 0.5]);
  const out = new Float64Array(3);
  model.eval(0.4, u, theta, out);
  const n1 = new Float64Array(2);
  const n2 = new Float64Array(1);
  model.evalNetwork(0, theta, Float64Array.from([0.8, -0.3]), n1);
  model.evalNetwork(1, theta, Float64Array.from([0.5]), n2);
  const [a, c, b] = [theta[0], theta[1], 0.4];
  assert.ok(Math.abs(out[0] - (a * 0.8 - n1[0] * Math.sin(0.5))) < 1e-14);
  assert.ok(Math.abs(out[1] - (n1[1] - c * 0.09 + b)) < 1e-14);
  assert.ok(Math.abs(out[2] - (Math.exp(-0.5) * n2[0] + a * c * 0.4)) < 1e-14);
});

test("gray-box vjp (states, physical parameters, network weights) agrees with central differences", () => {
  const { model, theta } = setup();
  const u = Float64Array.from([0.8, -0.3, 0.5]);
  const bar = Float64Array.from([0.3, -1.1, 0.7]);
  const out = new Float64Array(3);
  const dot = (uu: Float64Array, th: Float64Array) => {
    model.eval(0.4, uu, th, out);
    return out[0] * bar[0] + out[1] * bar[1] + out[2] * bar[2];
  };
  const gu = new Float64Array(3);
  const gth = new Float64Array(model.nParams);
  model.vjp(0.4, u, theta, bar, gu, gth);
  assert.ok(relError(gu, fdGradient((x) => dot(x, theta), u)) < 1e-7, "state gradient");
  assert.ok(relError(gth, fdGradient((th) => dot(u, th), theta)) < 1e-7, "θ gradient");
  assert.ok(Math.abs(gth[0]) > 0.1 && Math.abs(gth[1]) > 0.01, "physical-parameter gradients are not trivially zero");
});

test("gradients of a rollout loss through the solver (θ and initial state), with scaling, agree with central differences", () => {
  const { model, theta } = setup();
  const scaled = new ScaledModel(model, [0.5, -0.2, 0.4], [2, 0.5, 1.5]);
  const ts = Float64Array.from([0, 0.2, 0.5, 0.9]);
  const v0 = Float64Array.from([0.1, -0.2, 0.3]);
  const loss = (th: Float64Array, u0: Float64Array) => {
    const us = solve(scaled, u0, ts, th, { method: "dopri5", rtol: 1e-11, atol: 1e-12, record: false }).us;
    return us.reduce((s, v) => s + v * v, 0);
  };
  const sol = solve(scaled, v0, ts, theta, { method: "dopri5", rtol: 1e-11, atol: 1e-12 });
  const g = sol.backward(sol.us.map((v) => 2 * v));
  assert.ok(relError(g.theta, fdGradient((th) => loss(th, v0), theta)) < 1e-5, "θ");
  assert.ok(relError(g.u0, fdGradient((x) => loss(theta, x), v0)) < 1e-5, "u0");
});

test("model-file mistakes are refused with the symbol or network named", () => {
  const base = { state: ["x", "y"], params: { a: 1 }, rhs: { x: "a*x - nn1(x, y)", y: "-y" }, networks: { nn1: { inputs: ["x", "y"] } } };
  const bad = (patch: object) => () => compileGrayBox(parseGrayBoxDefinition({ ...base, ...patch }));
  assert.throws(bad({ rhs: { x: "a*x - q*nn1(x, y)", y: "-y" } }), /unknown symbol "q".*known: states x, y; params a; networks nn1/);
  assert.throws(bad({ rhs: { x: "a*x - nn3(x, y) + nn1(x, y)", y: "-y" } }), /unknown network or function "nn3"/);
  assert.throws(bad({ networks: { nn1: { inputs: ["x", "w"] } } }), /network "nn1" input "w" is not a state; the states are x, y/);
  assert.throws(bad({ rhs: { x: "a*x - nn1(y, x)", y: "-y" } }), /called with \(y, x\), but its inputs are \(x, y\)/);
  assert.throws(bad({ rhs: { x: "a*x - nn1[2](x, y)", y: "-y" } }), /has 1 output/);
  assert.throws(bad({ networks: { nn1: { inputs: ["x", "y"] }, nn2: { inputs: ["x"] } } }), /network "nn2" is not used/);
});
