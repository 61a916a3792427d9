/**
 * Gray-box model files: known physics written as equations plus named networks for the unknown
 * terms, e.g.
 *   { "state": ["hare", "lynx"],
 *     "params": { "a": 1.0, "c": { "value": 1.8, "fixed": true } },
 *     "rhs": { "hare": "a*hare - nn1(hare, lynx)", "lynx": "nn2(hare, lynx) - c*lynx" },
 *     "networks": { "nn1": { "inputs": ["hare", "lynx"], "widths": [16, 16], "activation": "gelu" }, … } }
 * A network with several outputs ("outputs": 2) is read as nn1[1](hare, lynx), nn1[2](hare, lynx)
 * (1-based, as mathjs indexes); a call's arguments must be the network's inputs, and the bare
 * nn1 / nn1[2] is accepted as a shorthand. Each network output becomes an extra symbol of an
 * equation system compiled by lib/paper/systems/define.ts, which gives the exact derivatives.
 */
import * as fs from "node:fs";
import { parse, SymbolNode } from "mathjs";
import type { AccessorNode, ConstantNode, FunctionNode, IndexNode, MathNode } from "mathjs";
import { ALLOWED_CONSTANTS, ALLOWED_FUNCTIONS } from "../systems/expressions";
import { defineSystem, EquationSystem } from "../systems/defined-system";
import {
  AugmentedEquations, EquationNetworkModel, NetworkTerm, PhysicalParameter, ActivationName,
} from "../../core/index";
import { FitInputError } from "./table";
import { GrayBoxDefinition, GrayBoxDefinitionSchema, NetworkSpec } from "./model-schema";

export { GrayBoxDefinitionSchema, NetworkSpecSchema } from "./model-schema";
export type { GrayBoxDefinition, NetworkSpec } from "./model-schema";

/** Check a gray-box definition's shape (zod); the equations are checked by compileGrayBox. */
export function parseGrayBoxDefinition(value: unknown, source = "model file"): GrayBoxDefinition {
  const r = GrayBoxDefinitionSchema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new FitInputError(`${source}: field "${i.path.length ? i.path.join(".") : "(top level)"}": ${i.message}`);
  }
  return r.data as GrayBoxDefinition;
}

/** Read a gray-box model file (JSON). */
export function readGrayBoxFile(file: string): GrayBoxDefinition {
  if (!fs.existsSync(file)) throw new FitInputError(`--model ${file}: file not found (expected "blackbox" or a gray-box model .json file)`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new FitInputError(`--model ${file}: not valid JSON: ${(e as Error).message}`);
  }
  return parseGrayBoxDefinition(value, `--model ${file}`);
}

const auxName = (net: string, output: number) => `__${net}_${output}`;

/** One network reference in an equation: which network, which output (1-based) and its arguments (null: bare). */
function networkReference(node: MathNode, networks: Record<string, NetworkSpec>): { name: string; output: number | null; args: MathNode[] | null } | null {
  const indexOf = (acc: AccessorNode): number | null => {
    const dims = (acc.index as IndexNode).dimensions;
    if (dims.length !== 1 || dims[0].type !== "ConstantNode") return NaN;
    const v = (dims[0] as ConstantNode<number>).value as unknown;
    return typeof v === "number" ? v : NaN;
  };
  if (node.type === "FunctionNode") {
    const f = node as FunctionNode;
    const fn = f.fn as unknown as MathNode;
    if (fn.type === "SymbolNode" && networks[(fn as SymbolNode).name]) return { name: (fn as SymbolNode).name, output: null, args: f.args };
    if (fn.type === "AccessorNode") {
      const acc = fn as unknown as AccessorNode;
      if (acc.object.type === "SymbolNode" && networks[(acc.object as SymbolNode).name]) return { name: (acc.object as SymbolNode).name, output: indexOf(acc), args: f.args };
    }
  }
  if (node.type === "AccessorNode") {
    const acc = node as AccessorNode;
    const obj = acc.object;
    if (obj.type === "SymbolNode" && networks[(obj as SymbolNode).name]) return { name: (obj as SymbolNode).name, output: indexOf(acc), args: null };
    if (obj.type === "FunctionNode") {
      const inner = networkReference(obj, networks);
      if (inner && inner.output === null) return { ...inner, output: indexOf(acc) };
    }
  }
  if (node.type === "SymbolNode" && networks[(node as SymbolNode).name]) return { name: (node as SymbolNode).name, output: null, args: null };
  return null;
}

/** Equations with network outputs as symbols, compiled by define.ts; the aux symbols' own rates are 0 and never used. */
class CompiledEquations implements AugmentedEquations {
  readonly dim: number;
  readonly nAux: number;
  readonly nPhysical: number;
  private readonly out: Float64Array;
  private readonly bar: Float64Array;
  constructor(readonly system: EquationSystem, dim: number, nAux: number) {
    this.dim = dim;
    this.nAux = nAux;
    this.nPhysical = system.nParams;
    this.out = new Float64Array(dim + nAux);
    this.bar = new Float64Array(dim + nAux);
  }
  eval(t: number, uz: Float64Array, p: Float64Array, out: Float64Array): void {
    this.system.eval(t, uz, p, this.out);
    for (let i = 0; i < this.dim; i++) out[i] = this.out[i];
  }
  vjp(t: number, uz: Float64Array, p: Float64Array, uBar: Float64Array, uzGrad: Float64Array | null, pGrad: Float64Array | null): void {
    for (let i = 0; i < this.dim; i++) this.bar[i] = uBar[i];
    this.system.vjp(t, uz, p, this.bar, uzGrad, pGrad);
  }
}

