import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { buildDataset } from "../../lib/paper/experiments/build";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { datasetCsv } from "../../lib/paper/fit/dataset-table";
import { fitData } from "../../lib/paper/fit/fit";

test("fit on the paper's LV data written to CSV (--normalise off, the paper's settings) is the same run as train", () => {
  const config = paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "quick" });
  const ds = buildDataset(config);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fit-eq-"));
  const csv = path.join(dir, "lv.csv");
  fs.writeFileSync(csv, datasetCsv(ds));
  const h = config.homotopy!;
  const sched = h.schedule as { steps: number; epochsPerStep: number; decay: number };
  const ref = runExperiment(config);
  const fit = fitData({
    data: csv,
    normalise: false,
    widths: [32],
    k: h.k,
    alpha: h.alpha,
    steps: sched.steps,
    decay: sched.decay,
    epochs: config.epochs,
    lr: config.lr,
    seed: config.seed,
    trainFraction: 0.5,
    // The paper integrates from the noise-free initial state; the CSV's first row is noisy.
    u0: Array.from(ds.u0),
  });
  assert.equal(fit.trajectories[0].trainPoints, ds.train.t.length);
  assert.equal(fit.metrics.bestEpoch, ref.bestEpoch);
  assert.equal(fit.metrics.interpMse, ref.interpMse);
  assert.equal(fit.metrics.extrapMse, ref.extrapMse);
  assert.deepEqual(Array.from(fit.theta), ref.bestTheta);
  assert.deepEqual(fit.history.map((r) => r.mse), ref.history.mse);
  fs.rmSync(dir, { recursive: true, force: true });
});
