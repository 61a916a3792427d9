/**
 * The experiment config: one typed, validated object that fully determines a run. The zod schema
 * is the boundary check for configs from files, the CLI and notebooks.
 */
import { z } from "zod";
import { defineSystem, SystemDefinition } from "../systems/defined-system";
import { SystemDefinitionSchema } from "../systems/system-file";
import { NoiseSchema } from "../systems/noise";
import { NoiseSpec } from "../systems/dataset";
import { LotkaVolterra } from "../systems/lotka-volterra";
import { Lorenz } from "../systems/lorenz";
import { DoublePendulum } from "../systems/double-pendulum";
import { UsageError } from "../../core/errors";

export const SYSTEMS = ["lotka-volterra", "lorenz", "double-pendulum", "custom"] as const;
export const MODELS = ["blackbox", "graybox", "secondorder"] as const;
export const METHODS = ["vanilla", "multishoot", "homotopy"] as const;
export const PROFILES = ["quick", "full"] as const;

export type SystemName = (typeof SYSTEMS)[number];
export type ModelName = (typeof MODELS)[number];
export type TrainingMethodName = (typeof METHODS)[number];
export type Profile = (typeof PROFILES)[number];

const positive = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).finite().positive({ message: `${what} must be > 0` });
const nonNegative = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).finite().nonnegative({ message: `${what} must be ≥ 0` });
const positiveInt = (what: string) =>
  z.number({ invalid_type_error: `${what} must be a number` }).int({ message: `${what} must be a whole number` }).positive({ message: `${what} must be ≥ 1` });

/** State dimension of each built-in system, read from the system objects so the two cannot disagree. */
const BUILT_IN_DIMS: Readonly<Record<Exclude<SystemName, "custom">, number>> = {
  "lotka-volterra": new LotkaVolterra().dim,
  lorenz: new Lorenz().dim,
  "double-pendulum": new DoublePendulum().dim,
};

/** numpy.arange(0, tEnd, dt) length (same rule as systems/dataset.ts arange). */
function numpyArangeLength(tEnd: number, dt: number): number {
  const q = tEnd / dt;
  return Math.abs(q - Math.round(q)) < 1e-9 ? Math.round(q) : Math.ceil(q);
}

export const DataSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("simulated"),
      tEnd: positive("data tEnd"),
      dt: positive("data dt"),
      noise: NoiseSchema,
      noiseSeed: z.number().int().nonnegative(),
    })
    .strict(),
  /** The Schmidt & Lipson recording: trajectory 0, the first trainPoints samples train, the next as many extrapolate. */
  z.object({ kind: z.literal("real-pendulum"), path: z.string().optional(), trainPoints: positiveInt("trainPoints") }).strict(),
  /** The ideal double pendulum sampled like the recording (no download needed). */
  z.object({ kind: z.literal("synthetic-pendulum"), trainPoints: positiveInt("trainPoints"), dt: positive("data dt") }).strict(),
]);

export const ModelSchema = z
  .object({
    kind: z.enum(MODELS, { errorMap: () => ({ message: `model must be one of ${MODELS.join(", ")}` }) }),
    widths: z.array(positiveInt("each width")).min(2, { message: "widths need at least an input and an output size" }),
    activation: z.enum(["gelu", "tanh", "relu", "softplus"]),
    /** Gray-box only: the known linear coefficients c in MLP(u) + c ⊙ u. */
    coefficients: z.array(z.number().finite()).optional(),
  })
  .strict();

export const SolverSchema = z
  .object({
    method: z.enum(["euler", "rk4", "dopri5", "dopri5-hairer", "tsit5"]),
    rtol: positive("solver rtol"),
    atol: positive("solver atol"),
    maxSteps: positiveInt("solver maxSteps"),
    substeps: positiveInt("solver substeps").optional(),
  })
  .strict();

export const ScheduleSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("power-law"),
      steps: positiveInt("schedule steps (s)"),
      epochsPerStep: positiveInt("schedule epochsPerStep (n_epoch)"),
      decay: z.number().gt(0, { message: "schedule decay (κ) must be in (0, 1)" }).lt(1, { message: "schedule decay (κ) must be in (0, 1)" }),
    })
    .strict(),
  z
    .object({
      kind: z.literal("constant-decrement"),
      decrement: z.number().gt(0).lte(1),
      epochsPerStep: positiveInt("schedule epochsPerStep (n_epoch)"),
    })
    .strict(),
]);

