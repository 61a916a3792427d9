/** `homotopy-ode train`: run one paper config (with overrides), or resume a checkpoint, and print its scores. */
import {
  METHODS, MODELS, PROFILES, SYSTEMS, SOLVER_METHODS, ExperimentConfig, parseConfig, SystemName, customConfig, defineSystem,
  parseSystemFile, paperConfig, PAPER_MODELS, runSummary, buildDataset, buildSchedule, loadCheckpoint,
} from "../../paper/index";
import { TrainState } from "../../core/index";
import { runInterruptible } from "./run-interruptible";
import { UsageError } from "./errors";
import { ensureWritableFile } from "./output-paths";
import { flag, flagHelp, FlagValues, parseCommandFlags, required } from "./flags";

const PAPER_SYSTEMS = SYSTEMS.filter((s): s is Exclude<SystemName, "custom" | "table"> => s !== "custom" && s !== "table");

export const TRAIN_FLAGS = {
  system: flag.choice({ choices: PAPER_SYSTEMS, help: "the paper's system (required unless --system-file or --resume)" }),
  model: flag.choice({ choices: MODELS, help: "the paper's model of that system (required with --system)" }),
  method: flag.choice({ choices: METHODS, help: "training method (required unless --resume)" }),
  seed: flag.integer({ min: 0, placeholder: "N", shownDefault: "10", help: "seed of the initial parameters and of the data noise" }),
  profile: flag.choice({ choices: PROFILES, shownDefault: "quick", help: "quick takes minutes, full has the paper's training budgets" }),
  epochs: flag.integer({ min: 1, placeholder: "N", help: "training epochs; for homotopy it rescales the plateaus (s stays, n_epoch = epochs / s)" }),
  lr: flag.number({ help: "AdamW learning rate" }),
  k: flag.number({ help: "coupling strength, --method homotopy only" }),
  solver: flag.choice({ choices: SOLVER_METHODS, shownDefault: "dopri5", help: "ODE solver (the presets' tolerances)" }),
  data: flag.string({ placeholder: "PATH", shownDefault: "$HOMOTOPY_DATA_DIR/real_double_pend_h_1.txt when set, else the synthetic pendulum", help: "the double pendulum's recording real_double_pend_h_1.txt" }),
  json: flag.boolean({ help: "print exactly one JSON object on stdout: interpMse, extrapMse, bestEpoch, epochs, seconds, status and the resolved config (progress goes to stderr)" }),
  checkpoint: flag.string({ placeholder: "FILE", help: "save parameters, optimizer state and config at the end (and every --checkpoint-every epochs)" }),
  "checkpoint-every": flag.integer({ min: 1, placeholder: "N", help: "also save the checkpoint every N epochs" }),
  resume: flag.string({ placeholder: "FILE", help: "continue a checkpoint exactly where it stopped (its config decides everything)" }),
  "system-file": flag.string({ placeholder: "FILE", help: "your own system as JSON (see below), instead of --system and --model" }),
};

export type TrainFlagValues = FlagValues<typeof TRAIN_FLAGS>;

export const TRAIN_HELP = `homotopy-ode train --system lotka-volterra|lorenz|double-pendulum --model blackbox|graybox|secondorder
                   --method vanilla|multishoot|homotopy [--seed N] [--profile quick|full]
                   [--epochs N] [--lr X] [--k X] [--solver NAME] [--data PATH] [--json]
                   [--checkpoint FILE [--checkpoint-every N]]
homotopy-ode train --system-file examples/my-system.json --method vanilla|multishoot|homotopy [--seed N] [--profile quick|full]
                   [--epochs N] [--lr X] [--k X] [--json] [--checkpoint FILE]
homotopy-ode train --resume FILE [--checkpoint FILE] [--json]

Runs one of the paper's configs.

${flagHelp(TRAIN_FLAGS)}

--system-file: your own system as JSON {"state": ["x","y"], "params": {...}, "rhs": {"x": "...", "y": "..."},
"u0": [...], "data": {"tEnd": 10, "dt": 0.1, "noise": {"kind": "relative-to-mean", "amplitude": 0.05}}}
(a complete example: examples/my-system.json, a damped pendulum); it is trained with a black-box [dim, 32, dim] model and, for homotopy, k from the Theorem-1 helper unless --k.`;

const PROBLEM_FLAGS = ["system", "model", "method", "seed", "profile", "epochs", "lr", "k", "solver", "data", "system-file"] as const;
/** The flags that choose the problem (everything but checkpoints and output), as parsed. */
export type TrainProblemFlags = Partial<Pick<TrainFlagValues, (typeof PROBLEM_FLAGS)[number]>>;

export interface TrainInvocation {
  config: ExperimentConfig;
  json: boolean;
  checkpoint?: string;
  checkpointEvery?: number;
  resume?: TrainState;
}

export function resolveTrainConfig(argv: string[]): TrainInvocation {
  const { values } = parseCommandFlags(argv, TRAIN_FLAGS);
  const checkpoint = values.checkpoint;
  const checkpointEvery = values["checkpoint-every"];
  if (checkpointEvery !== undefined && !checkpoint) throw new UsageError("--checkpoint-every needs --checkpoint FILE");
  const json = values.json;
  if (values.resume !== undefined) {
    const clash = PROBLEM_FLAGS.filter((f) => values[f] !== undefined);
    if (clash.length) throw new UsageError(`--resume takes the whole config from the checkpoint; drop ${clash.map((f) => "--" + f).join(", ")}`);
    const ck = loadCheckpoint(values.resume);
    if (ck.config.data.kind === "table") throw new UsageError(`--resume ${values.resume}: this checkpoint is a fit's; resume it with homotopy-ode fit --resume ${values.resume}`);
    ensureWritableFile("--checkpoint", checkpoint ?? values.resume);
    return { config: ck.config, json, checkpoint: checkpoint ?? values.resume, checkpointEvery, resume: ck.state };
  }
  const config = configFromFlags(values);
  if (checkpoint !== undefined) ensureWritableFile("--checkpoint", checkpoint);
  return { config, json, checkpoint, checkpointEvery };
}

