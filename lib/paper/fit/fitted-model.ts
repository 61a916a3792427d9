/**
 * A fitted model read back from model.json, for notebooks and `predict`: simulate(u0, ts) and
 * derivative(t, u) in the data's units, plus the underlying vector field and θ.
 */
import * as fs from "node:fs";
import { Model, solve, SolveOptions } from "../../core/index";
import { buildFitModel, fromScaled, Scaling, toScaled, solverOptionsOf, grayBoxOf } from "./fit";
import { FittedModelFile, FITTED_MODEL_FORMAT } from "./fit-files";
import { FitInputError } from "../inputs/table";

/** A fitted model loaded from model.json: `simulate(u0, ts)` and `derivative(t, u)` in data units, the field and θ. */
export interface FittedModel {
  file: FittedModelFile;
  stateNames: readonly string[];
  timeName: string;
  /** The vector field as trained (in scaled coordinates when the fit normalised) and its θ. */
  field: Model;
  theta: Float64Array;
  /** The same model seen in data units. */
  dataField: Model;
  scaling: Scaling;
  /** Fitted physical parameters (gray-box), name → value. */
  physical: Record<string, number>;
  /** States at ts from u0 (data units), ts.length × dim row-major. */
  simulate(u0: ArrayLike<number>, ts: ArrayLike<number>, solver?: SolveOptions): Float64Array;
  /** du/dt at (t, u) in data units. */
  derivative(t: number, u: ArrayLike<number>): Float64Array;
  /** Output of a gray-box network at the given inputs (in the order of its inputs). */
  learnedTerm(name: string, inputs: ArrayLike<number>): Float64Array;
}

export function fittedModelFromFile(file: FittedModelFile, where = "model.json"): FittedModel {
  const stateNames = file.data.stateNames;
  const dim = stateNames.length;
  const scaling = { shift: file.scaling.shift, scale: file.scaling.scale };
  const { model, trainModel } = buildFitModel(file.settings.model, stateNames, scaling, file.scaling.normalise, where);
  const theta = Float64Array.from(file.theta);
  if (theta.length !== trainModel.nParams) throw new FitInputError(`${where}: theta has ${theta.length} values, the model needs ${trainModel.nParams}`);
  const gb = grayBoxOf(model);
  const physical: Record<string, number> = {};
  if (gb) gb.physicalValues(theta).forEach((v, i) => (physical[gb.physical[i].name] = v));
  const defaultSolver = solverOptionsOf(file.settings);
  return {
    file,
    stateNames,
    timeName: file.data.timeName,
    field: trainModel,
    theta,
    dataField: model,
    scaling,
    physical,
    simulate(u0, ts, solver) {
      if (u0.length !== dim) throw new RangeError(`simulate u0: expected ${dim} values (${stateNames.join(", ")}), got ${u0.length}`);
      const v = solve(trainModel, toScaled(u0, scaling), Float64Array.from(ts), theta, { ...defaultSolver, ...solver, record: false }).us;
      return fromScaled(v, scaling);
    },
    derivative(t, u) {
      if (u.length !== dim) throw new RangeError(`derivative u: expected ${dim} values (${stateNames.join(", ")}), got ${u.length}`);
      const out = new Float64Array(dim);
      model.eval(t, Float64Array.from(u), theta, out);
      return out;
    },
    learnedTerm(name, inputs) {
      if (!gb) throw new RangeError("learnedTerm: this is a black-box model; it has no named networks");
      const index = gb.networks.findIndex((n) => n.name === name);
      if (index < 0) throw new RangeError(`learnedTerm: no network "${name}"; networks: ${gb.networks.map((n) => n.name).join(", ")}`);
      const out = new Float64Array(gb.networks[index].widths[gb.networks[index].widths.length - 1]);
      gb.evalNetwork(index, theta, Float64Array.from(inputs), out);
      return out;
    },
  };
}

/** Read a model.json written by `homotopy-ode fit` (or writeFitFiles). */
export function loadFittedModel(file: string): FittedModel {
  if (!fs.existsSync(file)) throw new FitInputError(`--model ${file}: file not found (expected the model.json a fit wrote)`);
  let value: FittedModelFile;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new FitInputError(`--model ${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (value?.format !== FITTED_MODEL_FORMAT) throw new FitInputError(`--model ${file}: expected a fitted model (format "${FITTED_MODEL_FORMAT}"), got format ${JSON.stringify(value?.format)}`);
  return fittedModelFromFile(value, file);
}
