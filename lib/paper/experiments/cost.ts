/**
 * A rough relative cost of an experiment run, from its config alone, so the worker pool can start
 * the longest runs first (pool.ts). Only the order matters, so one unit is as good as another:
 *
 *   epochs × vector-field evaluations per epoch (relative, by method) × cost of one evaluation,
 *
 * an evaluation costing the network's multiply–adds plus a fixed overhead for the solver's own
 * work around it. The method factors are the mean evaluations per epoch of the LV black-box runs
 * of a full-profile `reproduce` (vanilla ≈ 670, multiple shooting ≈ 1620, homotopy ≈ 1790); the
 * overhead is what makes LV's [2, 32, 2] network (128 multiply–adds) take about a third of the
 * time per evaluation of Lorenz's [3, 50, 50, 3] (2800) in `bench`.
 */
import { ExperimentConfig } from "./config";
import { TRAINING_METHODS } from "../../core/index";

/** Vector-field evaluations per epoch relative to vanilla training (from the methods' list). */
export const METHOD_EVALUATIONS: Readonly<Record<ExperimentConfig["method"], number>> = Object.fromEntries(TRAINING_METHODS.map((m) => [m.name, m.evaluations])) as Record<ExperimentConfig["method"], number>;

/** Solver work per evaluation, in network multiply–adds. */
export const EVALUATION_OVERHEAD = 300;

/** Multiply–adds of one network evaluation: Σ in·out over the layers. */
export function networkMultiplyAdds(widths: readonly number[]): number {
  let m = 0;
  for (let l = 0; l + 1 < widths.length; l++) m += widths[l] * widths[l + 1];
  return m;
}

/** Relative cost of running `config` (no unit; compare costs of configs with each other only). */
export function estimateRunCost(config: ExperimentConfig): number {
  return config.epochs * METHOD_EVALUATIONS[config.method] * (EVALUATION_OVERHEAD + networkMultiplyAdds(config.model.kind === "equations" ? [1] : config.model.widths));
}
