/**
 * The model of a fit, in data units and as trained: a black-box network on centred and scaled
 * states, or a gray-box model file's equations (scaled around them). model.json stores its spec.
 */
import { compileGrayBox } from "./model-file";
import { GrayBoxDefinition } from "./model-schema";
import { FitInputError } from "./table";
import { Scaling } from "./run-data";
import { Model, BlackBoxModel, ScaledModel, EquationNetworkModel, HiddenActivation } from "../../core/index";

/** A fit's model as model.json records it. */
export type FitModelSpec = { kind: "blackbox"; hidden: number[]; activation: HiddenActivation } | { kind: "graybox"; definition: GrayBoxDefinition; file?: string };

/** The model of a spec: data-units model and the model as trained. */
export function buildFitModel(spec: FitModelSpec, stateNames: readonly string[], scaling: Scaling, normalise: boolean, source = "--model"): { model: Model; trainModel: Model } {
  const dim = stateNames.length;
  if (spec.kind === "blackbox") {
    const net = new BlackBoxModel([dim, ...spec.hidden, dim], spec.activation);
    // The network lives in training coordinates; seen from data units it is rescaled.
    const inv = { shift: scaling.shift.map((s, j) => -s / scaling.scale[j]), scale: scaling.scale.map((c) => 1 / c) };
    return { model: normalise ? new ScaledModel(net, inv.shift, inv.scale) : net, trainModel: net };
  }
  const def = spec.definition;
  if (def.state.join(",") !== stateNames.join(",")) {
    const missing = def.state.filter((s) => !stateNames.includes(s));
    throw new FitInputError(`${source}: the model's states (${def.state.join(", ")}) must be the data's state columns in order (${stateNames.join(", ")})${missing.length ? `; not in the data: ${missing.join(", ")}` : ""}; pick them with --states`);
  }
  const { model } = compileGrayBox(def, source);
  return { model, trainModel: normalise ? new ScaledModel(model, scaling.shift, scaling.scale) : model };
}

/** The gray-box model inside a fit (null for black-box). */
export function grayBoxOf(model: Model): EquationNetworkModel | null {
  const inner = model instanceof ScaledModel ? model.inner : model;
  return inner instanceof EquationNetworkModel ? inner : null;
}
