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
import { GrayBoxDefinition, GrayBoxDefinitionSchema } from "../inputs/model-schema";
import {
  METHODS, TrainingMethodName, HIDDEN_ACTIVATIONS, HiddenActivation, SOLVER_NAMES, SolverName, UsageError,
} from "../../core/index";

export { METHODS };
export type { TrainingMethodName };

/** Where a run's trajectories come from: a paper system, a system written as equations ("custom"), or a table of measurements. */
export const SYSTEMS = ["lotka-volterra", "lorenz", "double-pendulum", "custom", "table"] as const;

/** The model kinds, defined once with what each is; MODELS are the network models of the paper's presets. */
export const MODEL_KINDS = [
  { name: "blackbox", summary: "one network for the whole vector field du/dt = U(u; θ)" },
  { name: "graybox", summary: "Lotka–Volterra's known linear terms plus a network (the paper's gray-box)" },
  { name: "secondorder", summary: "positions' rates are the velocities; a network gives the accelerations" },
  { name: "equations", summary: "equations with named networks for the unknown terms (a gray-box model file)" },
] as const;
export const MODELS = ["blackbox", "graybox", "secondorder"] as const;
export const PROFILES = ["quick", "full"] as const;

export type SystemName = (typeof SYSTEMS)[number];
export type ModelName = (typeof MODELS)[number];
export type ModelKind = (typeof MODEL_KINDS)[number]["name"];
export type Profile = (typeof PROFILES)[number];

/** The solvers a run can name: core's one list (adding a solver there makes it available to train, fit and the page). */
export const SOLVER_METHODS = SOLVER_NAMES;
export type SolverMethodName = SolverName;

const positive = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).finite().positive({ message: `${what} must be > 0` });
const nonNegative = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).finite().nonnegative({ message: `${what} must be ≥ 0` });
const positiveInt = (what: string) =>
  z.number({ invalid_type_error: `${what} must be a number` }).int({ message: `${what} must be a whole number` }).positive({ message: `${what} must be ≥ 1` });

/** State dimension of each built-in system, read from the system objects so the two cannot disagree. */
const BUILT_IN_DIMS: Readonly<Record<Exclude<SystemName, "custom" | "table">, number>> = {
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
  /** A table of measurements: each trajectory trains on its first part and extrapolates over the rest. */
  z
    .object({
      kind: z.literal("table"),
      path: z.string().min(1, { message: "data path must name a table file" }),
      columns: z.object({ time: z.string().optional(), states: z.array(z.string()).min(1).optional(), trajectory: z.string().optional(), dropMissing: z.boolean() }).strict(),
      /** A text table's separator and decimal mark, where given (else detected from the file). */
      format: z.object({ separator: z.string().length(1, { message: "expected one character" }).optional(), decimalComma: z.boolean().optional() }).strict().optional(),
      /** Train on times up to trainUntil after each trajectory's start; null: on trainFraction of its span. */
      trainUntil: z.number({ invalid_type_error: "expected a time > 0" }).finite({ message: "expected a time > 0" }).positive({ message: "expected a time > 0 (after each trajectory's first time)" }).nullable(),
      trainFraction: z.number({ invalid_type_error: "expected a number in (0, 1]" }).gt(0, { message: "expected a number in (0, 1]" }).lte(1, { message: "expected a number in (0, 1]" }),
      /** Centre and scale each state for training (every reported number stays in data units). */
      normalise: z.boolean(),
      /** Initial condition replacing the first sample (a single trajectory only). */
      u0: z.array(z.number().finite()).nullable(),
    })
    .strict(),
]);

export const NetworkModelSchema = z
  .object({
    kind: z.enum(MODELS, { errorMap: () => ({ message: `model must be one of ${MODEL_KINDS.map((m) => m.name).join(", ")}` }) }),
    widths: z.array(positiveInt("each width")).min(2, { message: "widths need at least an input and an output size" }),
    activation: z.enum(HIDDEN_ACTIVATIONS),
    /** Gray-box only: the known linear coefficients c in MLP(u) + c ⊙ u. */
    coefficients: z.array(z.number().finite()).optional(),
  })
  .strict();

/** A gray-box model file's equations and networks (`file`: where it was read from, for messages). */
export const EquationsModelSchema = z.object({ kind: z.literal("equations"), definition: GrayBoxDefinitionSchema, file: z.string().optional() }).strict();

export const ModelSchema = z.discriminatedUnion("kind", [NetworkModelSchema, EquationsModelSchema], {
  errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? `model must be one of ${MODEL_KINDS.map((m) => m.name).join(", ")}` : ctx.defaultError }),
});

