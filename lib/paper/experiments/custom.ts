/**
 * Experiments on a system of your own (defined by equations): the paper's LV recipe carried
 * over — black-box [dim, 32, dim] GELU, dopri5 1e-7/1e-9, AdamW lr 0.05, power-law schedule
 * s = 6, κ = 0.6 — with k suggested by the Theorem-1 helper along the data's spline unless given.
 */
import { ExperimentConfig, Profile, TrainingMethodName, parseConfig } from "./config";
import { defineSystem, SystemDefinition } from "../systems/defined-system";
import { simulateDataset } from "../systems/dataset";
import { SmoothingSpline } from "../../core/interp/spline";
import { suggestCouplingStrength } from "../../core/train/coupling-strength";
import { log10, pow } from "../../core/libm";

export interface CustomConfigOptions {
  profile?: Profile;
  seed?: number;
  /** Coupling strength; default: the helper's suggestion (rounded up to 2 significant digits). */
  k?: number;
  /** Hidden width of the black-box model (default 32). */
  width?: number;
  lr?: number;
  alpha?: number;
}

const DEFAULT_DATA = { tEnd: 10, dt: 0.1, noise: { kind: "none" as const }, noiseSeed: 10 };

/** The data recipe of a definition (its `data` suggestion, else 100 clean points on [0, 10)). */
export function customDataRecipe(def: SystemDefinition) {
  const d = def.data;
  return { tEnd: d?.tEnd ?? DEFAULT_DATA.tEnd, dt: d?.dt ?? DEFAULT_DATA.dt, noise: d?.noise ?? DEFAULT_DATA.noise, noiseSeed: d?.noiseSeed ?? DEFAULT_DATA.noiseSeed };
}

/** k from Theorem 1 along the smoothing spline of the (noisy) training data. */
export function suggestedK(def: SystemDefinition, alpha = 1e-3): number {
  const system = defineSystem(def);
  const recipe = customDataRecipe(def);
  const ds = simulateDataset(system, recipe);
  const spline = new SmoothingSpline(ds.train.t, ds.train.u, ds.dim, alpha);
  const k = suggestCouplingStrength({ jacobian: system, spline }).suggestedK;
  if (k === 0) return 1;
  const digits = pow(10, Math.floor(log10(k)) - 1);
  return Math.ceil(k / digits) * digits;
}

/** An experiment config for a system written as equations, with k from the Theorem-1 helper unless given. */
export function customConfig(def: SystemDefinition, method: TrainingMethodName, options: CustomConfigOptions = {}): ExperimentConfig {
  const profile = options.profile ?? "quick";
  const dim = def.state.length;
  const width = options.width ?? 32;
  const alpha = options.alpha ?? 1e-3;
  const epochsPerStep = profile === "full" ? 100 : 50;
  const base = {
    system: "custom",
    systemDefinition: def,
    model: { kind: "blackbox", widths: [dim, width, dim], activation: "gelu" },
    method,
    profile,
    seed: options.seed ?? 10,
    init: "torch",
    data: { kind: "simulated", ...customDataRecipe(def) },
    weightDecay: 0.01,
    solver: { method: "dopri5", rtol: 1e-7, atol: 1e-9, maxSteps: 20000 },
    lr: options.lr ?? 0.05,
  };
  if (method === "homotopy") {
    return parseConfig({
      ...base,
      epochs: 6 * epochsPerStep,
      homotopy: { k: options.k ?? suggestedK(def, alpha), alpha, schedule: { kind: "power-law", steps: 6, epochsPerStep, decay: 0.6 } },
    });
  }
  const epochs = profile === "full" ? 4000 : 1000;
  if (method === "multishoot") return parseConfig({ ...base, epochs, multishoot: { segments: 5, continuityWeight: 0.01 } });
  return parseConfig({ ...base, epochs });
}
