/** Figure 1 per λ stage: stages of a config, surfaces per stage, bilinear lookup, and the slider figure. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { gridValueAt, originGrid, pathStages, stageSurfaces } from "../../lib/paper/analysis/figure1";
import { clipLosses, LandscapeGrid, linspace } from "../../lib/paper/analysis/landscape";
import { ParameterRecorder, PcaPath, pcaPath } from "../../lib/paper/analysis/pca-path";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { parseConfig, ExperimentConfig } from "../../lib/paper/experiments/config";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { buildDataset } from "../../lib/paper/experiments/build";
import { pathStagesFigure, stageLabel, TRACES_PER_STAGE } from "../../lib/view/plot/path-stages-figure";

function shortHomotopy(epochsPerStep: number): ExperimentConfig {
  const base = paperConfig("lotka-volterra", "blackbox", "homotopy", { seed: 10 });
  const h = base.homotopy as NonNullable<ExperimentConfig["homotopy"]>;
  return parseConfig({ ...base, epochs: 6 * epochsPerStep, homotopy: { ...h, schedule: { ...h.schedule, epochsPerStep } } });
}

test("pathStages: the schedule's plateaus for homotopy, one λ = 0 stage otherwise", () => {
  const stages = pathStages(shortHomotopy(5));
  assert.deepEqual(stages.map((s) => [s.start, s.end]), [[0, 5], [5, 10], [10, 15], [15, 20], [20, 25], [25, 30]]);
  assert.equal(stages[0].lambda, 1);
  assert.ok(Math.abs(stages[1].lambda - 0.5662734212352534) < 1e-15, `λ₁ = ${stages[1].lambda}`);
  assert.equal(stages[5].lambda, 0);
  const vanilla = parseConfig({ ...paperConfig("lotka-volterra", "blackbox", "vanilla", { seed: 10 }), epochs: 40 });
  assert.deepEqual(pathStages(vanilla), [{ lambda: 0, start: 0, end: 40 }]);
});

test("originGrid covers the values with a margin and puts a node at 0", () => {
  assert.deepEqual(Array.from(originGrid([-1, 3, 2], 5, 0)), [-1, 0, 1, 2, 3]);
  assert.deepEqual(Array.from(originGrid([-1, 3], 5, 0.25)), [-2, 0, 2, 4, 6], "pad 1 each side: [−2, 4] needs a spacing of 2 below 0");
  const positive = Array.from(originGrid([0.5, 2], 4, 0));
  assert.equal(positive[1], 0, "one node below 0 even when every value is positive");
  assert.ok(Math.abs(positive[3] - 2) < 1e-15);
  const g = originGrid([-7.3, 0.4, 2.9], 30, 0.2);
  assert.equal(g.length, 30);
  assert.ok(g.includes(0));
  const pad = 0.2 * (2.9 + 7.3);
  assert.ok(g[0] <= -7.3 - pad + 1e-12 && g[29] >= 2.9 + pad - 1e-12, `[${g[0]}, ${g[29]}]`);
  assert.throws(() => originGrid([1], 2, 0.2), /points must be a whole number ≥ 3, got 2/);
  assert.throws(() => originGrid([NaN], 5, 0.2), /value 0 is not finite/);
});

function plane(): LandscapeGrid {
  const a = linspace(0, 2, 3);
  const b = linspace(-1, 1, 5);
  const loss = new Float64Array(15);
  // f(x, y) = 3x − 2y + 1 is reproduced exactly by bilinear interpolation.
  for (let i = 0; i < 3; i++) for (let j = 0; j < 5; j++) loss[i * 5 + j] = 3 * a[i] - 2 * b[j] + 1;
  return { a, b, loss, clipped: clipLosses(loss, 4000), clip: 4000, failures: 0, center: 1 };
}

test("gridValueAt interpolates bilinearly and clamps outside the grid", () => {
  const g = plane();
  assert.ok(Math.abs(gridValueAt(g, 0.3, 0.7) - (0.9 - 1.4 + 1)) < 1e-12);
  assert.ok(Math.abs(gridValueAt(g, 1.75, -0.2) - (5.25 + 0.4 + 1)) < 1e-12);
  assert.equal(gridValueAt(g, 1, 0.5), 3 - 1 + 1, "a grid point");
  assert.equal(gridValueAt(g, 5, -3), 3 * 2 + 2 + 1, "clamped to the corner (2, −1)");
  // A product term is interpolated between the corners, not reproduced.
  const loss = Float64Array.from({ length: 15 }, (_, k) => (Math.floor(k / 5) === 1 && k % 5 === 2 ? 10 : 0));
  assert.equal(gridValueAt({ ...g, loss, clipped: loss }, 0.5, 0), 5);
  assert.equal(gridValueAt({ ...g, loss, clipped: loss }, 0.5, 0.25), 2.5);
  assert.throws(() => gridValueAt(g, 0, 0, new Float64Array(4)), /expected 3 × 5 = 15 values, got 4/);
});

test("stage surfaces of a short homotopy run: same plane, one objective per λ, centres match training", () => {
  const config = shortHomotopy(10); // its best epoch (30) lies on the λ ≈ 0.15 plateau
  const dataset = buildDataset(config);
  const recorder = new ParameterRecorder();
  const run = runExperiment(config, { dataset, inspect: recorder.inspect });
  assert.ok(run.bestEpoch >= 2, `best epoch ${run.bestEpoch}`);
  const path = pcaPath(recorder.params, run.bestEpoch);
  const seen: number[] = [];
  const stages = stageSurfaces(config, dataset, path, { points: 4, onStage: (_s, done) => seen.push(done) });
  assert.equal(stages.length, 6);
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6]);
  const i0 = stages[0].surface.a.indexOf(0);
  const j0 = stages[0].surface.b.indexOf(0);
  assert.ok(i0 > 0 && j0 > 0, "the grid has a node at the best epoch");
  for (const s of stages) {
    assert.deepEqual(Array.from(s.surface.a), Array.from(stages[0].surface.a), "every stage on the same grid");
    assert.equal(s.surface.loss.length, 16);
    assert.equal(s.surface.loss[i0 * 4 + j0], s.surface.center, "the origin node is θ*");
  }
  assert.ok(stages[0].surface.a[0] < Math.min(...path.x) && stages[0].surface.a[3] > Math.max(...path.x), "the grid covers the path");
  // λ = 0 is the uncoupled MSE: its centre is the best MSE of the run.
  const last = stages[5];
  assert.ok(Math.abs(last.surface.center - run.interpMse) < 1e-10 * run.interpMse, `λ = 0 centre ${last.surface.center} vs best MSE ${run.interpMse}`);
  // The stage holding the best epoch: its centre is the training (coupled) loss logged at that epoch.
  const holding = stages.find((s) => s.start <= run.bestEpoch && run.bestEpoch < s.end) as (typeof stages)[number];
  assert.ok(holding.lambda > 0, `the best epoch ${run.bestEpoch} should lie on a coupled plateau`);
  const logged = run.history.loss[run.bestEpoch];
  assert.ok(Math.abs(holding.surface.center - logged) < 1e-8 * logged, `coupled centre ${holding.surface.center} vs logged loss ${logged}`);
  assert.ok(Math.abs(holding.surface.center - last.surface.center) > 1e-3 * last.surface.center, "coupled and uncoupled losses differ");
  const visited = stageSurfaces(config, dataset, path, { points: 3, stages: "visited" });
  assert.deepEqual(visited.map((s) => s.start), stages.filter((s) => s.start <= run.bestEpoch).map((s) => s.start));
  assert.throws(() => stageSurfaces(config, dataset, path, { stages: "some" as "all" }), /stages must be "all" or "visited", got "some"/);
});

test("pathStagesFigure: one block of traces per stage, the slider shows one block at a time", () => {
  const path: PcaPath = {
    directions: [new Float64Array([1, 0]), new Float64Array([0, 1])],
    explainedVariance: [2, 1],
    explainedVarianceRatio: [0.6, 0.3],
    center: new Float64Array(2),
    bestEpoch: 4,
    x: Float64Array.from([1.5, 1, 0.5, 0.25, 0]),
    y: Float64Array.from([-0.5, 0, 0.5, 0.25, 0]),
  };
  const g = plane();
  const stages = [
    { lambda: 1, start: 0, end: 3, surface: g },
    { lambda: 0.5, start: 3, end: 6, surface: g },
    { lambda: 0, start: 6, end: 9, surface: g },
  ];
  const fig = pathStagesFigure(path, stages);
  assert.equal(fig.data.length, 3 * TRACES_PER_STAGE);
  const visible = fig.data.map((d) => (d as { visible: boolean }).visible);
  assert.deepEqual(visible, [false, false, false, false, true, true, true, true, false, false, false, false], "the stage holding the best epoch first");
  const seg = fig.data[TRACES_PER_STAGE + 2] as { x: number[] };
  assert.deepEqual(seg.x, [0.25, 0], "stage 2's own epochs 3..4 (the path stops at the best epoch)");
  const late = fig.data[2 * TRACES_PER_STAGE + 2] as { x: number[] };
  assert.deepEqual(late.x, [], "a stage after the best epoch has no segment");
  const contour = fig.data[0] as { z: number[][] };
  assert.ok(Math.abs(contour.z[4][2] - Math.log10(3 * 2 - 2 * 1 + 1)) < 1e-12, "z[j][i] = log10 loss at (a_i, b_j)");
  const sliders = (fig.layout as { sliders: { active: number; steps: { args: [{ visible: boolean[] }, unknown] }[] }[] }).sliders;
  assert.equal(sliders[0].active, 1);
  assert.deepEqual(sliders[0].steps[2].args[0].visible, [false, false, false, false, false, false, false, false, true, true, true, true]);
  assert.equal(stageLabel(stages[2], 4), "λ = 0 (after the best epoch)");
  assert.equal(stageLabel(stages[1], 4), "λ = 0.500 (epochs 3–5)");
  // The stage is the subtitle, below the title (and below plotly's toolbar), and the slider updates it.
  assert.equal((fig.layout.title as { subtitle: { text: string } }).subtitle.text, stageLabel(stages[1], 4));
  assert.deepEqual(sliders[0].steps[2].args[1], { "title.subtitle.text": "λ = 0 (after the best epoch)" });

  const surf = pathStagesFigure(path, stages, { kind: "surface", active: 0, logColor: false });
  const path3d = surf.data[1] as { type: string; z: number[] };
  assert.equal(path3d.type, "scatter3d");
  // Linear z: the path sits on the surface (bilinear, exact for this plane) plus a 1 % lift.
  const lift = 0.01 * (3 * 2 + 2 + 1 - (0 - 2 + 1));
  assert.ok(Math.abs(path3d.z[0] - (3 * 1.5 + 1 + 1 + lift)) < 1e-12);
  assert.equal((surf.data[0] as { visible: boolean }).visible, true);
  assert.throws(() => pathStagesFigure(path, []), /at least one stage/);
  assert.throws(() => pathStagesFigure(path, stages, { active: 3 }), /stage index in 0\.\.2, got 3/);
});
