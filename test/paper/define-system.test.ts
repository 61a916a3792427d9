/** Systems defined by equations: agreement with the built-in system, exact derivatives, clear errors. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defineSystem, SystemDefinition, SystemEvaluationError } from "../../lib/paper/systems/defined-system";
import { SystemDefinitionError } from "../../lib/paper/systems/expressions";
import { loadSystemFile, parseSystemFile } from "../../lib/paper/systems/system-file";
import { classicSystem, LOTKA_VOLTERRA_EQUATIONS, VAN_DER_POL, DUFFING } from "../../lib/paper/systems/classic";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { solve } from "../../lib/core/ode/solve";
import { Rng } from "../../lib/core/random/rng";
import { relError } from "../helpers/helpers";

const LV: SystemDefinition = {
  state: ["x", "y"],
  params: { a: 1.3, b: 0.9, c: 0.8, d: 1.8 },
  rhs: { x: "a*x - b*x*y", y: "c*x*y - d*y" },
  u0: [0.44249296, 4.6280594],
};

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test("equation-defined Lotka–Volterra gives the built-in trajectory to 1e-12 (same solver settings)", () => {
  const eq = classicSystem("lotka-volterra-eq");
  const lv = new LotkaVolterra();
  assert.deepEqual(Array.from(eq.defaultParams), Array.from(lv.defaultParams));
  assert.deepEqual(Array.from(eq.defaultU0), Array.from(lv.defaultU0));
  const ts = Float64Array.from({ length: 122 }, (_, i) => i * 0.1);
  const opts = { method: "dopri5" as const, rtol: 1e-7, atol: 1e-9, record: false };
  const a = solve(eq, eq.defaultU0, ts, eq.defaultParams, opts);
  const b = solve(lv, lv.defaultU0, ts, lv.defaultParams, opts);
  assert.ok(maxAbsDiff(a.us, b.us) <= 1e-12, `max |Δu| = ${maxAbsDiff(a.us, b.us)}`);
  assert.equal(a.stats.nfe, b.stats.nfe);
  // Data generation (noise included) goes through the same path.
  const recipe = LOTKA_VOLTERRA_EQUATIONS.data!;
  const da = simulateDataset(eq, { tEnd: recipe.tEnd, dt: recipe.dt, noise: recipe.noise, noiseSeed: recipe.noiseSeed });
  const db = simulateDataset(lv, { tEnd: 6.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed: 10 });
  assert.equal(da.train.t.length, 61);
  assert.ok(maxAbsDiff(da.train.u, db.train.u) <= 1e-12);
  assert.ok(maxAbsDiff(da.extrap.u, db.extrap.u) <= 1e-12);
  // The symbolic Jacobian equals the hand-written one.
  const Ja = new Float64Array(4);
  const Jb = new Float64Array(4);
  const u = Float64Array.of(1.7, 0.6);
  eq.jacobian(0, u, eq.defaultParams, Ja);
  lv.jacobian(0, u, lv.defaultParams, Jb);
  assert.ok(maxAbsDiff(Ja, Jb) <= 1e-15);
});

/** A system exercising functions, constants, powers, t and abs (with its kink at 0). */
const ZOO: SystemDefinition = {
  name: "zoo",
  state: ["p", "q", "r"],
  params: { k1: 0.7, k2: -1.3, w: 2.1 },
  rhs: {
    p: "k1*sin(q)*exp(-r^2/2) + sqrt(1 + p^2) - tanh(w*t)",
    q: "log(2 + p*q) + pow(r, 3) - k2*abs(q)*q + cos(pi*p)/3",
    r: "atan(p - r) + k2^2*q + e^(-w*r) + log(1 + q^2, 10)",
  },
  u0: [0.3, -0.4, 0.5],
};

function fdJacobian(f: (x: Float64Array, out: Float64Array) => void, x: Float64Array, m: number): Float64Array {
  const n = x.length;
  const J = new Float64Array(m * n);
  const xp = Float64Array.from(x);
  const fp = new Float64Array(m);
  const fm = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[j]));
    xp[j] = x[j] + h;
    f(xp, fp);
    xp[j] = x[j] - h;
    f(xp, fm);
    xp[j] = x[j];
    for (let i = 0; i < m; i++) J[i * n + j] = (fp[i] - fm[i]) / (2 * h);
  }
  return J;
}

