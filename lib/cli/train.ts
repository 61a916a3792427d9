/** `homotopy-ode train`: run one paper config (with overrides) and print its scores. */
import { parseArgs } from "node:util";
import { METHODS, MODELS, PROFILES, SYSTEMS, ExperimentConfig, parseConfig, ModelName } from "../experiments/config";
import { paperConfig, PAPER_MODELS } from "../experiments/paper";
import { runExperiment, RunResult } from "../experiments/runner";
import { Progress } from "./progress";
import { UsageError } from "./errors";
import { choiceFlag, intFlag, numberFlag } from "./flags";

export const TRAIN_HELP = `homotopy-ode train --system lotka-volterra|lorenz|double-pendulum --model blackbox|graybox|secondorder
                   --method vanilla|multishoot|homotopy [--seed N] [--profile quick|full]
                   [--epochs N] [--lr X] [--k X] [--data PATH] [--json]

Runs one of the paper's configs. --epochs for homotopy rescales the plateaus (s stays, n_epoch = epochs / s).
--k applies to homotopy only; --data (double pendulum) is the path of ${"real_double_pend_h_1.txt"}
(default: $HOMOTOPY_DATA_DIR/real_double_pend_h_1.txt when set, else the synthetic pendulum).
--json prints exactly one JSON object on stdout: interpMse, extrapMse, bestEpoch, epochs, seconds,
status and the resolved config (progress goes to stderr).`;

export function resolveTrainConfig(argv: string[]): { config: ExperimentConfig; json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      system: { type: "string" },
      model: { type: "string" },
      method: { type: "string" },
      seed: { type: "string" },
      profile: { type: "string" },
      epochs: { type: "string" },
      lr: { type: "string" },
      k: { type: "string" },
      data: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  const system = choiceFlag("--system", values.system, SYSTEMS);
  const model = choiceFlag("--model", values.model, MODELS) as ModelName;
  const method = choiceFlag("--method", values.method, METHODS);
  if (!PAPER_MODELS.some((m) => m.system === system && m.model === model)) {
    const fits = PAPER_MODELS.filter((m) => m.system === system).map((m) => m.model);
    throw new UsageError(`--model: ${model} does not fit --system ${system}; expected one of ${fits.join(", ")}`);
  }
  const profile = values.profile === undefined ? "quick" : choiceFlag("--profile", values.profile, PROFILES);
  const seed = values.seed === undefined ? 10 : intFlag("--seed", values.seed, 0);
  if (values.data !== undefined && system !== "double-pendulum") throw new UsageError(`--data: only the double pendulum reads a data file, not ${system}`);
  const base = paperConfig(system, model, method, { profile, seed, data: values.data });
  const config: Record<string, unknown> = JSON.parse(JSON.stringify(base));
  if (values.lr !== undefined) config.lr = numberFlag("--lr", values.lr, (v) => v > 0, "a number > 0");
  if (values.k !== undefined) {
    if (method !== "homotopy") throw new UsageError(`--k: the coupling strength applies to --method homotopy only, not ${method}`);
    (config.homotopy as { k: number }).k = numberFlag("--k", values.k, (v) => v >= 0, "a number ≥ 0");
  }
  if (values.epochs !== undefined) {
    const epochs = intFlag("--epochs", values.epochs, 1);
    if (method === "homotopy") {
      const schedule = (config.homotopy as { schedule: { steps: number; epochsPerStep: number } }).schedule;
      if (epochs < schedule.steps) throw new UsageError(`--epochs: homotopy with s = ${schedule.steps} plateaus needs at least ${schedule.steps} epochs, got ${epochs}`);
      schedule.epochsPerStep = Math.floor(epochs / schedule.steps);
      config.epochs = schedule.steps * schedule.epochsPerStep;
    } else config.epochs = epochs;
  }
  return { config: parseConfig(config), json: Boolean(values.json) };
}

/** The JSON summary of a run (what --json prints). */
export function summary(r: RunResult) {
  return {
    id: r.id,
    status: r.status,
    failure: r.failure,
    interpMse: r.interpMse,
    extrapMse: r.extrapMse,
    extrapMseClean: r.extrapMseClean,
    bestEpoch: r.bestEpoch,
    epochs: r.epochs,
    seconds: r.seconds,
    totalNfe: r.totalNfe,
    dataSource: r.dataSource,
    model: r.modelDescription,
    config: r.config,
  };
}

export function trainCommand(argv: string[]): number {
  const { config, json } = resolveTrainConfig(argv);
  const progress = new Progress({ total: config.epochs, label: `${config.system}/${config.model.kind}/${config.method} seed ${config.seed}` });
  const result = runExperiment(config, {
    onEpoch: (rec) => progress.update(rec.epoch + 1, `mse ${rec.mse.toExponential(2)}${config.method === "homotopy" ? ` λ ${rec.lambda.toFixed(3)}` : ""}`),
  });
  progress.done();
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
  }
  return 0;
}