export interface CompiledGrayBox {
  model: EquationNetworkModel;
  definition: GrayBoxDefinition;
  /** Equations as the compiler saw them (network outputs as __name_k symbols). */
  compiledRhs: Record<string, string>;
}

/** Check the equations against the states, parameters and networks and compile them to a model. */
export function compileGrayBox(def: GrayBoxDefinition, source = "model file"): CompiledGrayBox {
  const states = def.state;
  const paramNames = Object.keys(def.params);
  const netNames = Object.keys(def.networks);
  const fail = (msg: string): never => {
    throw new FitInputError(`${source}: ${msg}`);
  };
  for (const n of netNames) {
    if (states.includes(n) || paramNames.includes(n)) fail(`network "${n}" has the name of a ${states.includes(n) ? "state" : "parameter"}`);
    if (ALLOWED_FUNCTIONS.includes(n)) fail(`network "${n}" has the name of a function`);
    const spec = def.networks[n];
    for (const input of spec.inputs) if (!states.includes(input)) fail(`network "${n}" input "${input}" is not a state; the states are ${states.join(", ")}`);
  }
  const missing = states.filter((s) => !Object.prototype.hasOwnProperty.call(def.rhs, s));
  if (missing.length) fail(`rhs: missing an equation for state "${missing[0]}" (states: ${states.join(", ")})`);
  const known = new Set<string>([...states, ...paramNames, "t", ...ALLOWED_CONSTANTS]);
  const used = new Set<string>();
  const compiledRhs: Record<string, string> = {};
  for (const s of states) {
    const text = def.rhs[s];
    const label = `rhs.${s}`;
    let tree: MathNode;
    try {
      tree = parse(text);
    } catch (e) {
      return fail(`${label}: syntax error in "${text}": ${(e as Error).message}`);
    }
    const replaced = tree.transform((node) => {
      const ref = networkReference(node, def.networks);
      if (!ref) return node;
      const spec = def.networks[ref.name];
      const output = ref.output ?? 1;
      if (!Number.isInteger(output) || output < 1 || output > spec.outputs) {
        fail(`${label}: network ${ref.name} has ${spec.outputs} output${spec.outputs === 1 ? "" : "s"}; "${node.toString()}" asks for output ${ref.output} (write ${ref.name}[1]…${ref.name}[${spec.outputs}], 1-based)`);
      }
      if (ref.output === null && spec.outputs > 1) fail(`${label}: network ${ref.name} has ${spec.outputs} outputs; name one, e.g. ${ref.name}[1](${spec.inputs.join(", ")})`);
      if (ref.args) {
        const args = ref.args.map((a) => a.toString());
        if (args.join(",") !== spec.inputs.join(",")) fail(`${label}: ${ref.name} is called with (${args.join(", ")}), but its inputs are (${spec.inputs.join(", ")}); a network is called with exactly its inputs`);
      }
      used.add(ref.name);
      return new SymbolNode(auxName(ref.name, output));
    });
    replaced.traverse((node) => {
      if (node.type === "SymbolNode") {
        const name = (node as SymbolNode).name;
        if (!known.has(name) && !name.startsWith("__") && !ALLOWED_FUNCTIONS.includes(name)) {
          fail(`${label}: unknown symbol "${name}" in "${text}"; known: states ${states.join(", ")}; params ${paramNames.join(", ") || "(none)"}; networks ${netNames.join(", ") || "(none)"}; t; constants ${ALLOWED_CONSTANTS.join(", ")}`);
        }
      }
      if (node.type === "FunctionNode") {
        const fn = (node as FunctionNode).fn as unknown as MathNode;
        const name = fn.type === "SymbolNode" ? (fn as SymbolNode).name : fn.toString();
        if (!ALLOWED_FUNCTIONS.includes(name)) fail(`${label}: unknown network or function "${name}" in "${text}"; networks: ${netNames.join(", ") || "(none)"}`);
      }
    });
    compiledRhs[s] = replaced.toString();
  }
  const unused = netNames.filter((n) => !used.has(n));
  if (unused.length) fail(`network "${unused[0]}" is not used in any equation`);
  const aux = netNames.flatMap((n) => Array.from({ length: def.networks[n].outputs }, (_, k) => auxName(n, k + 1)));
  const params: Record<string, number> = {};
  const physical: PhysicalParameter[] = paramNames.map((p) => {
    const v = def.params[p];
    const q = typeof v === "number" ? { name: p, value: v, fixed: false } : { name: p, value: v.value, fixed: v.fixed };
    params[p] = q.value;
    return q;
  });
  let system: EquationSystem;
  try {
    system = defineSystem({ name: def.name ?? "gray-box", state: [...states, ...aux], params, rhs: { ...compiledRhs, ...Object.fromEntries(aux.map((a) => [a, "0"])) } });
  } catch (e) {
    return fail((e as Error).message.replace(/__(\w+?)_(\d+)/g, "$1[$2]"));
  }
  const terms: NetworkTerm[] = netNames.map((n) => {
    const spec = def.networks[n];
    return { name: n, inputs: spec.inputs.map((i) => states.indexOf(i)), widths: [spec.inputs.length, ...spec.widths, spec.outputs], activation: spec.activation as ActivationName };
  });
  const describe = [
    `gray-box ${def.name ?? "model"}: ` + states.map((s) => `d${s}/dt = ${def.rhs[s]}`).join("; "),
    ...terms.map((t) => `${t.name}: MLP [${t.widths.join(", ")}] ${t.activation} of (${def.networks[t.name].inputs.join(", ")})`),
  ].join("; ");
  const model = new EquationNetworkModel(new CompiledEquations(system, states.length, aux.length), physical, terms, describe);
  return { model, definition: def, compiledRhs };
}
