/**
 * The grammar of equation systems: which functions, constants and operators an rhs may use, the
 * names a state or parameter may take, parsing an rhs with mathjs and checking it symbol by
 * symbol, and symbolic differentiation of a checked tree.
 */
import { derivative, parse, simplify, simplifyCore } from "mathjs";
import type { ConstantNode, FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from "mathjs";
import { UsageError } from "../../core/index";

/** A bad definition: the message names the field and what was expected. */
export class SystemDefinitionError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "SystemDefinitionError";
  }
}

// Transcendental functions go to lib/core/libm (the generated code receives it as `libm`), so a
// system gives the same bits in every JavaScript engine; Math.sqrt and Math.abs are exact everywhere.
type Emit = (args: string[]) => string;
const fn1 = (js: string): Emit => (a) => `${js}(${a[0]})`;
const inv = (js: string): Emit => (a) => `(1 / ${js}(${a[0]}))`;
const invArg = (js: string): Emit => (a) => `${js}(1 / (${a[0]}))`;

/**
 * Functions an rhs may call: those mathjs can differentiate, with their arities and JavaScript.
 * The reciprocal trigonometric ones are here because mathjs writes derivatives with them
 * (d tan = sec², d tanh = sech²).
 */
export const FUNCTIONS: Record<string, { arity: number[]; emit: Emit }> = {
  sin: { arity: [1], emit: fn1("libm.sin") },
  cos: { arity: [1], emit: fn1("libm.cos") },
  tan: { arity: [1], emit: fn1("libm.tan") },
  sec: { arity: [1], emit: inv("libm.cos") },
  csc: { arity: [1], emit: inv("libm.sin") },
  cot: { arity: [1], emit: inv("libm.tan") },
  asin: { arity: [1], emit: fn1("libm.asin") },
  acos: { arity: [1], emit: fn1("libm.acos") },
  atan: { arity: [1], emit: fn1("libm.atan") },
  asec: { arity: [1], emit: invArg("libm.acos") },
  acsc: { arity: [1], emit: invArg("libm.asin") },
  acot: { arity: [1], emit: invArg("libm.atan") },
  sinh: { arity: [1], emit: fn1("libm.sinh") },
  cosh: { arity: [1], emit: fn1("libm.cosh") },
  tanh: { arity: [1], emit: fn1("libm.tanh") },
  sech: { arity: [1], emit: inv("libm.cosh") },
  csch: { arity: [1], emit: inv("libm.sinh") },
  coth: { arity: [1], emit: inv("libm.tanh") },
  asinh: { arity: [1], emit: fn1("libm.asinh") },
  acosh: { arity: [1], emit: fn1("libm.acosh") },
  atanh: { arity: [1], emit: fn1("libm.atanh") },
  asech: { arity: [1], emit: invArg("libm.acosh") },
  acsch: { arity: [1], emit: invArg("libm.asinh") },
  acoth: { arity: [1], emit: invArg("libm.atanh") },
  exp: { arity: [1], emit: fn1("libm.exp") },
  log: { arity: [1, 2], emit: (a) => (a.length === 1 ? `libm.log(${a[0]})` : `(libm.log(${a[0]}) / libm.log(${a[1]}))`) },
  log10: { arity: [1], emit: fn1("libm.log10") },
  sqrt: { arity: [1], emit: fn1("Math.sqrt") },
  abs: { arity: [1], emit: fn1("Math.abs") },
  pow: { arity: [2], emit: (a) => `libm.pow(${a[0]}, ${a[1]})` },
};

export const CONSTANTS: Record<string, { value: number; js: string }> = {
  pi: { value: Math.PI, js: "Math.PI" },
  e: { value: Math.E, js: "Math.E" },
  tau: { value: 2 * Math.PI, js: "(2 * Math.PI)" },
};

export const BINARY: Record<string, { js: string; apply: (a: number, b: number) => number }> = {
  add: { js: "+", apply: (a, b) => a + b },
  subtract: { js: "-", apply: (a, b) => a - b },
  multiply: { js: "*", apply: (a, b) => a * b },
  divide: { js: "/", apply: (a, b) => a / b },
};

/** Names a state or parameter may not take: time, constants, functions and mathjs keywords. */
const RESERVED = new Set([
  "t",
  ...Object.keys(CONSTANTS),
  ...Object.keys(FUNCTIONS),
  ...["PI", "E", "i", "phi", "Infinity", "NaN", "null", "undefined", "true", "false", "LN2", "LN10", "LOG2E", "LOG10E", "SQRT1_2", "SQRT2"],
  ...["mod", "to", "in", "and", "or", "xor", "not", "end"],
]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The lookup tables above are plain objects: a user's name such as "constructor" or "toString"
 * must not find what every object inherits, so every lookup by a user's name goes through here.
 */
export function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

export const ALLOWED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);
export const ALLOWED_CONSTANTS: readonly string[] = Object.keys(CONSTANTS);

/** The symbols of one system and where each lives in the generated code. */
export interface Scope {
  states: readonly string[];
  params: readonly string[];
  access: Map<string, string>;
}

/** States become u[i], params p[j], constants their Math expressions. */
export function makeScope(states: readonly string[], params: readonly string[]): Scope {
  const access = new Map<string, string>();
  states.forEach((s, i) => access.set(s, `u[${i}]`));
  params.forEach((p, j) => access.set(p, `p[${j}]`));
  access.set("t", "t");
  for (const [c, spec] of Object.entries(CONSTANTS)) access.set(c, spec.js);
  return { states, params, access };
}

