/**
 * Systems written as equations ("bring your own system"): a definition such as
 *   { state: ["x", "y"], params: { a: 1.3, b: 0.9 }, rhs: { x: "a*x - b*x*y", y: "..." } }
 * is checked field by field, parsed and differentiated symbolically (∂f/∂u and ∂f/∂params) and
 * compiled to plain JavaScript functions, giving a TrueSystem usable wherever a built-in one is.
 */
import { assignSource, buildFunction, checkSource, emit, EvalFn, paramGuard, vjpSource, VjpFn } from "./codegen";
import { NoiseSpec } from "./dataset";
import { checkName, derivativeText, differentiate, makeScope, parseEquation, SystemDefinitionError } from "./expressions";
import { TrueSystem } from "./system";
import { UsageError } from "../../core/index";

/** Data settings that suit a system (used by notebooks and the CLI when none are given). */
export interface SystemDataSuggestion {
  /** Training window [0, tEnd). */
  tEnd: number;
  dt: number;
  noise?: NoiseSpec;
  noiseSeed?: number;
}

/** A system written as equations: states, parameters, right-hand sides (mathjs), initial state, data recipe. */
export interface SystemDefinition {
  name?: string;
  description?: string;
  /** State component names, in state-vector order. */
  state: string[];
  /** Parameter names and their default values; θ of eval/vjp is this vector in this order. */
  params?: Record<string, number>;
  /** du/dt for every state name, as a mathjs expression in states, params, t and math functions. */
  rhs: Record<string, string>;
  /** Default initial condition (default: 1 for every component). */
  u0?: number[];
  data?: SystemDataSuggestion;
}

/**
 * An equation gave a non-finite value: names the equation, the time and the state. A usage error:
 * the equations are the user's (a division by a state that reaches 0, say), not a fault of the numerics.
 */
export class SystemEvaluationError extends UsageError {
  constructor(
    message: string,
    readonly equation: string,
    readonly t: number,
    readonly state: Float64Array,
  ) {
    super(message);
    this.name = "SystemEvaluationError";
  }
}

/** A TrueSystem compiled from equations. θ = the parameter vector in the order of `params`. */
export class EquationSystem implements TrueSystem {
  readonly name: string;
  readonly description: string;
  readonly dim: number;
  readonly nParams: number;
  readonly stateNames: readonly string[];
  readonly paramNames: readonly string[];
  readonly defaultParams: Float64Array;
  readonly defaultU0: Float64Array;
  /** The right-hand sides as given, in state order. */
  readonly equations: readonly string[];
  /** ∂f_i/∂u_j as text (row-major, dim × dim), after mathjs's derivative and simplifyCore. */
  readonly jacobianText: readonly string[];
  readonly data?: SystemDataSuggestion;
  /** The generated JavaScript of eval (for inspection and benchmarks). */
  readonly evalSource: string;
  private readonly evalFn: EvalFn;
  private readonly jacFn: EvalFn;
  private readonly paramJacFn: EvalFn;
  private readonly vjpFn: VjpFn;
  private readonly raw: { f: EvalFn; J: EvalFn; JP: EvalFn };

  constructor(def: SystemDefinition) {
    if (def === null || typeof def !== "object") throw new SystemDefinitionError(`system definition: expected an object, got ${def === null ? "null" : typeof def}`);
    const name = def.name ?? "custom";
    if (typeof name !== "string" || !name.trim()) throw new SystemDefinitionError(`name: expected a non-empty string, got ${JSON.stringify(def.name)}`);
    const where = (field: string) => `system "${name}" ${field}`;
    if (!Array.isArray(def.state) || def.state.length === 0) {
      throw new SystemDefinitionError(`${where("state")}: expected a non-empty array of state names, got ${JSON.stringify(def.state)}`);
    }
    const seen = new Set<string>();
    const states = def.state.map((s, i) => checkName("state", where(`state[${i}]`), s, seen));
    const paramObj = def.params ?? {};
    if (paramObj === null || typeof paramObj !== "object" || Array.isArray(paramObj)) {
      throw new SystemDefinitionError(`${where("params")}: expected an object of name → number, got ${JSON.stringify(def.params)}`);
    }
    const params = Object.keys(paramObj).map((p) => checkName("parameter", where(`params.${p}`), p, seen));
    const paramValues = params.map((p) => {
      const v = paramObj[p];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new SystemDefinitionError(`${where(`params.${p}`)}: expected a finite number, got ${JSON.stringify(v)}`);
      return v;
    });
    const rhs = def.rhs;
    if (rhs === null || typeof rhs !== "object" || Array.isArray(rhs)) {
      throw new SystemDefinitionError(`${where("rhs")}: expected an object with one equation per state (${states.join(", ")}), got ${JSON.stringify(rhs)}`);
    }
    const missing = states.filter((s) => !Object.prototype.hasOwnProperty.call(rhs, s)); // not `in`: "toString" is in every object
    if (missing.length) throw new SystemDefinitionError(`${where("rhs")}: missing an equation for state ${missing.map((s) => `"${s}"`).join(", ")} (every state in [${states.join(", ")}] needs one)`);
    const extra = Object.keys(rhs).filter((k) => !states.includes(k));
    if (extra.length) throw new SystemDefinitionError(`${where("rhs")}: ${extra.map((s) => `"${s}"`).join(", ")} is not a state name (states: ${states.join(", ")})`);
    const u0 = def.u0 ?? states.map(() => 1);
    if (!Array.isArray(u0) || u0.length !== states.length || u0.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
      throw new SystemDefinitionError(`${where("u0")}: expected ${states.length} finite numbers (one per state ${states.join(", ")}), got ${JSON.stringify(def.u0)}`);
    }

    const scope = makeScope(states, params);
    const trees = states.map((s) => parseEquation(where(`rhs.${s}`), rhs[s], scope));
    const d = (i: number, v: string) => differentiate(trees[i], v, where(`rhs.${states[i]}`), rhs[states[i]]);
    const dim = states.length;
    const nP = params.length;
    const f = trees.map((tr) => emit(tr, scope));
    const dU = states.map((_, i) => states.map((v) => d(i, v)));
    const jU = dU.map((row) => row.map((n) => emit(n, scope)));
    const jP = states.map((_, i) => params.map((v) => emit(d(i, v), scope)));

    this.name = name;
    this.description = def.description ?? "";
    this.dim = dim;
    this.nParams = nP;
    this.stateNames = states;
    this.paramNames = params;
    this.defaultParams = Float64Array.from(paramValues);
    this.defaultU0 = Float64Array.from(u0);
    this.equations = states.map((s) => rhs[s]);
    this.jacobianText = dU.flatMap((row) => row.map(derivativeText));
    this.data = def.data;

    const guard = paramGuard(nP);
    const fRows = f.map((e) => [e]);
    this.evalSource = [guard, assignSource(fRows, 1), checkSource(fRows, 1, "f")].join("\n");

    const badParams = (p: Float64Array): never => {
      throw new RangeError(`system "${name}": θ must hold ${nP} parameter(s) (${params.join(", ") || "none"}), got ${p.length}`);
    };
    const nonFinite = (what: "f" | "J", t: number, u: Float64Array, p: Float64Array) => this.explainNonFinite(what, t, u, p);
    const build = (args: string[], body: string) => buildFunction(args, body, badParams, nonFinite);
    const four = ["t", "u", "p", "out"];
    this.evalFn = build(four, this.evalSource) as EvalFn;
    this.jacFn = build(four, [guard, assignSource(jU, dim), checkSource(jU, dim, "J")].join("\n")) as EvalFn;
    this.paramJacFn = build(four, [guard, assignSource(jP, nP), checkSource(jP, nP, "J")].join("\n")) as EvalFn;
    this.vjpFn = build(["t", "u", "p", "uBar", "uGrad", "pGrad"], vjpSource(jU, jP, dim, nP)) as VjpFn;
    // Unchecked twins for the error path, which must not re-enter the checks.
    this.raw = {
      f: build(four, assignSource(fRows, 1)) as EvalFn,
      J: build(four, assignSource(jU, dim)) as EvalFn,
      JP: build(four, assignSource(jP, nP)) as EvalFn,
    };
  }

