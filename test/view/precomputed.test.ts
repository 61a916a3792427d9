/** Packed (precomputed) results: exact metrics and θ, thinned histories that still draw the right curves. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { withBudget } from "../../lib/paper/experiments/budget";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { writeJsonAtomic } from "../../lib/core/io/atomic";
import { runFile } from "../../lib/apps/reproduce/reproduce";
import { packCommand } from "../../lib/apps/cli/pack";
import { keptEpochs, loadPrecomputed, loadPrecomputedRuns, packRun, PrecomputedError } from "../../lib/view/report/precomputed";
import { plateausOf, runCurve, trainingCurvesFigure } from "../../lib/view/plot/run-figures";
import { tempDir } from "../helpers/temp";

const homotopy = (seed: number) =>
  runExperiment(withBudget(paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "quick", seed }), { epochsPerStep: 7 }));
const vanilla = (seed: number) =>
  runExperiment(withBudget(paperConfig("lotka-volterra", "blackbox", "vanilla", { profile: "quick", seed }), { baselineEpochs: 9 }));

test("keptEpochs: every stride-th epoch, the last, the best and both sides of every change of λ", () => {
  const lambda = [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 0, 0];
  assert.deepEqual(keptEpochs(lambda, 12, 6, 3), [0, 3, 4, 6, 8, 9, 11]);
  assert.deepEqual(keptEpochs([], 5, -1, 100), [0, 1, 2, 3, 4]);
  assert.deepEqual(keptEpochs([], 10, 4, 2, [7]), [0, 4, 5, 7, 9]);
});

test("packRun keeps metrics and the chosen seeds' θ bit for bit, and thins the history onto the kept epochs", () => {
  const run = homotopy(10);
  const packed = packRun(run, { historyPoints: 5 });
  for (const key of ["interpMse", "extrapMse", "extrapMseClean", "bestEpoch", "epochs", "status", "id"] as const) assert.equal(packed[key], run[key]);
  assert.deepEqual(packed.config, run.config);
  assert.deepEqual(packed.bestTheta, run.bestTheta);
  assert.equal(packRun(run, { thetaSeeds: [20] }).bestTheta.length, 0);
  assert.deepEqual(packRun(run, { thetaSeeds: "all" }).bestTheta, run.bestTheta);
  const h = packed.history;
  const epochs = h.epochs!;
  assert.ok(epochs.length < run.history.mse.length, `${epochs.length} of ${run.history.mse.length} epochs`);
  assert.ok(epochs.includes(run.bestEpoch) && epochs[0] === 0 && epochs[epochs.length - 1] === run.epochs - 1);
  // The largest MSE (a spike) is kept.
  assert.equal(Math.max(...h.mse), Number(Math.max(...run.history.mse).toPrecision(5)));
  epochs.forEach((e, i) => {
    assert.equal(h.lambda[i], run.history.lambda[e]);
    assert.ok(Math.abs(h.mse[i] - run.history.mse[e]) <= 1e-4 * Math.abs(run.history.mse[e]), `mse at epoch ${e}`);
    assert.ok(Math.abs(h.loss[i] - run.history.loss[e]) <= 1e-4 * Math.abs(run.history.loss[e]), `loss at epoch ${e}`);
  });
  // The plateaus read off the thinned λ are the full history's, in epochs.
  const full = plateausOf(run.history.lambda);
  const thin = plateausOf(h.lambda).map((p) => ({ ...p, start: epochs[p.start], end: epochs[p.end] }));
  assert.deepEqual(thin, full);
  assert.ok(full.length > 2);
  // The baselines ship no λ.
  assert.deepEqual(packRun(vanilla(10)).history.lambda, []);
});

test("trainingCurvesFigure draws a thinned history at its epochs, with the best-epoch star on the best MSE", () => {
  const run = homotopy(10);
  const packed = packRun(run, { historyPoints: 5 });
  const fig = trainingCurvesFigure([runCurve(packed)]);
  const traces = fig.data as { name: string; x: number[]; y: number[] }[];
  const mse = traces.find((t) => t.name.endsWith(": MSE"))!;
  assert.deepEqual(mse.x, packed.history.epochs);
  const star = traces.find((t) => t.name.includes("best (epoch"))!;
  assert.deepEqual(star.x, [run.bestEpoch]);
  assert.ok(Math.abs(star.y[0] - run.history.mse[run.bestEpoch]) <= 1e-4 * run.history.mse[run.bestEpoch]);
  const lambda = traces.find((t) => t.name.startsWith("λ"))!;
  assert.deepEqual(lambda.x, packed.history.epochs);
  // The plateau slider zooms onto epoch ranges, not entry positions.
  const steps = (fig.layout as { sliders: { steps: { args: Record<string, number[]>[] }[] }[] }).sliders[0].steps;
  const plateaus = plateausOf(run.history.lambda);
  assert.deepEqual(steps[1].args[0]["xaxis.range"], [plateaus[0].start - 0.5, plateaus[0].end + 0.5]);
  assert.deepEqual(steps[0].args[0]["xaxis.range"], [0, run.epochs - 1]);
});

test("homotopy-ode pack writes one file per system that loadPrecomputed reads back; bad input is refused", () => {
  const dir = tempDir("pack-");
  const runs = [homotopy(10), homotopy(20), vanilla(10)];
  for (const r of runs) writeJsonAtomic(runFile(path.join(dir, "results"), r.id), r);
  const out = path.join(dir, "packed");
  const log = console.log;
  console.log = () => {};
  try {
    assert.equal(packCommand([path.join(dir, "results"), "--out", out, "--history-points", "6"]), 0);
  } finally {
    console.log = log;
  }
  assert.deepEqual(fs.readdirSync(out), ["lotka-volterra.json"]);
  const file = loadPrecomputed("lotka-volterra", out);
  assert.equal(file.profile, "quick");
  assert.deepEqual(file.runs.map((r) => r.id), runs.map((r) => r.id).sort());
  const seed20 = file.runs.find((r) => r.config.seed === 20)!;
  assert.equal(seed20.interpMse, runs[1].interpMse);
  assert.deepEqual(seed20.bestTheta, []);
  assert.deepEqual(loadPrecomputedRuns(undefined, out).map((r) => r.id), file.runs.map((r) => r.id));
  // --name: all runs in one named file, which loadPrecomputedRuns (systems only) leaves out.
  console.log = () => {};
  try {
    assert.equal(packCommand([path.join(dir, "results"), "--out", out, "--name", "sweep-a", "--history-points", "3"]), 0);
  } finally {
    console.log = log;
  }
  assert.equal(loadPrecomputed("sweep-a", out).runs.length, 3);
  assert.equal(loadPrecomputedRuns(undefined, out).length, 3);
  assert.throws(() => packCommand([path.join(dir, "results"), "--out", out, "--name", "../x"]), /--name: expected letters/);
  assert.throws(() => loadPrecomputed("lorenz", out), PrecomputedError);
  fs.writeFileSync(path.join(out, "lorenz.json"), JSON.stringify({ format: "something else", runs: [] }));
  assert.throws(() => loadPrecomputed("lorenz", out), /expected a "homotopy-ode precomputed runs" file/);
  assert.throws(() => packCommand([path.join(dir, "nothing"), "--out", out]), /no runs\/ folder/);
  assert.throws(() => packCommand([path.join(dir, "results")]), /--out is required/);
  assert.throws(() => packCommand([path.join(dir, "results"), "--out", out, "--theta-seeds", "ten"]), /--theta-seeds/);
});