export const HomotopySchema = z.object({ k: nonNegative("coupling strength k"), alpha: nonNegative("spline smoothing alpha"), schedule: ScheduleSchema }).strict();
export const MultishootSchema = z
  .object({
    segments: positiveInt("multiple shooting segments"),
    continuityWeight: nonNegative("continuity weight"),
    continuityTarget: z.enum(["segment-start", "next-sample"]).optional(),
    /**
     * Tolerances of the full-trajectory rollout that picks the best epoch (default: the solver's).
     * The original MultipleShootingLearner logged that rollout at rtol = atol = 1e-5.
     */
    monitorTolerance: z.object({ rtol: z.number().positive(), atol: z.number().positive() }).strict().optional(),
  })
  .strict();

export const ExperimentConfigSchema = z
  .object({
    system: z.enum(SYSTEMS, { errorMap: () => ({ message: `system must be one of ${SYSTEMS.join(", ")}` }) }),
    /** For system "custom": the equations (see lib/paper/systems/defined-system.ts). */
    systemDefinition: SystemDefinitionSchema.optional(),
    model: ModelSchema,
    method: z.enum(METHODS, { errorMap: () => ({ message: `method must be one of ${METHODS.join(", ")}` }) }),
    profile: z.enum(PROFILES),
    seed: z.number().int({ message: "seed must be a whole number" }).nonnegative({ message: "seed must be ≥ 0" }),
    /** "torch": θ drawn as PyTorch draws it after seed_everything(seed); "rng": this library's own generator. */
    init: z.enum(["torch", "rng"]),
    data: DataSchema,
    epochs: positiveInt("epochs"),
    lr: positive("lr"),
    weightDecay: nonNegative("weightDecay"),
    solver: SolverSchema,
    homotopy: HomotopySchema.optional(),
    multishoot: MultishootSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.method === "homotopy" && !c.homotopy) ctx.addIssue({ code: "custom", path: ["homotopy"], message: "method homotopy needs a homotopy section (k, alpha, schedule)" });
    if (c.method === "multishoot" && !c.multishoot) ctx.addIssue({ code: "custom", path: ["multishoot"], message: "method multishoot needs a multishoot section (segments, continuityWeight)" });
    if (c.system === "custom") {
      if (!c.systemDefinition) {
        ctx.addIssue({ code: "custom", path: ["systemDefinition"], message: "system custom needs a systemDefinition (state, params, rhs)" });
        return;
      }
      try {
        defineSystem(c.systemDefinition as SystemDefinition);
      } catch (e) {
        ctx.addIssue({ code: "custom", path: ["systemDefinition"], message: (e as Error).message });
        return;
      }
    } else if (c.systemDefinition) {
      ctx.addIssue({ code: "custom", path: ["systemDefinition"], message: `a systemDefinition is only used with system custom, not ${c.system}` });
    }
    const dim = c.system === "custom" ? (c.systemDefinition as SystemDefinition).state.length : BUILT_IN_DIMS[c.system];
    const w = c.model.widths;
    const out = w[w.length - 1];
    if (w[0] !== dim) ctx.addIssue({ code: "custom", path: ["model", "widths"], message: `the ${c.system} state has ${dim} components, so widths must start with ${dim}, got [${w.join(", ")}]` });
    if (c.model.kind === "secondorder") {
      if (c.system !== "double-pendulum") ctx.addIssue({ code: "custom", path: ["model"], message: `a second-order model needs a state of positions and velocities (double-pendulum), not ${c.system}` });
      else if (out !== dim / 2) ctx.addIssue({ code: "custom", path: ["model", "widths"], message: `a second-order model outputs ${dim / 2} accelerations, so widths must end with ${dim / 2}` });
    } else if (out !== dim) {
      ctx.addIssue({ code: "custom", path: ["model", "widths"], message: `a ${c.model.kind} model outputs du/dt, so widths must end with ${dim}` });
    }
    if (c.model.kind === "graybox") {
      if (c.system !== "lotka-volterra") ctx.addIssue({ code: "custom", path: ["model"], message: `the gray-box model encodes Lotka–Volterra's known terms; it does not fit ${c.system}` });
      if (!c.model.coefficients || c.model.coefficients.length !== dim) ctx.addIssue({ code: "custom", path: ["model", "coefficients"], message: `a gray-box model needs ${dim} known coefficients` });
    }
    const points = c.data.kind === "simulated" ? numpyArangeLength(c.data.tEnd, c.data.dt) : c.data.trainPoints;
    if (points < 4) ctx.addIssue({ code: "custom", path: ["data"], message: `the training window must hold at least 4 points, this one holds ${points}` });
    if (c.multishoot && c.multishoot.segments > Math.floor(points / 2)) {
      ctx.addIssue({ code: "custom", path: ["multishoot", "segments"], message: `${points} training points allow at most ${Math.floor(points / 2)} segments (each needs 2 points), got ${c.multishoot.segments}` });
    }
    if (c.homotopy && c.method === "homotopy") {
      const sch = c.homotopy.schedule;
      const plateaus = sch.kind === "power-law" ? sch.steps : Math.ceil(1 / sch.decrement - 1e-9) + 1;
      if (c.epochs !== plateaus * sch.epochsPerStep) {
        ctx.addIssue({ code: "custom", path: ["epochs"], message: `homotopy epochs must equal plateaus × epochsPerStep = ${plateaus} × ${sch.epochsPerStep} = ${plateaus * sch.epochsPerStep}, got ${c.epochs}` });
      }
    }
    if ((c.system === "double-pendulum") !== (c.data.kind !== "simulated")) {
      ctx.addIssue({ code: "custom", path: ["data", "kind"], message: `data kind ${c.data.kind} does not fit system ${c.system}` });
    }
  });

