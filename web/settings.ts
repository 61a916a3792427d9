/**
 * The page's settings: what the form shows and the URL holds (only the fields the user set), and
 * the experiment config they stand for. Defaults are the CLI's quick profile, so an untouched
 * form is exactly `homotopy-ode train --system … --method … --json`'s config.
 */
import {
  paperConfig, customConfig, ExperimentConfig, METHODS, SOLVER_METHODS, SolverMethodName, TrainingMethodName,
  parseConfig, buildSchedule, CLASSIC_SYSTEMS, defineSystem, SystemDefinition, parseSystemFile,
} from "../lib/paper/index";

export const PAGE_SYSTEMS = { lv: "Lotka–Volterra", lorenz: "Lorenz", vdp: "Van der Pol", duffing: "Duffing", custom: "your equations" } as const;
export type PageSystem = keyof typeof PAGE_SYSTEMS;
export const PAGE_METHODS: readonly TrainingMethodName[] = METHODS;

/** Everything the form can set; absent fields take the quick profile's value. */
export interface Settings {
  system: PageSystem;
  method: TrainingMethodName;
  /** The ODE solver (default the presets' dopri5). */
  solver?: SolverMethodName;
  equations?: string;
  tEnd?: number;
  dt?: number;
  noise?: number;
  k?: number;
  s?: number;
  kappa?: number;
  epochs?: number;
  lr?: number;
  seed?: number;
}

export const NUMERIC_FIELDS = ["tEnd", "dt", "noise", "k", "s", "kappa", "epochs", "lr", "seed"] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

/** A bad setting: names the field and what was expected (shown next to the form). */
export class SettingsError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

export const DEFAULT_EQUATIONS = JSON.stringify(
  { name: "my-oscillator", state: ["x", "v"], params: { w: 2, c: 0.2 }, rhs: { x: "v", v: "-w^2*x - c*v" }, u0: [1, 0], data: { tEnd: 10, dt: 0.1, noise: { kind: "absolute", amplitude: 0.05 } } },
  null,
  1,
);

/** The equations of a typed-in system, checked with the messages of `--system-file`. */
export function parseEquations(text: string): SystemDefinition {
  if (!text.trimStart().startsWith("{")) throw new SettingsError("equations", 'equations: expected a JSON object, e.g. {"state": ["x"], "rhs": {"x": "-x"}}');
  try {
    const def = parseSystemFile(text);
    defineSystem(def);
    return def;
  } catch (e) {
    throw new SettingsError("equations", `--system-file: ${(e as Error).message}`);
  }
}

function definitionOf(settings: Settings): SystemDefinition | null {
  switch (settings.system) {
    case "vdp":
      return CLASSIC_SYSTEMS["van-der-pol"];
    case "duffing":
      return CLASSIC_SYSTEMS.duffing;
    case "custom":
      return parseEquations(settings.equations ?? DEFAULT_EQUATIONS);
    default:
      return null;
  }
}

function positive(field: string, v: number | undefined, integer = false): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) throw new SettingsError(field, `${field}: expected ${integer ? "a whole number ≥ 1" : "a number > 0"}, got ${v}`);
  return v;
}

/** The quick-profile config of a system and method (seed and k as given, else their defaults). */
function baseConfig(settings: Settings): ExperimentConfig {
  const seed = settings.seed ?? 10;
  if (!Number.isInteger(seed) || seed < 0) throw new SettingsError("seed", `seed: expected a whole number ≥ 0, got ${seed}`);
  if (settings.system === "lv") return paperConfig("lotka-volterra", "blackbox", settings.method, { profile: "quick", seed });
  if (settings.system === "lorenz") return paperConfig("lorenz", "blackbox", settings.method, { profile: "quick", seed });
  const def = definitionOf(settings) as SystemDefinition;
  // k is suggested along the data, so the data settings go into the definition first.
  const data = def.data ?? { tEnd: 10, dt: 0.1 };
  const noise = data.noise ?? { kind: "absolute" as const, amplitude: 0 };
  const withData: SystemDefinition = {
    ...def,
    data: {
      ...data,
      tEnd: settings.tEnd ?? data.tEnd,
      dt: settings.dt ?? data.dt,
      noise: settings.noise === undefined ? data.noise : noise.kind === "none" ? { kind: "absolute", amplitude: settings.noise } : { ...noise, amplitude: settings.noise },
    },
  };
  return customConfig(withData, settings.method, { profile: "quick", seed, k: settings.method === "homotopy" ? settings.k : undefined });
}

