/** `homotopy-ode fit DATA`: discover a model of the dynamics in a table of measurements. */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  FIT_ACTIVATIONS, FIT_METHODS, FitOptions, fitResultOf, prepareFit, prepareFitConfig, PreparedFit, writeFitFiles, loadCheckpoint, runSummary,
  SOLVER_METHODS, describeFormat, learnedParameters,
} from "../../paper/index";
import { TrainState } from "../../core/index";
import { writeFitReport } from "../../view/index";
import { runInterruptible } from "./run-interruptible";
import { UsageError } from "./errors";
import { flag, flagHelp, FlagValues, parseCommandFlags } from "./flags";

export const FIT_SUMMARY = "fit a model (black-box or gray-box) to your own time series";

/** Ranges (lr > 0, a fraction in (0, 1], whole numbers of epochs) are checked by prepareFit, with these flags' names. */
const FIT_FLAGS = {
  time: flag.string({ placeholder: "COL", shownDefault: "the first column", help: "time column" }),
  states: flag.strings({ placeholder: "a,b,...", shownDefault: "every other numeric column", help: "state columns" }),
  trajectory: flag.string({ placeholder: "COL", help: "column that separates trajectories (each has its own initial condition and spline; all share one model); times may be irregular and differ per trajectory" }),
  separator: flag.string({ placeholder: "C", shownDefault: "detected from the header: comma, semicolon or tab", help: "field separator of a text table (\\t or tab for a tab)" }),
  "decimal-comma": flag.boolean({ help: "numbers are written with a decimal comma, e.g. 1,5 (default: detected when the separator is not a comma)" }),
  "drop-missing": flag.boolean({ help: "drop rows with a missing value (default: refuse them, naming the row)" }),
  "train-until": flag.number({ placeholder: "T", help: "train on times up to T after each trajectory's first time, or" }),
  "train-fraction": flag.number({ placeholder: "F", shownDefault: "0.7", help: "on this fraction of each trajectory's span; the rest is the extrapolation window the report scores" }),
  normalise: flag.choice({ choices: ["on", "off"], shownDefault: "on", help: "centre and scale each state for training; every reported number and file is in the data's own units" }),
  model: flag.string({ placeholder: "blackbox|FILE", shownDefault: "blackbox", help: "black-box network, or a gray-box model file: equations with known physics and named networks, e.g. examples/lotka-volterra-ude.json" }),
  widths: flag.numbers({ placeholder: "N,...", shownDefault: "32", help: "hidden widths of the black-box network, e.g. 32 or 50,50" }),
  activation: flag.choice({ choices: FIT_ACTIVATIONS, shownDefault: "gelu", help: "activation of the black-box network" }),
  method: flag.choice({ choices: FIT_METHODS, shownDefault: "homotopy", help: "training method" }),
  k: flag.number({ shownDefault: "the Theorem-1 helper on the data's spline", help: "coupling strength" }),
  alpha: flag.number({ shownDefault: "1e-3", help: "spline smoothing" }),
  steps: flag.number({ placeholder: "N", shownDefault: "6", help: "λ steps" }),
  decay: flag.number({ shownDefault: "0.6", help: "λ decay" }),
  segments: flag.number({ placeholder: "N", shownDefault: "5", help: "multiple shooting segments" }),
  "continuity-weight": flag.number({ shownDefault: "0.01", help: "multiple shooting continuity weight" }),
  epochs: flag.number({ placeholder: "N", shownDefault: "600", help: "training epochs" }),
  lr: flag.number({ shownDefault: "0.05", help: "AdamW learning rate" }),
  "weight-decay": flag.number({ shownDefault: "0.01", help: "AdamW weight decay" }),
  seed: flag.number({ placeholder: "N", shownDefault: "10", help: "seed of the initial parameters" }),
  solver: flag.choice({ choices: SOLVER_METHODS, shownDefault: "dopri5", help: "ODE solver" }),
  rtol: flag.number({ shownDefault: "1e-7", help: "solver relative tolerance" }),
  atol: flag.number({ shownDefault: "1e-9", help: "solver absolute tolerance" }),
  u0: flag.numbers({ help: "initial condition instead of the first sample (single trajectory only)" }),
  out: flag.string({ placeholder: "DIR", shownDefault: "fits/<data file name>", help: "output folder" }),
  "no-figures": flag.boolean({ help: "skip the figures (model.json, fit.csv and report.md are still written)" }),
  json: flag.boolean({ help: "print one JSON object: train --json's summary (interpMse, extrapMse, bestEpoch, epochs, seconds, config, …) plus the fit's status and advice, interpNmse, extrapNmse, k, trajectories, params (a gray-box model's learned physical parameters) and model (the model.json written)" }),
  checkpoint: flag.string({ placeholder: "FILE", help: "save the training state (at the end, and every --checkpoint-every epochs)" }),
  "checkpoint-every": flag.integer({ min: 1, placeholder: "N", help: "also save the checkpoint every N epochs" }),
  resume: flag.string({ placeholder: "FILE", help: "continue a fit checkpoint, e.g. one Ctrl-C saved (its data and settings decide everything)" }),
};