test("∂f/∂u, ∂f/∂θ and vjp are exact: they match central differences and each other", () => {
  const rng = new Rng(7);
  for (const def of [ZOO, VAN_DER_POL, DUFFING, LV]) {
    const sys = defineSystem(def);
    const n = sys.dim;
    const np = sys.nParams;
    for (let trial = 0; trial < 5; trial++) {
      const t = rng.uniformRange(0, 3);
      const u = Float64Array.from({ length: n }, () => rng.uniformRange(-1.5, 1.5));
      const p = Float64Array.from(sys.defaultParams, (v) => v + rng.uniformRange(-0.1, 0.1));
      const J = new Float64Array(n * n);
      const JP = new Float64Array(n * np);
      sys.jacobian(t, u, p, J);
      sys.paramJacobian(t, u, p, JP);
      const fdU = fdJacobian((x, out) => sys.eval(t, x, p, out), u, n);
      const fdP = fdJacobian((x, out) => sys.eval(t, u, x, out), p, n);
      assert.ok(relError(J, fdU) < 1e-8, `${sys.name} ∂f/∂u rel. error ${relError(J, fdU)}`);
      if (np) assert.ok(relError(JP, fdP) < 1e-8, `${sys.name} ∂f/∂θ rel. error ${relError(JP, fdP)}`);
      // vjp accumulates uBarᵀJ and uBarᵀ∂f/∂θ onto what is already there.
      const uBar = Float64Array.from({ length: n }, () => rng.normal());
      const uGrad = Float64Array.from({ length: n }, () => 0.25);
      const pGrad = Float64Array.from({ length: np }, () => -0.5);
      sys.vjp(t, u, p, uBar, uGrad, pGrad);
      for (let j = 0; j < n; j++) {
        let s = 0.25;
        for (let i = 0; i < n; i++) s += uBar[i] * J[i * n + j];
        assert.ok(Math.abs(uGrad[j] - s) <= 1e-13 * Math.max(1, Math.abs(s)), `${sys.name} vjp u[${j}]`);
      }
      for (let j = 0; j < np; j++) {
        let s = -0.5;
        for (let i = 0; i < n; i++) s += uBar[i] * JP[i * np + j];
        assert.ok(Math.abs(pGrad[j] - s) <= 1e-13 * Math.max(1, Math.abs(s)), `${sys.name} vjp θ[${j}]`);
      }
    }
  }
  // d(q·|q|)/dq = 2|q| is finite at the kink (mathjs writes abs(q)/q there).
  const zoo = defineSystem(ZOO);
  const J = new Float64Array(9);
  zoo.jacobian(0, Float64Array.of(0.3, 0, 0.5), zoo.defaultParams, J);
  assert.ok(J.every(Number.isFinite));
});

test("classic systems: Van der Pol's limit cycle and Duffing's well are reproduced", () => {
  const vdp = classicSystem("van-der-pol");
  const ts = Float64Array.from({ length: 4001 }, (_, i) => i * 0.01);
  const s = solve(vdp, vdp.defaultU0, ts, vdp.defaultParams, { rtol: 1e-10, atol: 1e-12, record: false });
  let amp = 0;
  const crossings: number[] = [];
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] > 20) amp = Math.max(amp, Math.abs(s.us[2 * i]));
    const a = s.us[2 * i - 2];
    const b = s.us[2 * i];
    if (a < 0 && b >= 0) crossings.push(ts[i - 1] + (0.01 * -a) / (b - a));
  }
  // μ = 1: amplitude 2.0086, period 6.6633 (classic values).
  assert.ok(Math.abs(amp - 2.0086) < 1e-3, `amplitude ${amp}`);
  const period = (crossings[crossings.length - 1] - crossings[0]) / (crossings.length - 1);
  assert.ok(Math.abs(period - 6.6633) < 1e-3, `period ${period}`);

  const duff = classicSystem("duffing");
  const d = solve(duff, duff.defaultU0, Float64Array.of(0, 4, 40), duff.defaultParams, { rtol: 1e-10, atol: 1e-12, record: false });
  assert.ok(d.us[2] < -0.5, `crossed into the left well by t = 4 (x = ${d.us[2]})`);
  assert.ok(Math.abs(d.us[4] - 1) < 0.01 && Math.abs(d.us[5]) < 0.01, `settles at x = 1 (${d.us[4]}, ${d.us[5]})`);
  // Non-autonomous forcing: γ cos(ωt) enters the v equation.
  const out0 = new Float64Array(2);
  const out1 = new Float64Array(2);
  const forced = Float64Array.from(duff.defaultParams);
  forced[3] = 0.5;
  duff.eval(0, Float64Array.of(0.2, 0.1), forced, out0);
  duff.eval(1, Float64Array.of(0.2, 0.1), forced, out1);
  assert.ok(Math.abs(out0[1] - out1[1] - 0.5 * (1 - Math.cos(1.2))) < 1e-15);
});

