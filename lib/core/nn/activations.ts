/**
 * Scalar activation functions with their first and second derivatives.
 * Second derivatives are here so that curvature code can be checked against them.
 */
import { erf } from "./erf";

export type ActivationName = "gelu" | "tanh" | "relu" | "softplus" | "identity";

export interface Activation {
  readonly name: ActivationName;
  f(x: number): number;
  /** df/dx at x. */
  df(x: number): number;
  /** d²f/dx² at x. */
  d2f(x: number): number;
}

const INV_SQRT2 = 1 / Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** GELU in PyTorch's exact form: x·Φ(x) with Φ the standard normal CDF (erf, not the tanh approximation). */
export const gelu: Activation = {
  name: "gelu",
  f: (x) => 0.5 * x * (1 + erf(x * INV_SQRT2)),
  df: (x) => 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
  d2f: (x) => INV_SQRT_2PI * Math.exp(-0.5 * x * x) * (2 - x * x),
};

export const tanh: Activation = {
  name: "tanh",
  f: Math.tanh,
  df: (x) => {
    const t = Math.tanh(x);
    return 1 - t * t;
  },
  d2f: (x) => {
    const t = Math.tanh(x);
    return -2 * t * (1 - t * t);
  },
};

/** ReLU; its derivative at 0 is taken as 0 (PyTorch's convention). */
export const relu: Activation = {
  name: "relu",
  f: (x) => (x > 0 ? x : 0),
  df: (x) => (x > 0 ? 1 : 0),
  d2f: () => 0,
};

/** softplus(x) = log(1 + eˣ), evaluated without overflow. */
export const softplus: Activation = {
  name: "softplus",
  f: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
  df: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  d2f: (x) => {
    const s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    return s * (1 - s);
  },
};

export const identity: Activation = {
  name: "identity",
  f: (x) => x,
  df: () => 1,
  d2f: () => 0,
};

export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = { gelu, tanh, relu, softplus, identity };

export function activationByName(name: string): Activation {
  const a = (ACTIVATIONS as Record<string, Activation | undefined>)[name];
  if (!a) {
    throw new RangeError(`activation: expected one of ${Object.keys(ACTIVATIONS).join(", ")}, got "${name}"`);
  }
  return a;
}