/** A paper config from --system/--model/--method and the overrides. */
export function configFromFlags(values: TrainProblemFlags): ExperimentConfig {
  if (values["system-file"] !== undefined) return customFromFlags(values, values["system-file"]);
  const system = required(values.system, "system", TRAIN_FLAGS.system);
  const model = required(values.model, "model", TRAIN_FLAGS.model);
  const method = required(values.method, "method", TRAIN_FLAGS.method);
  if (!PAPER_MODELS.some((m) => m.system === system && m.model === model)) {
    const fits = PAPER_MODELS.filter((m) => m.system === system).map((m) => m.model);
    throw new UsageError(`--model: ${model} does not fit --system ${system}; expected one of ${fits.join(", ")}`);
  }
  if (values.data !== undefined && system !== "double-pendulum") throw new UsageError(`--data: only the double pendulum reads a data file, not ${system}`);
  const base = paperConfig(system, model, method, { profile: values.profile ?? "quick", seed: values.seed ?? 10, data: values.data });
  return applyOverrides(base, values);
}

/** --system-file: a system defined by equations. */
function customFromFlags(values: TrainProblemFlags, file: string): ExperimentConfig {
  if (values.system !== undefined) throw new UsageError(`--system-file replaces --system; drop --system ${values.system}`);
  if (values.model !== undefined && values.model !== "blackbox") throw new UsageError(`--model: a system from --system-file is trained with the black-box model, not ${values.model}`);
  if (values.data !== undefined) throw new UsageError("--data: a system from --system-file is simulated; its data recipe is the file's \"data\" field");
  const method = required(values.method, "method", TRAIN_FLAGS.method);
  const k = values.k;
  if (k !== undefined && method !== "homotopy") throw new UsageError(`--k: the coupling strength applies to --method homotopy only, not ${method}`);
  let def;
  try {
    def = parseSystemFile(file);
    defineSystem(def); // checks the equations now, so the message names the file
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`--system-file ${file}: ${e.message}`);
    throw e;
  }
  return applyOverrides(customConfig(def, method, { profile: values.profile ?? "quick", seed: values.seed ?? 10, k }), { ...values, k: undefined });
}

/** --lr, --k, --solver and --epochs on top of a base config. */
function applyOverrides(base: ExperimentConfig, values: TrainProblemFlags): ExperimentConfig {
  const method = base.method;
  const config = JSON.parse(JSON.stringify(base)) as ExperimentConfig;
  // Ranges (lr > 0, k ≥ 0) are the config schema's to check: parseConfig names the field.
  if (values.lr !== undefined) config.lr = values.lr;
  if (values.solver !== undefined) config.solver.method = values.solver;
  if (values.k !== undefined) {
    if (!config.homotopy) throw new UsageError(`--k: the coupling strength applies to --method homotopy only, not ${method}`);
    config.homotopy.k = values.k;
  }
  if (values.epochs !== undefined) {
    const epochs = values.epochs;
    if (config.homotopy) {
      const plateaus = buildSchedule(config).plateaus.length;
      if (epochs < plateaus) throw new UsageError(`--epochs: homotopy with ${plateaus} λ plateaus needs at least ${plateaus} epochs, got ${epochs}`);
      config.homotopy.schedule.epochsPerStep = Math.floor(epochs / plateaus);
      config.epochs = plateaus * config.homotopy.schedule.epochsPerStep;
    } else config.epochs = epochs;
  }
  return parseConfig(config, "config", TRAIN_FLAG_NAMES);
}

/** The config fields train's flags set, named as the flags for messages. */
const TRAIN_FLAG_NAMES = { lr: "--lr", "homotopy.k": "--k", epochs: "--epochs", seed: "--seed", "solver.method": "--solver" };

/** The JSON summary of a run (what --json prints). */
export const summary = runSummary;

export { interruptCheckpointFile } from "./run-interruptible";

export async function trainCommand(argv: string[]): Promise<number> {
  const { config, json, checkpoint, checkpointEvery, resume } = resolveTrainConfig(argv);
  // Data problems (a missing recording, say) are the user's input: report them here, not from the worker.
  buildDataset(config);
  const label = `${config.system}/${config.model.kind}/${config.method} seed ${config.seed}`;
  const outcome = await runInterruptible({ command: "train", config, label, checkpoint, checkpointEvery, resume });
  if ("exitCode" in outcome) return outcome.exitCode;
  const { result } = outcome;
  if (json) {
    console.log(JSON.stringify(summary(result)));
  } else {
    const e = (v: number | null) => (v === null ? "n/a (rollout failed)" : v.toExponential(3));
    console.log(`${result.id}: ${result.status}${result.failure ? ` (${result.failure})` : ""}`);
    console.log(`  data:           ${result.dataSource}`);
    console.log(`  model:          ${result.modelDescription}`);
    console.log(`  interp MSE:     ${e(result.interpMse)} (best epoch ${result.bestEpoch} of ${result.epochs})`);
    console.log(`  extrap MSE:     ${e(result.extrapMse)}${result.extrapMseClean !== null ? ` (vs noise-free: ${e(result.extrapMseClean)})` : ""}`);
    console.log(`  time:           ${result.seconds.toFixed(2)} s, ${result.totalNfe} vector-field evaluations`);
    if (checkpoint) console.log(`  checkpoint:     ${checkpoint}`);
  }
  return 0;
}
