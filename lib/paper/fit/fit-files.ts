/**
 * What a fit leaves behind: model.json (everything needed to rebuild and run the fitted model:
 * architecture or equations, θ, physical parameters, scaling, the resolved training config, a
 * hash of the data, the metrics, and each learned term over the data) and fit.csv (data and
 * prediction per state, with a train/extrapolation column). Both written atomically.
 */
import * as path from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../../core/index";
import { FitResult, FitSettings, FitMetrics, Scaling, grayBoxOf } from "./fit";

export const FITTED_MODEL_FORMAT = "homotopy-ode/fitted-model@1";

export interface LearnedTerm {
  name: string;
  inputs: string[];
  outputs: number;
  /** The network at the measured states: per trajectory, times, inputs (n × inputs) and outputs (n × outputs). */
  alongData: { trajectory: string; t: number[]; inputs: number[]; outputs: number[] }[];
  /** The same at the fitted trajectory's states (smooth where the data are noisy); empty where the rollout failed. */
  alongFit: { trajectory: string; t: number[]; inputs: number[]; outputs: number[] }[];
  /** Each input's range over the data. */
  range: { min: number; max: number }[];
}

export interface FittedModelFile {
  format: typeof FITTED_MODEL_FORMAT;
  createdAt: string;
  data: {
    source: string;
    hash: string;
    timeName: string;
    stateNames: string[];
    trajectoryColumn: string | null;
    trajectories: { id: string; points: number; trainPoints: number; tStart: number; tTrainEnd: number; tEnd: number; u0: number[] }[];
  };
  settings: FitSettings;
  scaling: Scaling & { normalise: boolean };
  theta: number[];
  /** Gray-box: the physical parameters (fitted values for learned ones). */
  physicalParameters: Record<string, { value: number; initial: number; fixed: boolean }> | null;
  learnedTerms: LearnedTerm[];
  description: string;
  metrics: FitMetrics;
  /** Training curve: uncoupled MSE (training coordinates) and λ per epoch. */
  history: { mse: number[]; loss: number[]; lambda: number[] };
}

/** A gray-box fit's networks evaluated over the data (each unknown term as a function of its inputs), in data units. */
export function learnedTerms(result: FitResult): LearnedTerm[] {
  const gb = grayBoxOf(result.model);
  if (!gb) return [];
  const dim = result.data.stateNames.length;
  return gb.networks.map((term, index) => {
    const nOut = term.widths[term.widths.length - 1];
    const x = new Float64Array(term.inputs.length);
    const y = new Float64Array(nOut);
    const range = term.inputs.map(() => ({ min: Infinity, max: -Infinity }));
    const along = (id: string, t: ArrayLike<number>, u: ArrayLike<number>, track: boolean) => {
      const inputs: number[] = [];
      const outputs: number[] = [];
      for (let i = 0; i < t.length; i++) {
        term.inputs.forEach((s, j) => {
          x[j] = u[i * dim + s];
          if (track) {
            range[j].min = Math.min(range[j].min, x[j]);
            range[j].max = Math.max(range[j].max, x[j]);
          }
        });
        gb.evalNetwork(index, result.theta, x, y);
        inputs.push(...x);
        outputs.push(...y);
      }
      return { trajectory: id, t: Array.from(t), inputs, outputs };
    };
    const alongData = result.trajectories.map((tr) => along(tr.id, tr.t, tr.u, true));
    const alongFit = result.fits.filter((f) => f.prediction).map((f) => along(f.id, f.t, f.prediction as number[], false));
    return { name: term.name, inputs: term.inputs.map((s) => result.data.stateNames[s]), outputs: nOut, alongData, alongFit, range };
  });
}

export function fittedModelFile(result: FitResult): FittedModelFile {
  const dim = result.data.stateNames.length;
  const gb = grayBoxOf(result.model);
  let physical: FittedModelFile["physicalParameters"] = null;
  if (gb) {
    const values = gb.physicalValues(result.theta);
    physical = Object.fromEntries(gb.physical.map((q, i) => [q.name, { value: values[i], initial: q.value, fixed: q.fixed }]));
  }
  return {
    format: FITTED_MODEL_FORMAT,
    createdAt: new Date().toISOString(),
    data: {
      source: result.data.source,
      hash: result.data.hash,
      timeName: result.data.timeName,
      stateNames: result.data.stateNames,
      trajectoryColumn: result.data.trajectoryColumn ?? null,
      trajectories: result.trajectories.map((tr, j) => ({
        id: tr.id,
        points: tr.t.length,
        trainPoints: tr.trainPoints,
        tStart: tr.t[0],
        tTrainEnd: tr.t[tr.trainPoints - 1],
        tEnd: tr.t[tr.t.length - 1],
        u0: Array.from(result.settings.u0 && j === 0 ? result.settings.u0 : tr.u.subarray(0, dim)),
      })),
    },
    settings: result.settings,
    scaling: { normalise: result.settings.normalise, shift: result.scaling.shift, scale: result.scaling.scale },
    theta: Array.from(result.theta),
    physicalParameters: physical,
    learnedTerms: learnedTerms(result),
    description: result.model.describe(),
    metrics: result.metrics,
    history: { mse: result.history.map((r) => r.mse), loss: result.history.map((r) => r.loss), lambda: result.history.map((r) => r.lambda) },
  };
}

/** fit.csv: time, trajectory, window, then data and prediction per state (data units). */
export function fitCsv(result: FitResult): string {
  const names = result.data.stateNames;
  const dim = names.length;
  const header = [result.data.timeName, "trajectory", "window", ...names.flatMap((s) => [s, `${s}_fit`])];
  const lines = [header.join(",")];
  for (const f of result.fits) {
    for (let i = 0; i < f.t.length; i++) {
      const row: (string | number)[] = [f.t[i], f.id.includes(",") ? JSON.stringify(f.id) : f.id, i < f.trainPoints ? "train" : "extrapolation"];
      for (let c = 0; c < dim; c++) row.push(f.data[i * dim + c], f.prediction ? f.prediction[i * dim + c] : "");
      lines.push(row.join(","));
    }
  }
  return lines.join("\n") + "\n";
}

/** Write model.json and fit.csv into dir; returns the model.json path. */
export function writeFitFiles(result: FitResult, dir: string): string {
  const modelPath = path.join(dir, "model.json");
  writeFileAtomic(path.join(dir, "fit.csv"), fitCsv(result));
  writeJsonAtomic(modelPath, fittedModelFile(result), true);
  return modelPath;
}
