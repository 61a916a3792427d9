/** The paper's published numbers (data/paper_tables.json), looked up by model and method. */
import tables from "../../../data/paper_tables.json";
import { ModelName, SystemName, TrainingMethodName } from "./config";

/** Table 5's column order. */
export const TABLE5_COLUMNS: readonly { system: SystemName; model: ModelName }[] = [
  { system: "lotka-volterra", model: "blackbox" },
  { system: "lotka-volterra", model: "graybox" },
  { system: "double-pendulum", model: "blackbox" },
  { system: "double-pendulum", model: "secondorder" },
  { system: "lorenz", model: "blackbox" },
];

/** The paper's name of each method it reports (a method of ours it does not report has no entry). */
const METHOD_KEY: Partial<Record<TrainingMethodName, "vanilla" | "multiple_shooting" | "homotopy">> = {
  vanilla: "vanilla",
  multishoot: "multiple_shooting",
  homotopy: "homotopy",
};

export interface PaperCell {
  /** Mean and standard error in absolute MSE units (the paper prints them ×1e-2). */
  interp: { mean: number; stderr: number };
  extrap: { mean: number; stderr: number };
  /** Best epochs for seeds 10, 20, 30 as printed ("*" = a backup seed replaced an unstable one). */
  bestEpochs: (number | string)[];
}

export function paperCell(system: SystemName, model: ModelName, method: TrainingMethodName): PaperCell | null {
  const col = TABLE5_COLUMNS.findIndex((c) => c.system === system && c.model === model);
  if (col < 0) return null;
  const t5 = tables.table5;
  const key = METHOD_KEY[method];
  if (!key) return null;
  const units = t5.mse_units;
  const i = t5["interpolation_mse_x1e-2"][key][col];
  const e = t5["extrapolation_mse_x1e-2"][key][col];
  return {
    interp: { mean: i.mean * units, stderr: i.stderr * units },
    extrap: { mean: e.mean * units, stderr: e.stderr * units },
    bestEpochs: t5.best_train_epochs[key][col] as (number | string)[],
  };
}

/** Best epochs as numbers (a "*" marks a backup seed; the number is kept). */
export function paperBestEpochNumbers(cell: PaperCell): number[] {
  return cell.bestEpochs.map((v) => (typeof v === "number" ? v : Number(String(v).replace("*", ""))));
}