export const FIT_HELP = `homotopy-ode fit DATA [options]

DATA: a table of measurements, .csv, .tsv, .parquet or .json (records); e.g. examples/lotka-volterra.csv
${flagHelp(FIT_FLAGS)}

Status: ok, or diverged (exit code 3; predict and export refuse its model.json without --force),
not-converged (the best epoch is in the last 5 % of training) or degenerate (the fit explains under 10 % of
the training data's variation, or one state rises and falls, which no one-state autonomous ODE can), each
with one line of advice on stderr.

DIR gets model.json (everything to rebuild the model; see homotopy-ode predict), fit.csv, figures
and report.md. A DIR that already holds a fit is refused, not overwritten.`;

type FitFlagValues = FlagValues<typeof FIT_FLAGS>;

/** The exit code of a fit that diverged (its model.json is written, marked, and refused by predict without --force). */
export const FIT_DIVERGED_EXIT = 3;

const defaultOut = (data: string) => path.join("fits", path.basename(data, path.extname(data)));

function optionsFromFlags(data: string, v: FitFlagValues): FitOptions {
  return {
    data,
    columns: { time: v.time, states: v.states, trajectory: v.trajectory, dropMissing: v["drop-missing"] },
    separator: v.separator === undefined ? undefined : v.separator === "\\t" || v.separator === "tab" ? "\t" : v.separator,
    decimalComma: v["decimal-comma"] ? true : undefined,
    trainUntil: v["train-until"],
    trainFraction: v["train-fraction"],
    normalise: v.normalise === undefined ? undefined : v.normalise === "on",
    model: v.model,
    widths: v.widths,
    activation: v.activation,
    method: v.method,
    k: v.k,
    alpha: v.alpha,
    steps: v.steps,
    decay: v.decay,
    segments: v.segments,
    continuityWeight: v["continuity-weight"],
    epochs: v.epochs,
    lr: v.lr,
    weightDecay: v["weight-decay"],
    seed: v.seed,
    solver: v.solver,
    rtol: v.rtol,
    atol: v.atol,
    u0: v.u0,
  };
}