export const SolverSchema = z
  .object({
    method: z.enum(SOLVER_METHODS, { errorMap: () => ({ message: `solver must be one of ${SOLVER_METHODS.join(", ")}` }) }),
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

export const HomotopySchema = z
  .object({
    k: nonNegative("coupling strength k"),
    /** Where k came from, when it was not given (e.g. the Theorem-1 helper on the data's spline). */
    kSource: z.string().optional(),
    alpha: nonNegative("spline smoothing alpha"),
    schedule: ScheduleSchema,
  })
  .strict();
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
    /** The paper presets' budget; absent for runs described directly (a fit of a table). */
    profile: z.enum(PROFILES).optional(),
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
    if ((c.system === "table") !== (c.data.kind === "table")) {
      ctx.addIssue({ code: "custom", path: ["data", "kind"], message: `data kind ${c.data.kind} does not fit system ${c.system}` });
      return;
    }
    if (c.model.kind === "equations" && c.system !== "table") ctx.addIssue({ code: "custom", path: ["model"], message: `a model file's equations fit a table of measurements, not system ${c.system}` });
    if (c.homotopy && c.method === "homotopy") checkSchedule(c.epochs, c.homotopy.schedule as ScheduleConfig, ctx);
    // A table's state count is known once it is read: prepareRun checks the model against it.
    if (c.system === "table" || c.data.kind === "table" || c.model.kind === "equations") return;
    const dim = c.system === "custom" ? (c.systemDefinition as SystemDefinition).state.length : BUILT_IN_DIMS[c.system];
    const w = (c.model as NetworkModelConfig).widths;
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
    if ((c.system === "double-pendulum") !== (c.data.kind !== "simulated")) {
      ctx.addIssue({ code: "custom", path: ["data", "kind"], message: `data kind ${c.data.kind} does not fit system ${c.system}` });
    }
  });

function checkSchedule(epochs: number, sch: ScheduleConfig, ctx: z.RefinementCtx): void {
  const plateaus = sch.kind === "power-law" ? sch.steps : Math.ceil(1 / sch.decrement - 1e-9) + 1;
  if (epochs !== plateaus * sch.epochsPerStep) {
    ctx.addIssue({ code: "custom", path: ["epochs"], message: `homotopy epochs must equal plateaus × epochsPerStep = ${plateaus} × ${sch.epochsPerStep} = ${plateaus * sch.epochsPerStep}, got ${epochs}` });
  }
}

/*
 * The config types are written out (not z.infer'd): tslab compiles without strictNullChecks, where
 * zod's inferred types turn every field optional. test/config-types.test.ts checks, under strict
 * tsc, that these equal the schema's inferred types.
 */
export type NoiseConfig = NoiseSpec;

export type DataConfig =
  | { kind: "simulated"; tEnd: number; dt: number; noise: NoiseConfig; noiseSeed: number }
  | { kind: "real-pendulum"; path?: string; trainPoints: number }
  | { kind: "synthetic-pendulum"; trainPoints: number; dt: number }
  | TableDataConfig;

export interface TableDataConfig {
  kind: "table";
  path: string;
  columns: { time?: string; states?: string[]; trajectory?: string; dropMissing: boolean };
  format?: { separator?: string; decimalComma?: boolean };
  trainUntil: number | null;
  trainFraction: number;
  normalise: boolean;
  u0: number[] | null;
}

export interface NetworkModelConfig {
  kind: ModelName;
  widths: number[];
  activation: HiddenActivation;
  coefficients?: number[];
}

export interface EquationsModelConfig {
  kind: "equations";
  definition: GrayBoxDefinition;
  file?: string;
}

export type ModelConfig = NetworkModelConfig | EquationsModelConfig;

export interface SolverConfig {
  method: SolverMethodName;
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
  kSource?: string;
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
  profile?: Profile;
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

/** The network of a config's model (the paper's presets and black-box fits); a model file's equations have none. */
export function networkModel(config: Pick<ExperimentConfig, "model">): NetworkModelConfig {
  if (config.model.kind === "equations") throw new ConfigError("model: this run's model is a model file's equations, not one network");
  return config.model;
}

/** The value at a path of an input, to quote it in a message (scalars only). */
function quotedValueAt(input: unknown, path: readonly (string | number)[]): string {
  let v: unknown = input;
  for (const key of path) v = v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[key] : undefined;
  return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? `, got ${JSON.stringify(v)}` : "";
}

/**
 * One readable line per problem: "field.path: message" (with the value given, when the input is
 * passed); `names` renames paths, e.g. { lr: "--lr" } for messages about command-line options.
 */
export function formatZodError(error: z.ZodError, prefix = "config", input?: unknown, names: Readonly<Record<string, string>> = {}): string {
  return error.issues
    .map((i) => {
      const key = i.path.join(".");
      const name = names[key] ?? `${prefix}${i.path.length ? "." + key : ""}`;
      return `${name}: ${i.message}${input === undefined || i.code === "custom" ? "" : quotedValueAt(input, i.path)}`;
    })
    .join("\n");
}

export class ConfigError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Validate anything claiming to be a config; throws ConfigError naming each bad field. */
export function parseConfig(value: unknown, prefix = "config", names: Readonly<Record<string, string>> = {}): ExperimentConfig {
  const r = ExperimentConfigSchema.safeParse(value);
  if (!r.success) throw new ConfigError(formatZodError(r.error, prefix, Object.keys(names).length ? value : undefined, names));
  return r.data as unknown as ExperimentConfig;
}

/** A stable identifier of a run, usable as a file name. */
export function runId(c: Pick<ExperimentConfig, "system" | "model" | "method" | "seed" | "systemDefinition"> & { data?: DataConfig }): string {
  const slug = (name: string) => name.replace(/[^A-Za-z0-9_-]+/g, "-");
  const system = c.system === "custom" ? `custom-${slug(c.systemDefinition?.name ?? "system")}` : c.system === "table" && c.data?.kind === "table" ? `table-${slug(c.data.path.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, ""))}` : c.system;
  return `${system}__${c.model.kind}__${c.method}__seed${c.seed}`;
}
