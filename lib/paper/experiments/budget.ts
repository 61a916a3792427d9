/**
 * A smaller (or larger) training budget for an existing config, e.g. to fit a notebook's time
 * limit: the baselines' epochs and the homotopy plateau length, with homotopy's epoch total kept
 * equal to plateaus × epochsPerStep so the result still validates.
 */
import { ExperimentConfig, parseConfig } from "./config";
import { buildSchedule } from "./build";

export interface TrainingBudget {
  /** Epochs of a vanilla or multiple-shooting run (ignored for homotopy). */
  baselineEpochs?: number;
  /** Epochs per λ plateau of a homotopy run (ignored for the baselines). */
  epochsPerStep?: number;
}

function checkCount(name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new RangeError(`training budget ${name}: expected a whole number ≥ 1, got ${v}`);
}

/** The config with the given budget (a new, validated object; fields not given stay as they are). */
export function withBudget(config: ExperimentConfig, budget: TrainingBudget): ExperimentConfig {
  checkCount("baselineEpochs", budget.baselineEpochs);
  checkCount("epochsPerStep", budget.epochsPerStep);
  if (config.method === "homotopy") {
    const h = config.homotopy;
    if (!h) throw new RangeError("training budget: this homotopy config has no homotopy section");
    if (budget.epochsPerStep === undefined) return parseConfig(config);
    const homotopy = { ...h, schedule: { ...h.schedule, epochsPerStep: budget.epochsPerStep } };
    const epochs = buildSchedule({ ...config, homotopy }).totalEpochs;
    return parseConfig({ ...config, epochs, homotopy });
  }
  return parseConfig(budget.baselineEpochs === undefined ? config : { ...config, epochs: budget.baselineEpochs });
}
