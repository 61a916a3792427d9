/** report.md: synthetic rows marked in the table, shards said to be partial, single seeds without "± 0.00", figures shown. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { reportMarkdown, ReportContext } from "../../lib/view/report/markdown";
import { table5 } from "../../lib/view/report/table5";
import { RunResult } from "../../lib/paper/experiments/runner";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { runId } from "../../lib/paper/experiments/config";

/** A run result with the given scores (only the fields the table reads matter). */
function run(system: "lotka-volterra" | "double-pendulum", model: "blackbox" | "secondorder", seed: number, interp: number): RunResult {
  const config = paperConfig(system, model, "homotopy", { profile: "quick", seed, data: system === "double-pendulum" ? "synthetic" : undefined });
  return { id: runId(config), config, status: "ok", interpMse: interp, extrapMse: 2 * interp, extrapMseClean: null, bestEpoch: 7 * seed, epochs: 100, seconds: 1, totalNfe: 1, dataSource: "x", modelDescription: "m", history: { loss: [], mse: [], lambda: [], nfe: [], ms: [] }, prediction: null, bestTheta: [] };
}

const context = (over: Partial<ReportContext>): ReportContext => ({ profile: "quick", wallSeconds: 3, cpuSeconds: 5, jobs: 2, runs: 0, reused: 0, dataSources: [], diverged: [], errors: [], figures: [], ...over });

test("a shard's report: part of the grid, its own seeds, one seed without a standard error, synthetic rows marked", () => {
  const runs = [run("lotka-volterra", "blackbox", 20, 0.0123), run("double-pendulum", "secondorder", 20, 0.0045)];
  const md = reportMarkdown(table5(runs), context({ runs: 2, reused: 1, gridSize: 45, syntheticModels: ["DP second-order"] }));
  assert.match(md, /^2 runs \(1 trained by this invocation, 1 found already finished in this folder\), 2 workers;/m);
  assert.match(md, /this folder holds 2 of the 45 runs of Table 5/);
  assert.match(md, /over seeds 20 \(ours \| paper\); a cell with one seed shows its value alone/);
  assert.doesNotMatch(md, /seeds 10, 20, 30/);
  assert.match(md, /^\| LV black-box \| homotopy \| 1\.23 \| 0\.78 ± 0\.05 \| 2\.46 \|/m);
  assert.match(md, /^\| DP second-order † \| homotopy \| 0\.45 \|/m);
  assert.match(md, /^† Trained on the \*\*synthetic\*\* pendulum/m);
  assert.doesNotMatch(md, /± 0\.00/);
  assert.doesNotMatch(md, /interrupted|1 runs/);
});

test("a whole run: no partial-grid note, mean ± s.e. over the seeds, PNG figures shown as images beside the gallery link", () => {
  const runs = [10, 20, 30].map((s, i) => run("lotka-volterra", "blackbox", s, 0.01 * (i + 1)));
  const figures = ["figures.html", "figures/fig4-benchmark.json", "figures/fig4-benchmark.svg", "figures/fig4-benchmark.png", "figures/training-lotka-volterra-blackbox.png"];
  const md = reportMarkdown(table5(runs), context({ runs: 3, reused: 0, gridSize: 3, figures }));
  // Values 1, 2, 3 (×1e-2): mean 2, population std √(2/3) = 0.816, standard error 0.816 / √3 = 0.47.
  assert.match(md, /^3 runs \(all trained by this invocation\), 2 workers;/m);
  assert.match(reportMarkdown(table5(runs.slice(0, 1)), context({ runs: 1, jobs: 1 })), /^1 run \(all trained by this invocation\), 1 worker;/m);
  assert.doesNotMatch(md, /Part of the grid/);
  assert.match(md, /over seeds 10, 20 and 30 \(ours \| paper\)\./);
  assert.match(md, /\| LV black-box \| homotopy \| 2\.00 ± 0\.47 \|/);
  assert.match(md, /All figures, interactive: \[figures\.html\]\(figures\.html\)/);
  assert.match(md, /^!\[fig4: benchmark\]\(figures\/fig4-benchmark\.png\)$/m);
  assert.match(md, /^!\[training: lotka volterra blackbox\]\(figures\/training-lotka-volterra-blackbox\.png\)$/m);
  assert.doesNotMatch(md, /fig4-benchmark\.svg`/);
  assert.doesNotMatch(md, /†/);
});
