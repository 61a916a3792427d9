/** snapshotGridFigure (Fig. 6): runs × snapshot epochs, one state, the data's y range everywhere. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { snapshotGridFigure } from "../../lib/view/plot/snapshot-figures";
import type { TrackedRun } from "../../lib/paper/analysis/tracked-run";
import type { Dataset } from "../../lib/paper/systems/dataset";

type Trace = { x: number[]; y: number[]; xaxis: string; yaxis: string; name: string; showlegend: boolean; mode: string };

// Two states; train t = 0, 1; extrapolation t = 2, 3; state 1 ranges over [−1, 3].
const ds: Dataset = {
  name: "toy",
  dim: 2,
  stateNames: ["a", "b"],
  train: { t: Float64Array.from([0, 1]), u: Float64Array.from([0, -1, 1, 0]) },
  extrap: { t: Float64Array.from([2, 3]), u: Float64Array.from([2, 3, 3, 1]) },
  u0: Float64Array.from([0, -1]),
  source: "toy",
};
const t = [0, 1, 2, 3];
const snap = (epoch: number, scale: number | null) => ({ epoch, theta: [], u: scale === null ? null : [0, 0, 1, 1 * scale, 2, 2 * scale, 3, 3 * scale], interpMse: 0, extrapMse: 0 });
const run = (method: string, snaps: ReturnType<typeof snap>[]) => ({ run: { config: { method } }, t, extrapStart: 2, snapshots: snaps, traces: {} }) as unknown as TrackedRun;

test("one panel per run and snapshot, the chosen state, the data range padded by half in every panel", () => {
  const fig = snapshotGridFigure(ds, [run("vanilla", [snap(0, 1), snap(5, 100)]), run("homotopy", [snap(0, 2), snap(5, null)])], { state: 1 });
  const traces = fig.data as unknown as Trace[];
  const layout = fig.layout as Record<string, { range?: number[]; domain?: number[] }> & { shapes: { x0: number; xref: string }[]; annotations: { text: string }[] };
  // 4 panels with data; 3 rollouts (one solve failed).
  assert.equal(traces.filter((d) => d.name === "data").length, 4);
  const lines = traces.filter((d) => d.mode === "lines");
  assert.deepEqual(lines.map((d) => [d.name, d.xaxis]), [["vanilla", "x"], ["vanilla", "x2"], ["homotopy", "x3"]]);
  assert.deepEqual(lines[1].y, [0, 100, 200, 300]);
  assert.deepEqual(traces.find((d) => d.name === "data")!.y, [-1, 0, 3, 1]);
  // Legend entries once each.
  assert.deepEqual(traces.filter((d) => d.showlegend).map((d) => d.name), ["data", "vanilla", "homotopy"]);
  for (const k of ["yaxis", "yaxis2", "yaxis3", "yaxis4"]) assert.deepEqual(layout[k].range, [-3, 5]);
  assert.deepEqual(layout.shapes.map((s) => [s.xref, s.x0]), [["x", 2], ["x2", 2], ["x3", 2], ["x4", 2]]);
  assert.deepEqual(layout.annotations.map((a) => a.text), ["epoch 0", "epoch 5", "epoch 0", "epoch 5 (solve failed)"]);
  // Rows stack top to bottom.
  assert.ok((layout.yaxis.domain as number[])[0] > (layout.yaxis3.domain as number[])[1]);
});

test("bad inputs are named", () => {
  assert.throws(() => snapshotGridFigure(ds, [run("vanilla", [snap(0, 1)])], { state: 2 }), /snapshot grid state: expected a whole number in \[0, 1\], got 2/);
  assert.throws(() => snapshotGridFigure(ds, [], { state: 0 }), /expected at least one run/);
  assert.throws(() => snapshotGridFigure(ds, [run("vanilla", [])], { state: 0 }), /none of the runs has snapshots/);
});
