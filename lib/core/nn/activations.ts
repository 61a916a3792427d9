/**
 * Activation functions: the scalar function and its derivative, and the two loops the MLP runs
 * over a layer in its kernel memory. Each activation has its own loops (not one loop taking f as
 * an argument) so every call site inside them sees one function and V8 inlines it; the formulas
 * are written once, in f and df.
 */
import { erf } from "./erf";
import { exp, log1p, tanh as tanhOf } from "../libm";

/** The hidden-layer activations a model can name (the one list CLI choices, schemas and the page derive from). */
export const HIDDEN_ACTIVATIONS = ["gelu", "tanh", "relu", "softplus"] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

/** Names of the activations a network can use (identity: the output layer). */
export type ActivationName = HiddenActivation | "identity";

/** An activation: the scalar f and f′, and the loops that apply them to a layer in kernel memory. */
export interface Activation {
  readonly name: ActivationName;
  f(x: number): number;
  /** df/dx at x. */
  df(x: number): number;
  /** mem[a..a+n) ← f(mem[z..z+n)). */
  forward(mem: Float64Array, z: number, a: number, n: number): void;
  /** mem[g..g+n) ⊙= f'(mem[z..z+n)); mem[a..a+n) holds f(z) from the forward pass. */
  backward(mem: Float64Array, z: number, a: number, g: number, n: number): void;
}

const INV_SQRT2 = 1 / Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const geluF = (x: number): number => 0.5 * x * (1 + erf(x * INV_SQRT2));
const geluDf = (x: number): number => 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * exp(-0.5 * x * x);

/** GELU in PyTorch's exact form: x·Φ(x) with Φ the standard normal CDF (erf, not the tanh approximation). */
export const gelu: Activation = {
  name: "gelu",
  f: geluF,
  df: geluDf,
  forward: (mem, z, a, n) => {
    for (let i = 0; i < n; i++) mem[a + i] = geluF(mem[z + i]);
  },
  backward: (mem, z, _a, g, n) => {
    for (let i = 0; i < n; i++) mem[g + i] *= geluDf(mem[z + i]);
  },
};

/** tanh' = 1 − tanh², so the backward loop reuses the forward output instead of a second tanh. */
const tanhDfOfValue = (t: number): number => 1 - t * t;

export const tanh: Activation = {
  name: "tanh",
  f: tanhOf,
  df: (x) => tanhDfOfValue(tanhOf(x)),
  forward: (mem, z, a, n) => {
    for (let i = 0; i < n; i++) mem[a + i] = tanhOf(mem[z + i]);
  },
  backward: (mem, _z, a, g, n) => {
    for (let i = 0; i < n; i++) mem[g + i] *= tanhDfOfValue(mem[a + i]);
  },
};

const reluF = (x: number): number => (x > 0 ? x : 0);

/** ReLU; its derivative at 0 is taken as 0 (PyTorch's convention). */
export const relu: Activation = {
  name: "relu",
  f: reluF,
  df: (x) => (x > 0 ? 1 : 0),
  forward: (mem, z, a, n) => {
    for (let i = 0; i < n; i++) mem[a + i] = reluF(mem[z + i]);
  },
  // Zeroing (not multiplying by 0) keeps an infinite adjoint of a dead unit from becoming NaN.
  backward: (mem, z, _a, g, n) => {
    for (let i = 0; i < n; i++) if (!(mem[z + i] > 0)) mem[g + i] = 0;
  },
};

const softplusF = (x: number): number => (x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)));
const softplusDf = (x: number): number => (x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)));

/** softplus(x) = log(1 + eˣ), evaluated without overflow. */
export const softplus: Activation = {
  name: "softplus",
  f: softplusF,
  df: softplusDf,
  forward: (mem, z, a, n) => {
    for (let i = 0; i < n; i++) mem[a + i] = softplusF(mem[z + i]);
  },
  backward: (mem, z, _a, g, n) => {
    for (let i = 0; i < n; i++) mem[g + i] *= softplusDf(mem[z + i]);
  },
};

export const identity: Activation = {
  name: "identity",
  f: (x) => x,
  df: () => 1,
  forward: (mem, z, a, n) => {
    mem.copyWithin(a, z, z + n);
  },
  backward: () => {},
};

export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = { gelu, tanh, relu, softplus, identity };

/** The activation named `gelu`, `tanh`, `relu`, `softplus` or `identity`; throws on any other name. */
export function activationByName(name: string): Activation {
  const a = (ACTIVATIONS as Record<string, Activation | undefined>)[name];
  if (!a) {
    throw new RangeError(`activation: expected one of ${Object.keys(ACTIVATIONS).join(", ")}, got "${name}"`);
  }
  return a;
}
