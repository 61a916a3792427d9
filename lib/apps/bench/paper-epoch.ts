/**
 * One homotopy epoch of a paper config, built by the runner's own assembly code so the bench times
 * exactly the epoch `reproduce --profile full` trains: the coupled solve with its gradient at the
 * schedule's first λ (= 1), then the uncoupled solve the training loop measures the MSE with.
 */
import {
  ModelName, SystemName, paperConfig, buildDataset, buildModel, buildObjective, initialTheta, solverOptions,
} from "../../paper/index";
import { solve, mse } from "../../core/index";

/** A timed step and a line saying what it runs on (e.g. which data). */
export interface PaperEpochStep {
  step: () => number;
  note: string;
}

/** The full-profile homotopy epoch 0 of a paper model (seed 10, PyTorch-identical θ). */
export function paperHomotopyEpoch(system: SystemName, model: ModelName): PaperEpochStep {
  const config = paperConfig(system, model, "homotopy", { profile: "full", seed: 10 });
  const ds = buildDataset(config);
  const net = buildModel(config);
  const theta = initialTheta(config, net);
  const objective = buildObjective(config, net, ds);
  const plain = { ...solverOptions(config), record: false };
  const extra = new Float64Array(0);
  const step = () => {
    const ev = objective.evaluate(0, theta, extra);
    const sol = solve(net, ds.u0, ds.train.t, theta, plain);
    return ev.loss + ev.gradTheta[0] + mse(sol.us, ds.train.u);
  };
  const k = config.homotopy?.k;
  return { step, note: `${ds.train.t.length} points of ${ds.source}, ${net.describe()}, k = ${k}, λ = 1, seed 10` };
}