function throwsWith(fn: () => unknown, pattern: RegExp, type: new (...args: never[]) => Error = SystemDefinitionError): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
    assert.match((e as Error).message, pattern);
    return true;
  });
}

test("bad definitions give errors naming the field and the problem", () => {
  const bad = (patch: Partial<SystemDefinition>) => () => defineSystem({ ...LV, name: "lv", ...patch });
  throwsWith(bad({ rhs: { x: "a*x - b*x*y", y: "c*x*q - d*y" } }), /system "lv" rhs\.y: unknown symbol "q" in "c\*x\*q - d\*y"\. Allowed: states x, y; params a, b, c, d; t \(time\); constants pi, e, tau; functions sin, cos/);
  throwsWith(bad({ rhs: { x: "a*x - b*x*y" } }), /system "lv" rhs: missing an equation for state "y"/);
  throwsWith(bad({ rhs: { x: "a*x", y: "-d*y", z: "x" } }), /system "lv" rhs: "z" is not a state name \(states: x, y\)/);
  throwsWith(bad({ state: ["x", "x"] }), /system "lv" state\[1\]: duplicate name "x"/);
  throwsWith(bad({ params: { a: 1, x: 2 } }), /params\.x: duplicate name "x"/);
  throwsWith(bad({ rhs: { x: "a*x +* y", y: "y" } }), /rhs\.x: syntax error in "a\*x \+\* y": Value expected \(char 6\)/);
  throwsWith(bad({ rhs: { x: "foo(x)", y: "y" } }), /rhs\.x: unknown function "foo" in "foo\(x\)"\. Allowed functions: sin, cos/);
  throwsWith(bad({ rhs: { x: "sin(x, y)", y: "y" } }), /rhs\.x: function sin takes 1 argument\(s\), got 2/);
  throwsWith(bad({ rhs: { x: "x!", y: "y" } }), /rhs\.x: operator "!" \(factorial\) is not supported/);
  throwsWith(bad({ rhs: { x: "x = 3", y: "y" } }), /rhs\.x: "x = 3" \(AssignmentNode\) is not allowed/);
  throwsWith(bad({ rhs: { x: "sin", y: "y" } }), /rhs\.x: "sin" is a function and needs arguments/);
  throwsWith(bad({ rhs: { x: "1e400*x", y: "y" } }), /rhs\.x: the number .* is not finite/);
  throwsWith(bad({ state: ["x", "t"], rhs: { x: "x", t: "1" } }), /state\[1\]: "t" is reserved/);
  throwsWith(bad({ state: ["x", "2y"] }), /state\[1\]: expected a state name made of ASCII letters/);
  throwsWith(bad({ u0: [1] }), /u0: expected 2 finite numbers \(one per state x, y\), got \[1\]/);
  throwsWith(bad({ params: { a: NaN, b: 1, c: 1, d: 1 } }), /params\.a: expected a finite number, got null/);
  throwsWith(() => defineSystem(LV).eval(0, Float64Array.of(1, 1), new Float64Array(3), new Float64Array(2)), /θ must hold 4 parameter\(s\) \(a, b, c, d\), got 3/, RangeError);
});

