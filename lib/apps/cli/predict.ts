/** `homotopy-ode predict --model DIR/model.json`: simulate a fitted model in the data's units. */
import * as fs from "node:fs";
import { loadFittedModel, FittedModel } from "../../paper/index";
import { writeFileAtomic, SolverError } from "../../core/index";
import { UsageError } from "./errors";
import { flag, flagHelp, parseCommandFlags } from "./flags";

export const PREDICT_SUMMARY = "simulate a model written by fit (continue the data, or from your own initial state)";

const FLAGS = {
  model: flag.string({ placeholder: "DIR/model.json", help: "the model.json written by homotopy-ode fit (required)" }),
  "t-end": flag.number({ placeholder: "T", shownDefault: "twice the trajectory's span past its start", help: "last output time" }),
  dt: flag.number({ placeholder: "H", shownDefault: "the trajectory's mean sampling interval", help: "output interval" }),
  u0: flag.numbers({ help: "initial state instead of the trajectory's" }),
  trajectory: flag.string({ placeholder: "ID", shownDefault: "the last one", help: "the trajectory whose start (and initial condition) to use" }),
  out: flag.string({ placeholder: "FILE.csv", shownDefault: "stdout", help: "where to write the CSV" }),
  force: flag.boolean({ help: "simulate a fit whose training diverged (refused otherwise)" }),
};

export const PREDICT_HELP = `homotopy-ode predict --model DIR/model.json [--t-end T] [--dt H] [--u0 a,b,...] [--trajectory ID] [--out FILE.csv]

Simulates the fitted model in the data's units from the start of a trajectory (default: the last one)
with its initial condition, or from --u0, so that by default the data is continued for as long again.
Writes CSV (time, one column per state) to --out, else to stdout.

${flagHelp(FLAGS)}`;

export interface PredictPlan {
  t: Float64Array;
  u0: number[];
}

/** The times and initial state a predict invocation asks for. */
export function predictPlan(fitted: FittedModel, options: { tEnd?: number; dt?: number; u0?: number[]; trajectory?: string }): PredictPlan {
  const trs = fitted.file.data.trajectories;
  const tr = options.trajectory === undefined ? trs[trs.length - 1] : trs.find((x) => x.id === options.trajectory);
  if (!tr) throw new UsageError(`--trajectory: no trajectory "${options.trajectory}" in this fit; trajectories: ${trs.map((x) => x.id).join(", ")}`);
  const dim = fitted.stateNames.length;
  const u0 = options.u0 ?? tr.u0;
  if (u0.length !== dim) throw new UsageError(`--u0: expected ${dim} numbers (${fitted.stateNames.join(", ")}), got ${u0.length}`);
  const span = tr.tEnd - tr.tStart;
  const tEnd = options.tEnd ?? tr.tStart + 2 * span;
  const dt = options.dt ?? span / Math.max(tr.points - 1, 1);
  if (!(tEnd > tr.tStart)) throw new UsageError(`--t-end: expected a time after the trajectory's start ${tr.tStart}, got ${tEnd}`);
  if (!(dt > 0)) throw new UsageError(`--dt: expected a number > 0, got ${dt}`);
  const n = Math.floor((tEnd - tr.tStart) / dt + 1e-9) + 1;
  if (n > 1e7) throw new UsageError(`--dt: ${n} output times is too many; use a larger --dt`);
  return { t: Float64Array.from({ length: n }, (_, i) => tr.tStart + i * dt), u0 };
}

export function predictCommand(argv: string[]): number {
  const { values: v } = parseCommandFlags(argv, FLAGS);
  if (v.model === undefined) throw new UsageError("--model is required: the model.json written by homotopy-ode fit");
  const fitted = loadFittedModel(v.model);
  if (fitted.file.metrics.status === "diverged" && !v.force) throw new UsageError(`--model ${v.model}: this fit diverged (${fitted.file.metrics.advice ?? "see its report.md"}); pass --force to simulate it anyway`);
  const plan = predictPlan(fitted, { tEnd: v["t-end"], dt: v.dt, u0: v.u0, trajectory: v.trajectory });
  if (v.out !== undefined && fs.existsSync(v.out) && fs.statSync(v.out).isDirectory()) throw new UsageError(`--out ${v.out}: is a folder; expected a .csv file name`);
  let us: Float64Array;
  try {
    us = fitted.simulate(plan.u0, plan.t);
  } catch (e) {
    // The solver cannot tell a bug from an impossible request; here it is the request: this model from this state, this far.
    if (e instanceof SolverError) throw new UsageError(`the fitted model cannot be simulated from t = ${plan.t[0]} with u0 = ${plan.u0.join(",")} to t = ${plan.t[plan.t.length - 1]}: ${e.message}; try a shorter --t-end or another --u0`);
    throw e;
  }
  const dim = fitted.stateNames.length;
  const lines = [[fitted.timeName, ...fitted.stateNames].join(",")];
  for (let i = 0; i < plan.t.length; i++) lines.push([plan.t[i], ...Array.from(us.subarray(i * dim, (i + 1) * dim))].join(","));
  const csv = lines.join("\n") + "\n";
  if (v.out !== undefined) {
    writeFileAtomic(v.out, csv);
    console.error(`predict: ${plan.t.length} times from t = ${plan.t[0]} to ${plan.t[plan.t.length - 1]} written to ${v.out}`);
  } else process.stdout.write(csv);
  return 0;
}
