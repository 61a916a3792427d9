/** `homotopy-ode fit DATA`: discover a model of the dynamics in a table of measurements. */
import * as fs from "node:fs";
import * as path from "node:path";
import { FIT_ACTIVATIONS, FIT_METHODS, FitMethod, prepareFit, runFit, PreparedFit } from "../../paper/fit/fit";
import { writeFitFiles } from "../../paper/fit/fit-files";
import { loadFitCheckpoint, saveFitCheckpoint, StoredFitOptions } from "../../paper/fit/fit-checkpoint";
import { TrainState } from "../../core/train/loop";
import { writeFitReport } from "../../view/report/fit-report";
import { Progress } from "./progress";
import { UsageError } from "./errors";
import { choiceFlag, intFlag, numberFlag, parseFlags } from "./flags";

export const FIT_SUMMARY = "fit a model (black-box or gray-box) to your own time series";

export const FIT_HELP = `homotopy-ode fit DATA [options]

DATA: a table of measurements, .csv, .tsv, .parquet or .json (records); e.g. examples/lotka-volterra.csv
  --time COL               time column (default: the first column)
  --states a,b,...         state columns (default: every other numeric column)
  --trajectory COL         column that separates trajectories (each has its own initial condition and
                           spline; all share one model); times may be irregular and differ per trajectory
  --drop-missing           drop rows with a missing value (default: refuse them, naming the row)
  --train-until T          train on times up to T after each trajectory's first time, or
  --train-fraction F       on this fraction of each trajectory's span (default 0.7); the rest is the
                           extrapolation window the report scores
  --normalise on|off       centre and scale each state for training (default on); every reported
                           number and file is in the data's own units
  --model blackbox|FILE    black-box network (default; --widths 32 or 50,50 hidden widths, --activation
                           gelu|tanh|relu|softplus), or a gray-box model file: equations with known
                           physics and named networks, e.g. examples/lotka-volterra-ude.json
  --method homotopy|vanilla|multishoot   (default homotopy)
  --k X                    coupling strength (default: the Theorem-1 helper on the data's spline)
  --alpha X  --steps N  --decay X        spline smoothing (1e-3), λ steps (6), λ decay (0.6)
  --segments N  --continuity-weight X    multiple shooting (5, 0.01)
  --epochs N (600)  --lr X (0.05)  --weight-decay X (0.01)  --seed N (10)
  --solver dopri5|rk4|euler  --rtol X (1e-7)  --atol X (1e-9)
  --u0 a,b,...             initial condition instead of the first sample (single trajectory only)
  --out DIR                output folder (default fits/<data file name>)
  --no-figures             skip the figures (model.json, fit.csv and report.md are still written)
  --json                   print one JSON object: interpMse, extrapMse, interpNmse, extrapNmse,
                           bestEpoch, epochs, seconds, status, k, trajectories, model
  --checkpoint FILE [--checkpoint-every N]   save the training state; --resume FILE continues it

DIR gets model.json (everything to rebuild the model; see homotopy-ode predict), fit.csv, figures
and report.md. A DIR that already holds a fit is refused, not overwritten.`;

const FIT_FLAGS = {
  time: { type: "string" },
  states: { type: "string" },
  trajectory: { type: "string" },
  "drop-missing": { type: "boolean" },
  "train-until": { type: "string" },
  "train-fraction": { type: "string" },
  normalise: { type: "string" },
  model: { type: "string" },
  widths: { type: "string" },
  activation: { type: "string" },
  method: { type: "string" },
  k: { type: "string" },
  alpha: { type: "string" },
  steps: { type: "string" },
  decay: { type: "string" },
  segments: { type: "string" },
  "continuity-weight": { type: "string" },
  epochs: { type: "string" },
  lr: { type: "string" },
  "weight-decay": { type: "string" },
  seed: { type: "string" },
  solver: { type: "string" },
  rtol: { type: "string" },
  atol: { type: "string" },
  u0: { type: "string" },
  out: { type: "string" },
  "no-figures": { type: "boolean" },
  json: { type: "boolean" },
  checkpoint: { type: "string" },
  "checkpoint-every": { type: "string" },
  resume: { type: "string" },
} as const;

const num = (flag: string, raw: string | undefined) => (raw === undefined ? undefined : numberFlag(flag, raw));
const list = (flag: string, raw: string | undefined) => (raw === undefined ? undefined : raw.split(",").map((x) => numberFlag(flag, x.trim(), () => true, "comma-separated numbers")));

type FitFlagValues = { [K in keyof typeof FIT_FLAGS]?: (typeof FIT_FLAGS)[K]["type"] extends "boolean" ? boolean : string };

