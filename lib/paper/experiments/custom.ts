/**
 * Experiments on a system of your own (defined by equations): the paper's LV recipe carried
 * over — black-box [dim, 32, dim] GELU, dopri5 1e-7/1e-9, AdamW lr 0.05, power-law schedule
 * s = 6, κ = 0.6 — with k suggested by the Theorem-1 helper along the data's spline unless given.
 */
import { ExperimentConfig, Profile, TrainingMethodName, parseConfig } from "./config";
import { defineSystem, SystemDefinition } from "../systems/defined-system";
import { simulateDataset } from "../systems/dataset";
import { SmoothingSpline, suggestCouplingStrength, log10, pow } from "../../core/index";
import {
  DEFAULT_ACTIVATION, DEFAULT_CONTINUITY_WEIGHT, DEFAULT_HIDDEN, DEFAULT_LR, DEFAULT_SCHEDULE_DECAY, DEFAULT_SCHEDULE_STEPS, DEFAULT_SEED, DEFAULT_SEGMENTS,
  DEFAULT_SOLVER, DEFAULT_SPLINE_ALPHA, DEFAULT_WEIGHT_DECAY,
} from "./defaults";

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
export function suggestedK(def: SystemDefinition, alpha = DEFAULT_SPLINE_ALPHA): number {
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
  const width = options.width ?? DEFAULT_HIDDEN[0];
  const alpha = options.alpha ?? DEFAULT_SPLINE_ALPHA;
  const epochsPerStep = profile === "full" ? 100 : 50;
  const base = {
    system: "custom",
    systemDefinition: def,
    model: { kind: "blackbox", widths: [dim, width, dim], activation: DEFAULT_ACTIVATION },
    method,
    profile,
    seed: options.seed ?? DEFAULT_SEED,
    init: "torch",
    data: { kind: "simulated", ...customDataRecipe(def) },
    weightDecay: DEFAULT_WEIGHT_DECAY,
    solver: { ...DEFAULT_SOLVER },
    lr: options.lr ?? DEFAULT_LR,
  };
  if (method === "homotopy") {
    return parseConfig({
      ...base,
      epochs: DEFAULT_SCHEDULE_STEPS * epochsPerStep,
      homotopy: { k: options.k ?? suggestedK(def, alpha), alpha, schedule: { kind: "power-law", steps: DEFAULT_SCHEDULE_STEPS, epochsPerStep, decay: DEFAULT_SCHEDULE_DECAY } },
    });
  }
  const epochs = profile === "full" ? 4000 : 1000;
  if (method === "multishoot") return parseConfig({ ...base, epochs, multishoot: { segments: DEFAULT_SEGMENTS, continuityWeight: DEFAULT_CONTINUITY_WEIGHT } });
  return parseConfig({ ...base, epochs });
}