export async function fitCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommandFlags(argv, FIT_FLAGS, { positionals: true });
  const checkpointEvery = v["checkpoint-every"];
  if (checkpointEvery !== undefined && !v.checkpoint && !v.resume) throw new UsageError("--checkpoint-every needs --checkpoint FILE");
  let out: string;
  let resume: TrainState | undefined;
  let checkpoint = v.checkpoint;
  let prep: PreparedFit;
  if (v.resume !== undefined) {
    const others = Object.keys(v).filter((k) => !["resume", "checkpoint", "checkpoint-every", "json", "no-figures"].includes(k) && v[k as keyof FitFlagValues] !== undefined && v[k as keyof FitFlagValues] !== false);
    if (positionals.length || others.length) throw new UsageError(`--resume takes the data and settings from the checkpoint; drop ${[...positionals, ...others.map((k) => "--" + k)].join(", ")}`);
    const file = v.resume;
    const ck = loadCheckpoint(file);
    if (ck.config.data.kind !== "table") throw new UsageError(`--resume ${file}: this checkpoint is a train run's; resume it with homotopy-ode train --resume ${file}`);
    prep = prepareFitConfig(ck.config);
    if (ck.dataHash !== undefined && prep.data.hash !== ck.dataHash) throw new UsageError(`--resume ${file}: the data in ${prep.data.source} changed since the checkpoint was written (its hash differs); start a new fit`);
    out = ck.out ?? defaultOut(prep.data.source);
    resume = ck.state;
    checkpoint = checkpoint ?? file;
  } else {
    if (positionals.length !== 1) throw new UsageError(`expected one DATA file (csv, tsv, parquet or json), got ${positionals.length ? positionals.join(" ") : "none"}`);
    const data = positionals[0];
    out = v.out ?? defaultOut(data);
    prep = prepareFit(optionsFromFlags(data, v));
    if (fs.existsSync(path.join(out, "model.json"))) throw new UsageError(`--out ${out}: already holds a fit (model.json); choose another --out or delete it`);
  }
  const s = prep.settings;
  const read = prep.data.format;
  if (read && read.detected.length) console.error(`read ${prep.data.source} as ${describeFormat(read)}; --separator and --decimal-comma override`);
  const label = `fit ${path.basename(prep.data.source)} ${s.model.kind}/${s.method}`;
  if (!v.json && s.homotopy) console.error(`k = ${s.homotopy.k}: ${s.homotopy.kSource}`);
  const outcome = await runInterruptible({ command: "fit", config: prep.config, label, checkpoint, checkpointEvery, resume, extras: { dataHash: prep.data.hash, out } });
  if ("exitCode" in outcome) return outcome.exitCode;
  const result = fitResultOf(prep, outcome.result);
  const modelPath = writeFitFiles(result, out);
  const notes = writeFitReport(result, out, !v["no-figures"]);
  const m = result.metrics;
  // The run's summary (as train --json prints it) with the fit's own status and advice, and the model.json written as "model".
  const params = learnedParameters(result);
  const summary = { ...runSummary(result.result), status: m.status, ...(m.advice ? { advice: m.advice } : {}), ...(params ? { params } : {}), model: modelPath };
  if (v.json) console.log(JSON.stringify(summary));
  else {
    const e = (x: number | null) => (x === null ? "n/a" : x.toExponential(3));
    console.log(`${label}: ${m.status}${m.failure ? ` (${m.failure})` : ""}`);
    console.log(`  model:        ${result.model.describe()}`);
    console.log(`  data:         ${result.trajectories.length} trajector${result.trajectories.length === 1 ? "y" : "ies"}, states ${result.data.stateNames.join(", ")}`);
    if (s.homotopy) console.log(`  k:            ${s.homotopy.k} (${s.homotopy.kSource})`);
    if (params) console.log(`  parameters:   ${Object.entries(params).map(([name, value]) => `${name} = ${value.toPrecision(4)}`).join(", ") || "(all fixed)"}`);
    console.log(`  train MSE:    ${e(m.interpMse)} (NMSE ${e(m.interpNmse)}), best epoch ${m.bestEpoch} of ${m.epochs}`);
    console.log(`  extrap MSE:   ${e(m.extrapMse)} (NMSE ${e(m.extrapNmse)})`);
    console.log(`  time:         ${m.seconds.toFixed(2)} s`);
    console.log(`  written:      ${out}/ (model.json, fit.csv, report.md${v["no-figures"] ? "" : ", figures"})`);
    for (const n of notes) console.error(n);
  }
  if (m.advice) console.error(`fit: ${m.status}: ${m.advice}`);
  return m.status === "diverged" ? FIT_DIVERGED_EXIT : 0;
}
