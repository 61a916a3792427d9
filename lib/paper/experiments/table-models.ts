/** The model of a table run: a black-box network or a model file's equations, checked against the table's states. */
import { ExperimentConfig } from "./config";
import { RunModels } from "./prepare";
import { RunData } from "../inputs/run-data";
import { FitInputError } from "../inputs/table";
import { buildFitModel, FitModelSpec, grayBoxOf } from "../inputs/fit-model";

function fail(msg: string): never {
  throw new FitInputError(msg);
}

/** The spec model.json records for a table run's model. */
export function fitModelSpec(config: ExperimentConfig): FitModelSpec {
  const m = config.model;
  if (m.kind === "equations") return { kind: "graybox", definition: m.definition, file: m.file };
  return { kind: "blackbox", hidden: m.widths.slice(1, -1), activation: m.activation };
}

/** The model of a table run, checked against the table's states. */
export function tableRunModels(config: ExperimentConfig, data: RunData): RunModels {
  const m = config.model;
  if (m.kind !== "equations" && m.kind !== "blackbox") fail(`--model: a table is fitted with a black-box network or a model file, not the paper's ${m.kind} model`);
  if (m.kind === "blackbox" && (m.widths[0] !== data.dim || m.widths[m.widths.length - 1] !== data.dim)) {
    fail(`model.widths: the data have ${data.dim} states (${data.stateNames.join(", ")}), so widths must start and end with ${data.dim}, got [${m.widths.join(", ")}]`);
  }
  const source = m.kind === "equations" && m.file ? `--model ${m.file}` : "--model";
  const normalise = config.data.kind === "table" && config.data.normalise;
  const { model, trainModel } = buildFitModel(fitModelSpec(config), data.stateNames, data.scaling, normalise, source);
  return { model, trainModel, noDecay: grayBoxOf(model)?.learned.map((_, j) => j) ?? [] };
}