/** The config the settings stand for (validated); throws SettingsError naming the field. */
export function configFromSettings(settings: Settings): ExperimentConfig {
  positive("tEnd", settings.tEnd);
  positive("dt", settings.dt);
  positive("lr", settings.lr);
  positive("epochs", settings.epochs, true);
  positive("s", settings.s, true);
  if (settings.noise !== undefined && !(settings.noise >= 0)) throw new SettingsError("noise", `noise: expected a number ≥ 0, got ${settings.noise}`);
  if (settings.k !== undefined && !(settings.k >= 0)) throw new SettingsError("k", `k: expected a number ≥ 0, got ${settings.k}`);
  if (settings.kappa !== undefined && !(settings.kappa > 0 && settings.kappa < 1)) throw new SettingsError("kappa", `κ: expected a number in (0, 1), got ${settings.kappa}`);
  const config = JSON.parse(JSON.stringify(baseConfig(settings))) as ExperimentConfig;
  if (config.data.kind === "simulated" && (settings.system === "lv" || settings.system === "lorenz")) {
    if (settings.tEnd !== undefined) config.data.tEnd = settings.tEnd;
    if (settings.dt !== undefined) config.data.dt = settings.dt;
    if (settings.noise !== undefined) config.data.noise = config.data.noise.kind === "none" ? { kind: "absolute", amplitude: settings.noise } : { ...config.data.noise, amplitude: settings.noise };
  }
  if (settings.lr !== undefined) config.lr = settings.lr;
  if (settings.solver !== undefined) config.solver.method = settings.solver;
  const h = config.homotopy;
  if (h && config.method === "homotopy") {
    if (settings.k !== undefined) h.k = settings.k;
    if (h.schedule.kind === "power-law") {
      if (settings.s !== undefined) h.schedule.steps = settings.s;
      if (settings.kappa !== undefined) h.schedule.decay = settings.kappa;
    }
    // As `train --epochs`: s plateaus of floor(epochs / s) epochs each.
    const plateaus = buildSchedule(config).plateaus.length;
    const epochs = settings.epochs ?? plateaus * h.schedule.epochsPerStep;
    if (epochs < plateaus) throw new SettingsError("epochs", `epochs: homotopy with ${plateaus} λ plateaus needs at least ${plateaus} epochs, got ${epochs}`);
    h.schedule.epochsPerStep = Math.floor(epochs / plateaus);
    config.epochs = plateaus * h.schedule.epochsPerStep;
  } else if (settings.epochs !== undefined) config.epochs = settings.epochs;
  try {
    return parseConfig(config);
  } catch (e) {
    const message = (e as Error).message;
    throw new SettingsError(message.includes(".data") ? "dt" : "config", message);
  }
}

/** The form's values for the settings: the ones set, else the config's own. */
export function effectiveValues(settings: Settings, config: ExperimentConfig): Record<NumericField, number | undefined> {
  const d = config.data.kind === "simulated" ? config.data : null;
  const h = config.homotopy;
  const schedule = h?.schedule.kind === "power-law" ? h.schedule : null;
  return {
    tEnd: d?.tEnd,
    dt: d?.dt,
    noise: d ? (d.noise.kind === "none" ? 0 : d.noise.amplitude) : undefined,
    k: h?.k ?? settings.k,
    s: schedule?.steps ?? settings.s ?? 6,
    kappa: schedule?.decay ?? settings.kappa ?? 0.6,
    epochs: config.epochs,
    lr: config.lr,
    seed: config.seed,
  };
}

/** Settings from a URL query (unknown or malformed fields are reported, not guessed). */
export function settingsFromQuery(query: string): { settings: Settings; problems: string[] } {
  const p = new URLSearchParams(query);
  const problems: string[] = [];
  const system = (p.get("system") ?? "lv") as PageSystem;
  const method = (p.get("method") ?? "homotopy") as TrainingMethodName;
  const settings: Settings = { system: system in PAGE_SYSTEMS ? system : "lv", method: PAGE_METHODS.includes(method) ? method : "homotopy" };
  if (!(system in PAGE_SYSTEMS)) problems.push(`system: expected one of ${Object.keys(PAGE_SYSTEMS).join(", ")}, got "${system}"`);
  if (!PAGE_METHODS.includes(method)) problems.push(`method: expected one of ${PAGE_METHODS.join(", ")}, got "${method}"`);
  const solver = p.get("solver");
  if (solver !== null) {
    if ((SOLVER_METHODS as readonly string[]).includes(solver)) settings.solver = solver as SolverMethodName;
    else problems.push(`solver: expected one of ${SOLVER_METHODS.join(", ")}, got "${solver}"`);
  }
  const eq = p.get("equations");
  if (eq !== null) settings.equations = eq;
  for (const f of NUMERIC_FIELDS) {
    const raw = p.get(f);
    if (raw === null || raw === "") continue;
    const v = Number(raw);
    if (Number.isFinite(v)) settings[f] = v;
    else problems.push(`${f}: expected a number, got "${raw}"`);
  }
  return { settings, problems };
}

export function settingsToQuery(settings: Settings): string {
  const p = new URLSearchParams();
  p.set("system", settings.system);
  p.set("method", settings.method);
  if (settings.solver !== undefined) p.set("solver", settings.solver);
  if (settings.system === "custom" && settings.equations !== undefined) p.set("equations", settings.equations);
  for (const f of NUMERIC_FIELDS) if (settings[f] !== undefined) p.set(f, String(settings[f]));
  return p.toString();
}
