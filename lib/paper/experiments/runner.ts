/**
 * Runs one experiment config end to end: its dataset (simulated or read from file), then
 * training and scores (run-on-dataset.ts).
 */
import { ExperimentConfig } from "./config";
import { buildDataset } from "./build";
import { RunOptions, RunResult, runOnDataset } from "./run-on-dataset";

export { rollout, runOnDataset } from "./run-on-dataset";
export type { RunHistory, RunOptions, RunResult } from "./run-on-dataset";

/** Train one config end to end and score it: best θ, interpolation and extrapolation MSE, history. */
export function runExperiment(config: ExperimentConfig, options: RunOptions = {}): RunResult {
  return runOnDataset(config, options.dataset ?? buildDataset(config), options);
}