function optionsFromFlags(data: string, v: FitFlagValues): StoredFitOptions {
  const cols = v.states === undefined ? undefined : v.states.split(",").map((s) => s.trim());
  return {
    data,
    columns: { time: v.time, states: cols, trajectory: v.trajectory, dropMissing: Boolean(v["drop-missing"]) },
    trainUntil: num("--train-until", v["train-until"]),
    trainFraction: num("--train-fraction", v["train-fraction"]),
    normalise: v.normalise === undefined ? undefined : choiceFlag("--normalise", v.normalise, ["on", "off"]) === "on",
    model: v.model,
    widths: v.widths === undefined ? undefined : v.widths.split(",").map((x) => intFlag("--widths", x.trim(), 1)),
    activation: v.activation === undefined ? undefined : choiceFlag("--activation", v.activation, FIT_ACTIVATIONS),
    method: v.method === undefined ? undefined : (choiceFlag("--method", v.method, FIT_METHODS) as FitMethod),
    k: num("--k", v.k),
    alpha: num("--alpha", v.alpha),
    steps: v.steps === undefined ? undefined : intFlag("--steps", v.steps, 1),
    decay: num("--decay", v.decay),
    segments: v.segments === undefined ? undefined : intFlag("--segments", v.segments, 1),
    continuityWeight: num("--continuity-weight", v["continuity-weight"]),
    epochs: v.epochs === undefined ? undefined : intFlag("--epochs", v.epochs, 1),
    lr: num("--lr", v.lr),
    weightDecay: num("--weight-decay", v["weight-decay"]),
    seed: v.seed === undefined ? undefined : intFlag("--seed", v.seed, 0),
    solver: v.solver === undefined ? undefined : choiceFlag("--solver", v.solver, ["dopri5", "rk4", "euler"] as const),
    rtol: num("--rtol", v.rtol),
    atol: num("--atol", v.atol),
    u0: list("--u0", v.u0),
  };
}

export async function fitCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FIT_FLAGS, true);
  const v = values as FitFlagValues;
  const checkpointEvery = v["checkpoint-every"] === undefined ? undefined : intFlag("--checkpoint-every", v["checkpoint-every"], 1);
  if (checkpointEvery !== undefined && !v.checkpoint && !v.resume) throw new UsageError("--checkpoint-every needs --checkpoint FILE");
  let stored: StoredFitOptions;
  let out: string;
  let resume: TrainState | undefined;
  let checkpoint = v.checkpoint;
  let prep: PreparedFit;
  if (v.resume !== undefined) {
    const others = Object.keys(v).filter((k) => !["resume", "checkpoint", "checkpoint-every", "json", "no-figures"].includes(k) && v[k as keyof FitFlagValues] !== undefined && v[k as keyof FitFlagValues] !== false);
    if (positionals.length || others.length) throw new UsageError(`--resume takes the data and settings from the checkpoint; drop ${[...positionals, ...others.map((k) => "--" + k)].join(", ")}`);
    const ck = loadFitCheckpoint(v.resume as string);
    stored = ck.options;
    out = ck.out;
    resume = ck.state;
    checkpoint = checkpoint ?? v.resume;
    prep = prepareFit(stored);
    if (prep.data.hash !== ck.dataHash) throw new UsageError(`--resume ${v.resume}: the data in ${stored.data} changed since the checkpoint was written (its hash differs); start a new fit`);
  } else {
    if (positionals.length !== 1) throw new UsageError(`expected one DATA file (csv, tsv, parquet or json), got ${positionals.length ? positionals.join(" ") : "none"}`);
    const data = positionals[0];
    stored = optionsFromFlags(data, v);
    out = v.out ?? path.join("fits", path.basename(data, path.extname(data)));
    prep = prepareFit(stored);
    if (fs.existsSync(path.join(out, "model.json"))) throw new UsageError(`--out ${out}: already holds a fit (model.json); choose another --out or delete it`);
  }
  const s = prep.settings;
  const label = `fit ${path.basename(stored.data)} ${s.model.kind}/${s.method}`;
  if (!v.json && s.homotopy) console.error(`k = ${s.homotopy.k}: ${s.homotopy.kSource}`);
  const progress = new Progress({ total: s.epochs, label });
  const result = runFit(prep, {
    onEpoch: (rec) => progress.update(rec.epoch + 1, `mse ${rec.mse.toExponential(2)}${s.method === "homotopy" ? ` λ ${rec.lambda.toFixed(3)}` : ""}`),
    resume,
    checkpointEvery,
    onState: checkpoint ? (state) => saveFitCheckpoint(checkpoint as string, { options: stored, dataHash: prep.data.hash, out, state }) : undefined,
  });
  progress.done();
  const modelPath = writeFitFiles(result, out);
  const notes = writeFitReport(result, out, !v["no-figures"]);
  const m = result.metrics;
  const summary = {
    interpMse: m.interpMse,
    extrapMse: m.extrapMse,
    interpNmse: m.interpNmse,
    extrapNmse: m.extrapNmse,
    bestEpoch: m.bestEpoch,
    epochs: m.epochs,
    seconds: m.seconds,
    status: m.status,
    failure: m.failure,
    k: s.homotopy ? s.homotopy.k : null,
    trajectories: result.trajectories.length,
    model: modelPath,
  };
  if (v.json) console.log(JSON.stringify(summary));
  else {
    const e = (x: number | null) => (x === null ? "n/a" : x.toExponential(3));
    console.log(`${label}: ${m.status}${m.failure ? ` (${m.failure})` : ""}`);
    console.log(`  model:        ${result.model.describe()}`);
    console.log(`  data:         ${result.trajectories.length} trajector${result.trajectories.length === 1 ? "y" : "ies"}, states ${result.data.stateNames.join(", ")}`);
    if (s.homotopy) console.log(`  k:            ${s.homotopy.k} (${s.homotopy.kSource})`);
    console.log(`  train MSE:    ${e(m.interpMse)} (NMSE ${e(m.interpNmse)}), best epoch ${m.bestEpoch} of ${m.epochs}`);
    console.log(`  extrap MSE:   ${e(m.extrapMse)} (NMSE ${e(m.extrapNmse)})`);
    console.log(`  time:         ${m.seconds.toFixed(2)} s`);
    console.log(`  written:      ${out}/ (model.json, fit.csv, report.md${v["no-figures"] ? "" : ", figures"})`);
    for (const n of notes) console.error(n);
  }
  return 0;
}
