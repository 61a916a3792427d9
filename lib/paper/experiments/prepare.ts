/**
 * A run ready to train: its trajectories in training coordinates, the model (in data units and as
 * trained), θ at epoch 0, and one objective over all trajectories (each its own initial state and,
 * for homotopy, its own spline). The same for the paper's presets and for fits of tables.
 */
import { ConfigError, ExperimentConfig } from "./config";
import { initialTheta, solverOptions, trajectoryObjective } from "./assemble";
import { isIdentity, RunData, toScaled } from "../inputs/run-data";
import { Model, SmoothingSpline, Objective, TrainingData, MultiTrajectoryObjective } from "../../core/index";

/** The model in data units and as trained (in training coordinates; the same object without scaling). */
export interface RunModels {
  model: Model;
  trainModel: Model;
  /** Parameters kept out of weight decay (physical parameters). */
  noDecay: number[];
}

export interface PreparedRun extends RunModels {
  config: ExperimentConfig;
  data: RunData;
  theta0: Float64Array;
  /** Per trajectory: the training window in training coordinates. */
  training: TrainingData[];
  splines: SmoothingSpline[] | null;
  objective: Objective;
}

function trainingWindow(data: RunData, j: number): TrainingData {
  const tr = data.trajectories[j];
  const n = tr.trainPoints;
  const window = tr.u.subarray(0, n * data.dim);
  // Without scaling the data go in as they are (no arithmetic, so the same bits as the paper's code).
  const identity = isIdentity(data.scaling);
  return { t: tr.t.slice(0, n), u: identity ? Float64Array.from(window) : toScaled(window, data.scaling), u0: identity ? Float64Array.from(tr.u0) : toScaled(tr.u0, data.scaling) };
}

/** Everything a run needs before its first epoch; every input problem is raised here. */
export function prepareRun(config: ExperimentConfig, data: RunData, models: RunModels): PreparedRun {
  if (!data.trajectories.length) throw new ConfigError("data: no trajectories");
  const training = data.trajectories.map((_, j) => trainingWindow(data, j));
  const segments = config.method === "multishoot" ? config.multishoot?.segments : undefined;
  training.forEach((d, j) => {
    if (segments !== undefined && segments > Math.floor(d.t.length / 2)) {
      const which = data.trajectories.length > 1 ? `of trajectory "${data.trajectories[j].id}" ` : "";
      throw new ConfigError(`multishoot.segments: the training window ${which}has ${d.t.length} points, allowing at most ${Math.floor(d.t.length / 2)} segments; got ${segments}`);
    }
  });
  const parts = training.map((d) => ({ data: d, ...trajectoryObjective(config, models.trainModel, d, data.dim) }));
  const objective = parts.length === 1 ? parts[0].objective : new MultiTrajectoryObjective(models.trainModel, parts, solverOptions(config));
  const splines = config.method === "homotopy" ? parts.map((p) => p.spline as SmoothingSpline) : null;
  return { config, data, ...models, theta0: initialTheta(config, models.trainModel), training, splines, objective };
}