function describeAllowed(scope: Scope): string {
  return [
    `states ${scope.states.join(", ")}`,
    scope.params.length ? `params ${scope.params.join(", ")}` : "no params",
    "t (time)",
    `constants ${ALLOWED_CONSTANTS.join(", ")}`,
    `functions ${ALLOWED_FUNCTIONS.join(", ")}`,
  ].join("; ");
}

const OPERATOR_NAMES: Record<string, string> = {
  add: "+",
  subtract: "-",
  multiply: "*",
  divide: "/",
  pow: "^",
  unaryMinus: "unary -",
  unaryPlus: "unary +",
};

/** Throws unless the tree uses only numbers, known symbols, + − × ÷ ^ and allowed functions. */
export function checkTree(node: MathNode, label: string, text: string, scope: Scope): void {
  const fail = (why: string, hint = "") => {
    throw new SystemDefinitionError(`${label}: ${why} in "${text}"${hint ? `. ${hint}` : ""}`);
  };
  switch (node.type) {
    case "ConstantNode": {
      const v = (node as ConstantNode<string | number | null>).value as unknown;
      if (typeof v !== "number") fail(`unsupported constant ${JSON.stringify(v)} (only numbers are allowed)`);
      else if (!Number.isFinite(v)) fail(`the number ${node.toString()} is not finite`);
      return;
    }
    case "SymbolNode": {
      const name = (node as SymbolNode).name;
      if (scope.access.has(name)) return;
      if (own(FUNCTIONS, name)) fail(`"${name}" is a function and needs arguments, e.g. ${name}(x)`);
      fail(`unknown symbol "${name}"`, `Allowed: ${describeAllowed(scope)}`);
      return;
    }
    case "ParenthesisNode":
      checkTree((node as ParenthesisNode).content, label, text, scope);
      return;
    case "OperatorNode": {
      const op = node as OperatorNode<never, never>;
      const fn = op.fn as string;
      if (!own(OPERATOR_NAMES, fn)) fail(`operator "${op.op}" (${fn}) is not supported; allowed operators: + - * / ^`);
      for (const a of op.args) checkTree(a, label, text, scope);
      return;
    }
    case "FunctionNode": {
      const f = node as FunctionNode;
      const name = f.fn && (f.fn as MathNode).type === "SymbolNode" ? (f.fn as SymbolNode).name : null;
      if (name === null) {
        fail(`"${f.toString()}" is not a plain function call`);
        return;
      }
      const spec = own(FUNCTIONS, name);
      if (!spec) {
        fail(`unknown function "${name}"`, `Allowed functions: ${ALLOWED_FUNCTIONS.join(", ")}`);
        return;
      }
      if (!spec.arity.includes(f.args.length)) fail(`function ${name} takes ${spec.arity.join(" or ")} argument(s), got ${f.args.length}`);
      for (const a of f.args) checkTree(a, label, text, scope);
      return;
    }
    default:
      fail(`"${node.toString()}" (${node.type}) is not allowed: an equation is one expression of numbers, symbols, + - * / ^ and function calls`);
  }
}

/** Parse one rhs and check it against the scope; `label` names the field in error messages. */
export function parseEquation(label: string, text: unknown, scope: Scope): MathNode {
  if (typeof text !== "string" || !text.trim()) throw new SystemDefinitionError(`${label}: expected an expression string, got ${JSON.stringify(text)}`);
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (e) {
    throw new SystemDefinitionError(`${label}: syntax error in "${text}": ${(e as Error).message}`);
  }
  checkTree(tree, label, text, scope);
  return tree;
}

/** ∂tree/∂v, symbolic, lightly simplified (simplifyCore); constant folding at code generation does the rest. */
export function differentiate(tree: MathNode, v: string, label: string, text: string): MathNode {
  try {
    return simplifyCore(derivative(tree, v, { simplify: false }));
  } catch (e) {
    throw new SystemDefinitionError(`${label}: cannot differentiate "${text}" with respect to ${v}: ${(e as Error).message}`);
  }
}

/**
 * A derivative as a reader wants to see it: fully simplified ("2 * x * y - (B + 1)" rather than
 * "y * 2 * x ^ (2 - 1) - (B + 1)"). Display only: the compiled derivative keeps the unsimplified
 * tree, whose floating-point evaluation order the numerics were checked with. Falls back to the
 * tree's own text if simplification fails.
 */
export function derivativeText(node: MathNode): string {
  try {
    return simplify(node).toString();
  } catch {
    return node.toString();
  }
}

/** A valid, unreserved, unused state or parameter name (added to `taken`), else a SystemDefinitionError. */
export function checkName(kind: string, field: string, name: unknown, taken: Set<string>): string {
  if (typeof name !== "string" || !IDENTIFIER.test(name)) {
    throw new SystemDefinitionError(`${field}: expected a ${kind} name made of ASCII letters (a-z, A-Z), digits and _ (not starting with a digit), got ${JSON.stringify(name)}`);
  }
  // JSON readers and plain objects treat this key as the object's prototype, not as a name.
  if (name === "__proto__") throw new SystemDefinitionError(`${field}: "__proto__" is reserved by JavaScript; choose another ${kind} name`);
  if (RESERVED.has(name)) throw new SystemDefinitionError(`${field}: "${name}" is reserved (time, a constant, a function or a keyword); choose another ${kind} name`);
  if (taken.has(name)) throw new SystemDefinitionError(`${field}: duplicate name "${name}" (state and parameter names must all differ)`);
  taken.add(name);
  return name;
}