test("non-finite results name the equation, the time and the state", () => {
  const sys = defineSystem({ name: "logs", state: ["x", "y"], rhs: { x: "-x", y: "log(x)" }, u0: [1, 0] });
  throwsWith(() => sys.eval(0.25, Float64Array.of(0, 2), new Float64Array(0), new Float64Array(2)), /system "logs": equation dy\/dt = log\(x\) gave -Infinity at t = 0\.25 with x = 0, y = 2/, SystemEvaluationError);
  throwsWith(() => sys.jacobian(1.5, Float64Array.of(0, 2), new Float64Array(0), new Float64Array(4)), /equation dy\/dt = log\(x\) gave -Infinity at t = 1\.5/, SystemEvaluationError);
  const root = defineSystem({ name: "root", state: ["x"], params: { c: 2 }, rhs: { x: "c*sqrt(x)" }, u0: [1] });
  throwsWith(() => root.jacobian(0, Float64Array.of(0), root.defaultParams, new Float64Array(1)), /system "root": the derivative ∂\(dx\/dt\)\/∂x = Infinity is not finite at t = 0 with x = 0 \(params c = 2\)/, SystemEvaluationError);
  throwsWith(() => root.vjp(0, Float64Array.of(0), root.defaultParams, Float64Array.of(1), new Float64Array(1), null), /∂\(dx\/dt\)\/∂x = Infinity/, SystemEvaluationError);
  // Inside a solve the same error surfaces (x → −1 makes sqrt(x) NaN).
  const drop = defineSystem({ name: "drop", state: ["x", "y"], rhs: { x: "-1", y: "sqrt(x)" }, u0: [0.5, 0] });
  throwsWith(() => solve(drop, drop.defaultU0, Float64Array.of(0, 1), new Float64Array(0), { record: false }), /equation dy\/dt = sqrt\(x\) gave NaN at t = [0-9.]+ with x = -/, SystemEvaluationError);
});

test("system files: JSON text or a path, checked field by field", () => {
  const def = parseSystemFile(JSON.stringify({ ...VAN_DER_POL }));
  assert.deepEqual(def, VAN_DER_POL);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "system-file-"));
  try {
    const file = path.join(dir, "lv.json");
    fs.writeFileSync(file, JSON.stringify(LV, null, 2));
    const sys = loadSystemFile(file);
    assert.equal(sys.name, "custom");
    assert.deepEqual(Array.from(sys.defaultParams), [1.3, 0.9, 0.8, 1.8]);
    throwsWith(() => parseSystemFile(path.join(dir, "missing.json")), /system file not found: .*missing\.json/);
    fs.writeFileSync(file, "{ \"state\": [\"x\"], ");
    throwsWith(() => parseSystemFile(file), /lv\.json: not valid JSON/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throwsWith(() => parseSystemFile('{"state": ["x"], "rhs": {"x": 1}}'), /system JSON: field "rhs\.x": each equation must be a string/);
  throwsWith(() => parseSystemFile('{"state": ["x"], "params": {"a": "1.3"}, "rhs": {"x": "a*x"}}'), /field "params\.a": each parameter value must be a number/);
  throwsWith(() => parseSystemFile('{"state": ["x"], "param": {"a": 1}, "rhs": {"x": "x"}}'), /field "\(top level\)": Unrecognized key\(s\) in object: 'param'/);
  throwsWith(() => parseSystemFile('{"state": [], "rhs": {}}'), /field "state": state needs at least one name/);
  throwsWith(() => parseSystemFile('{"state": ["x"], "rhs": {"x": "x"}, "data": {"tEnd": -1, "dt": 0.1}}'), /field "data\.tEnd": data tEnd must be > 0/);
  throwsWith(() => parseSystemFile('{"state": ["x"], "rhs": {"x": "x"}, "u0": [1, "2"]}'), /field "u0\.1": each u0 entry must be a number/);
});


/** A damped oscillator with the first state and the parameter renamed: every name must behave like x and a. */
function renamedOscillator(state: string, param: string): string {
  return JSON.stringify({ state: [state, "y"], params: { [param]: 0.3, w: 1.7 }, rhs: { [state]: "y", y: `-w^2*${state} - ${param}*y + sin(t)` }, u0: [0.4, -0.2] });
}

