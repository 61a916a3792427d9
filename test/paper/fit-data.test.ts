import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { buildDataset } from "../../lib/paper/experiments/build";
import { datasetCsv, datasetMeasurements, thinMeasurements } from "../../lib/paper/fit/dataset-table";
import { readMeasuredData } from "../../lib/paper/inputs/table";
import { prepareFit, fitData } from "../../lib/paper/fit/fit";
import { couplingStrengthFromData } from "../../lib/paper/inputs/coupling-from-data";
import { SmoothingSpline } from "../../lib/core/interp/spline";

const ROOT = path.resolve(__dirname, "..", "..");
const lv = () => buildDataset(paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "full" }));

test("examples/lotka-volterra.csv is the paper's LV data (training then extrapolation window), read back exactly (regenerate: npx tsx tools/make-examples.ts)", () => {
  const ds = lv();
  assert.equal(fs.readFileSync(path.join(ROOT, "examples", "lotka-volterra.csv"), "utf8"), datasetCsv(ds));
  const m = readMeasuredData(path.join(ROOT, "examples", "lotka-volterra.csv"));
  assert.deepEqual(m.stateNames, ["x", "y"]);
  assert.deepEqual(Array.from(m.trajectories[0].u.subarray(0, ds.train.u.length)), Array.from(ds.train.u));
});

test("thinMeasurements drops the requested share at random, keeps the first row, and is reproducible", () => {
  const full = datasetMeasurements(lv());
  const a = thinMeasurements(full, 0.3, 7);
  const b = thinMeasurements(full, 0.3, 7);
  const c = thinMeasurements(full, 0.3, 8);
  const n = full.trajectories[0].t.length;
  assert.equal(a.trajectories[0].t.length, n - Math.round(0.3 * n));
  assert.equal(a.trajectories[0].t[0], 0);
  assert.deepEqual(Array.from(a.trajectories[0].t), Array.from(b.trajectories[0].t));
  assert.notDeepEqual(Array.from(a.trajectories[0].t), Array.from(c.trajectories[0].t));
  const gaps = new Set(Array.from(a.trajectories[0].t.slice(1), (t, i) => Math.round((t - a.trajectories[0].t[i]) * 10)));
  assert.ok(gaps.size >= 3, `irregular gaps: ${[...gaps]}`);
  assert.notEqual(a.hash, full.hash);
});

test("k from the data: on the LV data the quadratic-field estimate is near the true system's Theorem-1 value", () => {
  const prep = prepareFit({ data: datasetMeasurements(lv()), trainFraction: 0.5, normalise: false, method: "vanilla" });
  const spline = new SmoothingSpline(prep.training[0].t, prep.training[0].u, 2, 1e-3);
  const est = couplingStrengthFromData([spline]);
  // LV is quadratic, so the fitted field is close to the truth; the paper uses k = 6.
  assert.ok(est.k > 4 && est.k < 9, `k = ${est.k}`);
});

test("an irregularly sampled fit trains (30 % of the rows dropped), scored in data units with the normalisation on", () => {
  const thin = thinMeasurements(datasetMeasurements(lv()), 0.3, 1);
  const r = fitData({ data: thin, trainFraction: 0.5, epochs: 60, steps: 3 });
  assert.equal(r.settings.normalise, true);
  assert.ok(r.scaling.scale[0] > 1 && r.scaling.scale[1] > 1, "states were scaled");
  assert.equal(r.metrics.status, "ok");
  // Scaled states have unit variance, so the training MSE is on the NMSE's scale.
  const first = r.history[0].mse;
  assert.ok(r.metrics.interpNmse! < first / 2, `training improved on the initial model (${r.metrics.interpNmse} vs ${first})`);
  // Data-unit MSE is the per-state MSE mean; NMSE divides each by the state's training variance.
  const v = r.variance;
  const byState = r.metrics.interpMseByState as number[];
  assert.ok(Math.abs(r.metrics.interpNmse! - (byState[0] / v[0] + byState[1] / v[1]) / 2) < 1e-15);
});

test("CSV, TSV, Parquet and JSON records give the same measurements", async () => {
  const pl = (await import("nodejs-polars")).default;
  const os = await import("node:os");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fit-formats-"));
  const csv = path.join(ROOT, "examples", "lotka-volterra.csv");
  const df = pl.readCSV(csv);
  fs.writeFileSync(path.join(dir, "lv.tsv"), fs.readFileSync(csv, "utf8").replace(/,/g, "\t"));
  df.writeParquet(path.join(dir, "lv.parquet"));
  fs.writeFileSync(path.join(dir, "lv.json"), JSON.stringify(df.toRecords()));
  const ref = readMeasuredData(csv);
  for (const f of ["lv.tsv", "lv.parquet", "lv.json"]) {
    const m = readMeasuredData(path.join(dir, f));
    assert.deepEqual(m.stateNames, ref.stateNames, f);
    assert.deepEqual(Array.from(m.trajectories[0].t), Array.from(ref.trajectories[0].t), f);
    assert.deepEqual(Array.from(m.trajectories[0].u), Array.from(ref.trajectories[0].u), f);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
