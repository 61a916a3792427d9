/**
 * Runs one config end to end, whatever its data: a paper dataset (simulated or read from file) or
 * a table of measurements; then training and scores (run-on-dataset.ts).
 */
import { ExperimentConfig } from "./config";
import { buildRunData, buildRunModels } from "./build";
import { prepareRun, PreparedRun } from "./prepare";
import { runDataFromDataset } from "../inputs/run-data";
import { RunOptions, RunResult, runPrepared } from "./run-on-dataset";

export { rollout, rolloutRun, runOnDataset, runPrepared, windowScores } from "./run-on-dataset";
export type { RunHistory, RunOptions, RunResult, TrajectoryScores, WindowScores } from "./run-on-dataset";

/** Read, build and check everything a config needs before its first epoch. */
export function prepareConfig(config: ExperimentConfig, options: Pick<RunOptions, "dataset"> = {}): PreparedRun {
  const data = options.dataset ? runDataFromDataset(options.dataset) : buildRunData(config);
  return prepareRun(config, data, buildRunModels(config, data));
}

/** Train one config end to end and score it: best θ, interpolation and extrapolation MSE, history. */
export function runExperiment(config: ExperimentConfig, options: RunOptions = {}): RunResult {
  return runPrepared(prepareConfig(config, options), options);
}