/*
 * The config types are written out (not z.infer'd): tslab compiles without strictNullChecks, where
 * zod's inferred types turn every field optional. test/config-types.test.ts checks, under strict
 * tsc, that these equal the schema's inferred types.
 */
export type NoiseConfig = NoiseSpec;

export type DataConfig =
  | { kind: "simulated"; tEnd: number; dt: number; noise: NoiseConfig; noiseSeed: number }
  | { kind: "real-pendulum"; path?: string; trainPoints: number }
  | { kind: "synthetic-pendulum"; trainPoints: number; dt: number };

export interface ModelConfig {
  kind: ModelName;
  widths: number[];
  activation: "gelu" | "tanh" | "relu" | "softplus";
  coefficients?: number[];
}

export interface SolverConfig {
  method: "euler" | "rk4" | "dopri5" | "dopri5-hairer" | "tsit5";
  rtol: number;
  atol: number;
  maxSteps: number;
  substeps?: number;
}

export type ScheduleConfig =
  | { kind: "power-law"; steps: number; epochsPerStep: number; decay: number }
  | { kind: "constant-decrement"; decrement: number; epochsPerStep: number };

export interface HomotopyConfig {
  k: number;
  alpha: number;
  schedule: ScheduleConfig;
}

export interface MultishootConfig {
  segments: number;
  continuityWeight: number;
  /**
   * What a segment's end is pulled towards: "segment-start" (default; the next segment's start, as
   * the paper and the refactored code) or "next-sample" (the data one sample past it plus the
   * correction, the original branch's index; kept to test that hypothesis, see docs/fidelity.md).
   */
  continuityTarget?: "segment-start" | "next-sample";
  /**
   * Tolerances of the per-epoch full-trajectory rollout that picks the best epoch and gives the
   * reported interpolation MSE (default: the solver's). The original MultipleShootingLearner
   * logged it at rtol = atol = 1e-5; kept to test that hypothesis, see docs/fidelity.md.
   */
  monitorTolerance?: { rtol: number; atol: number };
}

/** One experiment as data: system, data recipe, model, method, schedule, solver, epochs, lr, seed (validated by `parseConfig`). */
export interface ExperimentConfig {
  system: SystemName;
  systemDefinition?: SystemDefinition;
  model: ModelConfig;
  method: TrainingMethodName;
  profile: Profile;
  seed: number;
  init: "torch" | "rng";
  data: DataConfig;
  epochs: number;
  lr: number;
  weightDecay: number;
  solver: SolverConfig;
  homotopy?: HomotopyConfig;
  multishoot?: MultishootConfig;
}

/** One readable line per problem: "field.path: message". */
export function formatZodError(error: z.ZodError, prefix = "config"): string {
  return error.issues.map((i) => `${prefix}${i.path.length ? "." + i.path.join(".") : ""}: ${i.message}`).join("\n");
}

export class ConfigError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Validate anything claiming to be a config; throws ConfigError naming each bad field. */
export function parseConfig(value: unknown, prefix = "config"): ExperimentConfig {
  const r = ExperimentConfigSchema.safeParse(value);
  if (!r.success) throw new ConfigError(formatZodError(r.error, prefix));
  return r.data as unknown as ExperimentConfig;
}

/** A stable identifier of a run, usable as a file name. */
export function runId(c: Pick<ExperimentConfig, "system" | "model" | "method" | "seed" | "systemDefinition">): string {
  const system = c.system === "custom" ? `custom-${(c.systemDefinition?.name ?? "system").replace(/[^A-Za-z0-9_-]+/g, "-")}` : c.system;
  return `${system}__${c.model.kind}__${c.method}__seed${c.seed}`;
}