test("names users may write: inherited object keys and JavaScript keywords work exactly like x; __proto__ and non-ASCII are refused in one line", () => {
  const reference = defineSystem(parseSystemFile(renamedOscillator("x", "a")));
  const u = Float64Array.of(0.7, -1.1);
  const values = (s: ReturnType<typeof defineSystem>) => {
    const f = new Float64Array(2);
    const J = new Float64Array(4);
    const JP = new Float64Array(4);
    const uGrad = new Float64Array(2);
    const pGrad = new Float64Array(2);
    s.eval(0.9, u, s.defaultParams, f);
    s.jacobian(0.9, u, s.defaultParams, J);
    s.paramJacobian(0.9, u, s.defaultParams, JP);
    s.vjp(0.9, u, s.defaultParams, Float64Array.of(0.5, -2), uGrad, pGrad);
    return [...f, ...J, ...JP, ...uGrad, ...pGrad];
  };
  const expected = values(reference);
  assert.ok(expected.every(Number.isFinite) && expected.some((v) => v !== 0));
  const works = ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "class", "new", "function", "return", "this", "delete", "typeof", "var", "let", "if", "while", "await", "yield"];
  for (const name of works) {
    for (const [state, param] of [[name, "a"], ["x", name]]) {
      const sys = defineSystem(parseSystemFile(renamedOscillator(state, param)));
      assert.deepEqual(values(sys), expected, `state ${state}, parameter ${param}`);
      const trajectory = solve(sys, sys.defaultU0, Float64Array.of(0, 0.5, 1), sys.defaultParams, { record: false }).us;
      const referenceTrajectory = solve(reference, reference.defaultU0, Float64Array.of(0, 0.5, 1), reference.defaultParams, { record: false }).us;
      assert.deepEqual(Array.from(trajectory), Array.from(referenceTrajectory));
    }
  }
  const refused: [string, RegExp][] = [
    ["__proto__", /"__proto__" is reserved by JavaScript/],
    ["θ", /expected a (state|parameter) name made of ASCII letters/],
    ["größe", /expected a (state|parameter) name made of ASCII letters/],
    ["x-1", /expected a (state|parameter) name made of ASCII letters/],
  ];
  for (const [name, message] of refused) {
    for (const [state, param] of [[name, "a"], ["x", name]]) {
      const err = (() => {
        try {
          defineSystem(parseSystemFile(renamedOscillator(state, param)));
        } catch (e) {
          return e as Error;
        }
        return null;
      })();
      assert.ok(err instanceof SystemDefinitionError, `state ${state}, parameter ${param}: expected a SystemDefinitionError, got ${err}`);
      assert.match(err.message, message);
      assert.equal(err.message.split("\n").length, 1, err.message);
    }
  }
  // A function name that only objects inherit is an unknown function, not a crash.
  throwsWith(() => defineSystem({ state: ["x"], rhs: { x: "constructor(x)" } }), /unknown function "constructor"/);
});

test("the printed Jacobian is simplified, and it is the same function as the one evaluated", () => {
  const sys = defineSystem({ name: "brusselator", state: ["x", "y"], params: { A: 1, B: 3 }, rhs: { x: "A + x^2*y - (B + 1)*x", y: "B*x - x^2*y" }, u0: [1, 1] });
  // No unevaluated arithmetic like "x ^ (2 - 1)" or "y * 2 * x" left for the reader.
  for (const text of sys.jacobianText) assert.doesNotMatch(text, /\(\d+ - \d+\)|\^ 1\b|\* 1\b/, text);
  assert.deepEqual(sys.jacobianText, ["2 * y * x - (B + 1)", "x ^ 2", "B - 2 * y * x", "-x ^ 2"]);
  // The text still describes what jacobian() computes: evaluate it at a point.
  const u = Float64Array.from([0.7, 1.9]);
  const J = new Float64Array(4);
  sys.jacobian(0, u, sys.defaultParams, J);
  const [x, y] = u;
  const B = sys.defaultParams[1];
  const fromText = [2 * y * x - (B + 1), x ** 2, B - 2 * y * x, -(x ** 2)];
  fromText.forEach((v, i) => assert.ok(Math.abs(v - J[i]) < 1e-12, `entry ${i}: ${sys.jacobianText[i]} = ${v}, jacobian() gives ${J[i]}`));
});
