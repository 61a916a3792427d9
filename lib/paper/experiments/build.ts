/** Turns a config into the objects of a run, files included: its dataset or table, and its model. */
import { ExperimentConfig } from "./config";
import { buildModel, simulatedDataset } from "./assemble";
import { Dataset } from "../systems/dataset";
import { loadRealPendulum, resolvePendulumPath, syntheticPendulum, DataFileError, missingPendulumMessage } from "../systems/real-pendulum";
import { RunData, runDataFromDataset } from "../inputs/run-data";
import { RunModels } from "./prepare";
import { runDataFromTable } from "../inputs/table-run";
import { tableRunModels } from "./table-models";

export { trueSystem, buildModel, initialTheta, solverOptions, buildSchedule, trainingData, buildObjective, simulatedDataset } from "./assemble";

/** The dataset a paper config describes: simulated (with the official noise) or the real pendulum recording. */
export function buildDataset(config: ExperimentConfig): Dataset {
  const d = config.data;
  switch (d.kind) {
    case "simulated":
      return simulatedDataset(config);
    case "synthetic-pendulum":
      return syntheticPendulum(d.trainPoints, d.dt);
    case "real-pendulum": {
      const where = resolvePendulumPath(d.path);
      if (!where) throw new DataFileError(missingPendulumMessage(null));
      return loadRealPendulum(where, d.trainPoints);
    }
    case "table":
      throw new DataFileError(`data: a table of measurements (${d.path}) is not a paper dataset; read it with buildRunData`);
  }
}

/** The trajectories of any config: a paper dataset as one trajectory, or a table's trajectories. */
export function buildRunData(config: ExperimentConfig): RunData {
  return config.data.kind === "table" ? runDataFromTable(config.data) : runDataFromDataset(buildDataset(config));
}

/** The model of any config, checked against its data. */
export function buildRunModels(config: ExperimentConfig, data: RunData): RunModels {
  if (config.system === "table") return tableRunModels(config, data);
  const model = buildModel(config);
  return { model, trainModel: model, noDecay: [] };
}
