/** Figure builders of the analysis: panel layout, the orientation of z, and what each trace holds. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { hessianLandscapeFigure, pcaPathFigure, spectralDensityFigure, traceFigure } from "../../lib/view/plot/analysis-figures";
import { clipLosses, LandscapeGrid, linspace } from "../../lib/paper/analysis/landscape";
import { PcaPath } from "../../lib/paper/analysis/pca-path";

function grid(scale: number): LandscapeGrid {
  const a = linspace(-1, 1, 3);
  const b = linspace(-2, 2, 4);
  const loss = new Float64Array(12);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) loss[i * 4 + j] = scale * (10 * i + j); // recognisable (i, j)
  return { a, b, loss, clipped: clipLosses(loss, 4000), clip: 4000, failures: 0, center: loss[5] };
}

test("hessianLandscapeFigure: one panel per grid, z[row j][column i] is the loss at (a_i, b_j)", () => {
  const panels = [1, 2, 3, 4].map((s) => ({ title: `t_end ${s}`, grid: grid(s) }));
  const contour = hessianLandscapeFigure(panels);
  const contours = contour.data.filter((d) => (d as { type?: string }).type === "contour") as unknown as { z: number[][]; x: number[]; y: number[]; xaxis: string }[];
  assert.equal(contours.length, 4);
  assert.deepEqual(contours[0].x, [-1, 0, 1]);
  assert.deepEqual(contours[0].y, Array.from(linspace(-2, 2, 4)));
  assert.equal(contours[0].z.length, 4, "rows follow b");
  assert.equal(contours[0].z[3][2], 23, "z[j][i] = loss at (a_i, b_j)");
  assert.equal(contours[1].z[1][2], 2 * 21);
  assert.deepEqual(contours.map((c) => c.xaxis), ["x", "x2", "x3", "x4"]);
  const layout = contour.layout as Record<string, unknown>;
  assert.ok(layout.xaxis4 && layout.yaxis4);
  assert.equal((contour.layout.annotations ?? []).length, 4);
  const surface = hessianLandscapeFigure(panels.slice(0, 2), { kind: "surface", columns: 1 });
  const scenes = surface.data.map((d) => (d as { scene?: string }).scene);
  assert.deepEqual(scenes, ["scene", "scene2"]);
  const l2 = surface.layout as unknown as Record<string, { domain: { y: number[] } }>;
  assert.ok(l2.scene.domain.y[0] > l2.scene2.domain.y[1], "one column: the second panel sits below the first");
  assert.throws(() => hessianLandscapeFigure([]), /at least one panel/);
});

test("spectral density, PCA path and trace figures", () => {
  const dens = spectralDensityFigure([{ label: "t_end 3.1", grid: [0, 1, 2], density: [0, 0.5, 0.5] }]);
  const d0 = dens.data[0] as { y: number[] };
  assert.deepEqual(d0.y, [1e-7, 0.5 + 1e-7, 0.5 + 1e-7]);
  assert.equal((dens.layout.yaxis as { type?: string }).type, "log");

  const path: PcaPath = {
    directions: [new Float64Array([1, 0]), new Float64Array([0, 1])],
    explainedVariance: [2, 1],
    explainedVarianceRatio: [0.6, 0.3],
    center: new Float64Array(2),
    bestEpoch: 2,
    x: Float64Array.from([0.5, 0.2, 0]),
    y: Float64Array.from([-0.4, 0.1, 0]),
  };
  const fig = pcaPathFigure([
    { title: "homotopy", surface: grid(1), path, method: "homotopy" },
    { title: "vanilla", surface: grid(2), path, method: "vanilla" },
  ]);
  assert.equal(fig.data.length, 6);
  const line = fig.data[1] as { x: number[]; y: number[]; line: { color: string } };
  assert.deepEqual(line.x, [0.5, 0.2, 0]);
  assert.equal(line.line.color, "#2ca02c");
  assert.equal((fig.data[4] as { line: { color: string } }).line.color, "#d62728");
  assert.match(JSON.stringify(fig.layout), /PC1 \(60\.0%\)/);

  const tr = traceFigure([
    {
      method: "vanilla",
      points: [
        { epoch: 0, trace: 10, standardError: 1, probes: 5, lambda: 0, loss: 1 },
        { epoch: 5, trace: NaN, standardError: NaN, probes: 0, lambda: NaN, loss: NaN },
        { epoch: 10, trace: 8, standardError: NaN, probes: 1, lambda: 0, loss: 1 },
      ],
    },
  ]);
  const t0 = tr.data[0] as { x: number[]; y: number[]; error_y: { array: number[] } };
  assert.deepEqual(t0.x, [0, 10], "failed measurements are left out");
  assert.deepEqual(t0.error_y.array, [1, 0]);
  assert.equal((tr.layout.yaxis as { type?: string }).type, "log");
  const indefinite = traceFigure([{ method: "homotopy", points: [{ epoch: 0, trace: -3, standardError: 1, probes: 5, lambda: 1, loss: 1 }] }]);
  assert.equal((indefinite.layout.yaxis as { type?: string }).type, "linear", "a trace ≤ 0 cannot go on a log axis");
});