  eval(t: number, u: Float64Array, theta: Float64Array, out: Float64Array): void {
    this.evalFn(t, u, theta, out);
  }

  /** ∂f/∂u, row-major dim × dim, exact (symbolic). */
  jacobian(t: number, u: Float64Array, params: Float64Array, out: Float64Array): void {
    this.jacFn(t, u, params, out);
  }

  /** ∂f/∂θ, row-major dim × nParams, exact (symbolic). */
  paramJacobian(t: number, u: Float64Array, params: Float64Array, out: Float64Array): void {
    this.paramJacFn(t, u, params, out);
  }

  vjp(t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null): void {
    this.vjpFn(t, u, theta, uBar, uGrad, thetaGrad);
  }

  /** The equations, one per line. */
  describe(): string {
    const p = this.paramNames.map((n, j) => `${n} = ${this.defaultParams[j]}`).join(", ");
    const lines = this.stateNames.map((s, i) => `  d${s}/dt = ${this.equations[i]}`);
    return [`${this.name}${this.description ? ` — ${this.description}` : ""}`, ...lines, p ? `  with ${p}` : "  (no parameters)"].join("\n");
  }

  /** Slow path after a non-finite value: find the first bad equation (or Jacobian entry) and say where. */
  private explainNonFinite(what: "f" | "J", t: number, u: Float64Array, p: Float64Array): never {
    const state = this.stateNames.map((s, i) => `${s} = ${u[i]}`).join(", ");
    const params = this.paramNames.map((s, j) => `${s} = ${p[j]}`).join(", ");
    const at = `at t = ${t} with ${state}${params ? ` (params ${params})` : ""}`;
    const f = new Float64Array(this.dim);
    this.raw.f(t, u, p, f);
    for (let i = 0; i < this.dim; i++) {
      if (!Number.isFinite(f[i])) {
        const eq = `d${this.stateNames[i]}/dt = ${this.equations[i]}`;
        throw new SystemEvaluationError(`system "${this.name}": equation ${eq} gave ${f[i]} ${at}`, eq, t, Float64Array.from(u));
      }
    }
    const J = new Float64Array(this.dim * this.dim);
    const JP = new Float64Array(this.dim * this.nParams);
    this.raw.J(t, u, p, J);
    this.raw.JP(t, u, p, JP);
    const bad = (vars: readonly string[], values: Float64Array) => {
      const n = vars.length;
      for (let q = 0; q < values.length; q++) {
        if (!Number.isFinite(values[q])) return `∂(d${this.stateNames[Math.floor(q / n)]}/dt)/∂${vars[q % n]} = ${values[q]}`;
      }
      return null;
    };
    const which = bad(this.stateNames, J) ?? bad(this.paramNames, JP);
    const detail = which ?? (what === "J" ? "a vector-Jacobian product (uBar itself not finite?)" : "a value");
    throw new SystemEvaluationError(`system "${this.name}": the derivative ${detail} is not finite ${at}`, which ?? "", t, Float64Array.from(u));
  }
}

/** Parse, check, differentiate and compile a system written as equations. */
export function defineSystem(def: SystemDefinition): EquationSystem {
  return new EquationSystem(def);
}
