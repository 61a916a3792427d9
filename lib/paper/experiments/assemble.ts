/**
 * Turns a config into the objects of a run: model, initial θ, objective, solver options, and the
 * dataset of simulated configs. No file access, so it also runs in a browser; build.ts adds the
 * recorded pendulum data on top.
 */
import { ConfigError, ExperimentConfig } from "./config";
import { Dataset, simulateDataset } from "../systems/dataset";
import { LotkaVolterra } from "../systems/lotka-volterra";
import { Lorenz } from "../systems/lorenz";
import { defineSystem, SystemDefinition } from "../systems/defined-system";
import { TrueSystem } from "../systems/system";
import { DoublePendulum } from "../systems/double-pendulum";
import {
  Model, BlackBoxModel, GrayBoxModel, SecondOrderModel, SolveOptions, SmoothingSpline, HomotopyObjective,
  MultipleShootingObjective, Objective, TrainingData, VanillaObjective, constantDecrementSchedule,
  HomotopySchedule, powerLawSchedule, TorchGenerator, Rng,
} from "../../core/index";

/** The dataset of a config with simulated data (recorded data: see buildDataset in build.ts). */
export function simulatedDataset(config: ExperimentConfig): Dataset {
  const d = config.data;
  if (d.kind !== "simulated") throw new RangeError(`simulated dataset: this config's data is ${d.kind}; use buildDataset`);
  return simulateDataset(trueSystem(config), { tEnd: d.tEnd, dt: d.dt, noise: d.noise, noiseSeed: d.noiseSeed });
}

/** The true system behind a simulated config. */
export function trueSystem(config: ExperimentConfig): TrueSystem {
  switch (config.system) {
    case "lotka-volterra":
      return new LotkaVolterra();
    case "lorenz":
      return new Lorenz();
    case "custom":
      return defineSystem(config.systemDefinition as SystemDefinition);
    case "double-pendulum":
      // The recording's own dynamics are unknown; the ideal pendulum is the reference model.
      return new DoublePendulum();
    case "table":
      throw new ConfigError("system table: measured data have no known true system");
  }
}

/** The untrained model a config describes (black-box, gray-box or second-order). */
export function buildModel(config: ExperimentConfig): Model {
  const m = config.model;
  if (m.kind === "equations") throw new ConfigError("model equations: built from the table's states (buildRunModels in build.ts)");
  switch (m.kind) {
    case "blackbox":
      return new BlackBoxModel(m.widths, m.activation);
    case "graybox":
      return new GrayBoxModel(m.widths, m.coefficients ?? [], m.activation);
    case "secondorder":
      return new SecondOrderModel(m.widths, m.activation);
  }
}

/** θ at epoch 0: as PyTorch draws it after seed_everything(seed) ("torch"), or from this library's Rng. */
export function initialTheta(config: ExperimentConfig, model: Model): Float64Array {
  return model.init(config.init === "torch" ? new TorchGenerator(config.seed) : new Rng(config.seed));
}

/** The `solve` options a config's solver section describes. */
export function solverOptions(config: ExperimentConfig): SolveOptions {
  const s = config.solver;
  return { method: s.method, rtol: s.rtol, atol: s.atol, maxSteps: s.maxSteps, substeps: s.substeps };
}

export function buildSchedule(config: ExperimentConfig): HomotopySchedule {
  const h = config.homotopy;
  if (!h) throw new RangeError("homotopy schedule: this config has no homotopy section");
  return h.schedule.kind === "power-law" ? powerLawSchedule(h.schedule) : constantDecrementSchedule(h.schedule);
}

export function trainingData(ds: Dataset): TrainingData {
  return { t: ds.train.t, u: ds.train.u, u0: ds.u0 };
}

/** A config's objective for one trajectory's training data (and its spline, for homotopy). */
export function trajectoryObjective(config: ExperimentConfig, model: Model, data: TrainingData, dim: number): { objective: Objective; spline: SmoothingSpline | null } {
  const solver = solverOptions(config);
  switch (config.method) {
    case "vanilla":
      return { objective: new VanillaObjective(model, data, solver), spline: null };
    case "multishoot": {
      const ms = config.multishoot as NonNullable<ExperimentConfig["multishoot"]>;
      return { objective: new MultipleShootingObjective(model, data, solver, ms.segments, ms.continuityWeight, ms.continuityTarget), spline: null };
    }
    case "homotopy": {
      const h = config.homotopy as NonNullable<ExperimentConfig["homotopy"]>;
      const spline = new SmoothingSpline(data.t, data.u, dim, h.alpha);
      return { objective: new HomotopyObjective(model, data, solver, spline, h.k, buildSchedule(config)), spline };
    }
  }
}

/** A config's objective on a paper dataset's training window. */
export function buildObjective(config: ExperimentConfig, model: Model, ds: Dataset): Objective {
  return trajectoryObjective(config, model, trainingData(ds), ds.dim).objective;
}
