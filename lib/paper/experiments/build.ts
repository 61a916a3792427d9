/** Turns a config into the objects of a run: dataset (simulated or read from file), model, initial θ, objective. */
import { ExperimentConfig } from "./config";
import { simulatedDataset } from "./assemble";
import { Dataset } from "../systems/dataset";
import { loadRealPendulum, resolvePendulumPath, syntheticPendulum, DataFileError, missingPendulumMessage } from "../systems/real-pendulum";

export { trueSystem, buildModel, initialTheta, solverOptions, buildSchedule, trainingData, buildObjective, simulatedDataset } from "./assemble";

/** The dataset a config describes: simulated (with the official noise) or the real pendulum recording. */
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
  }
}
