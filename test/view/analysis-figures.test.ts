/** Figure builders of the analysis: panel layout, the orientation of z, and what each trace holds. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { hessianLandscapeFigure, pcaPathFigure, spectralDensityFigure, traceFigure } from "../../lib/view/plot/analysis-figures";
import { clipLosses, LandscapeGrid, linspace } from "../../lib/paper/analysis/landscape";
import { logColorbarTicks, sharedLogRange, symlog, symlogTicks } from "../../lib/view/plot/scales";
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
  const contour = hessianLandscapeFigure(panels, { logColor: false });
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

type Axis = { title?: { text?: string }; type?: string; range?: number[]; tickvals?: number[]; ticktext?: string[] };
type ContourTrace = { type: string; z: number[][]; zmin: number; zmax: number; showscale: boolean; autocontour: boolean; contours: { start: number; end: number; size: number }; xaxis: string; yaxis: string };

/** Every x/y axis (2-D) or scene axis (3-D) of a layout, by name. */
function axes(layout: Record<string, unknown>): [string, Axis][] {
  const out: [string, Axis][] = [];
  for (const [k, v] of Object.entries(layout)) {
    if (/^[xy]axis\d*$/.test(k)) out.push([k, v as Axis]);
    if (/^scene\d*$/.test(k)) for (const a of ["xaxis", "yaxis", "zaxis"]) out.push([`${k}.${a}`, (v as Record<string, Axis>)[a]]);
  }
  return out;
}

test("the panels of a sweep share one log colour range, one set of contour levels and one colour bar; every axis is titled", () => {
  // Four panels whose losses span 0.1 … 2300, as Figure 2's data-length sweep spans decades.
  const panels = [1, 10, 100, 1000].map((s) => ({ title: `scale ${s}`, grid: grid(s / 10) }));
  const fig = hessianLandscapeFigure(panels, { columns: 2 });
  const contours = (fig.data as unknown as ContourTrace[]).filter((d) => d.type === "contour");
  const positive = panels.flatMap((p) => Array.from(p.grid.clipped).filter((v) => v > 0));
  const lo = Math.log10(Math.min(...positive));
  const hi = Math.log10(Math.max(...positive));
  for (const c of contours) {
    assert.equal(c.zmin, lo);
    assert.equal(c.zmax, hi);
    assert.equal(c.autocontour, false);
    assert.deepEqual(c.contours, contours[0].contours, "the same levels in every panel");
  }
  // z is log10 of the loss: the largest loss of the last panel is at the top of the shared range.
  assert.equal(Math.max(...contours[3].z.flat()), hi);
  assert.ok(Math.max(...contours[0].z.flat()) < hi - 2.5, "the first panel uses only the bottom of the range");
  assert.deepEqual(contours.map((c) => c.showscale), [true, false, false, false], "one colour bar");
  const bar = (fig.data[0] as unknown as { colorbar: { tickvals: number[]; ticktext: string[] } }).colorbar;
  assert.deepEqual(bar.ticktext, ["0.1", "1", "10", "100", "1000"], "the bar is labelled in loss units (0.1 … 2300 here)");
  assert.deepEqual(bar.tickvals, [-1, 0, 1, 2, 3]);
  for (const [name, axis] of axes(fig.layout as Record<string, unknown>)) assert.ok(axis.title?.text, `${name} has a title`);

  // Own scales on request: each panel its range and bar.
  const own = (hessianLandscapeFigure(panels, { sharedScale: false }).data as unknown as ContourTrace[]).filter((d) => d.type === "contour");
  assert.ok(own[0].zmax < own[3].zmax);
  assert.ok(own.every((c) => c.showscale));

  // 3-D: one log height axis with the shared range in every scene, ticks in loss units, every axis titled.
  const surf = hessianLandscapeFigure(panels.slice(0, 2), { kind: "surface", columns: 2 });
  const layout = surf.layout as Record<string, unknown>;
  const z1 = (layout.scene as Record<string, Axis>).zaxis;
  const z2 = (layout.scene2 as Record<string, Axis>).zaxis;
  assert.equal(z1.type, "log");
  assert.deepEqual(z1.range, z2.range);
  assert.ok((z1.ticktext ?? []).length >= 2);
  for (const [name, axis] of axes(layout)) assert.ok(axis.title?.text, `${name} has a title`);
});

test("spectral densities: a symmetric log λ axis when the spectrum spans decades, a dot on each largest eigenvalue, stacked rows", () => {
  const dens = spectralDensityFigure([{ label: "t_end 3.1", grid: [0, 1, 2], density: [0, 0.5, 0.5] }]);
  const d0 = dens.data[0] as { x: number[]; y: number[] };
  assert.deepEqual(d0.y, [1e-7, 0.5 + 1e-7, 0.5 + 1e-7]);
  assert.deepEqual(d0.x, [0, 1, 2], "a narrow spectrum keeps a linear λ axis");
  assert.equal((dens.layout.yaxis as { type?: string }).type, "log");

  // A bulk near 0 and an outlier at 5000, as Figure 2 at t_end 9.1.
  const wide = { label: "wide", grid: [-20, -0.5, 0, 0.5, 4999, 5000, 5001], density: [0.01, 0.3, 0.5, 0.3, 0, 0.01, 0] };
  const fig = spectralDensityFigure([wide, { label: "narrow", grid: [-1, 0, 1, 299, 300, 301], density: [0.2, 0.6, 0, 0, 0.01, 0] }]);
  const line = fig.data[0] as { x: number[]; customdata: number[] };
  assert.equal(line.x[5], symlog(5000), "λ is drawn at sign(λ)·log10(1 + |λ|)");
  assert.ok(Math.abs(line.x[5] - Math.log10(5001)) < 1e-12);
  assert.equal(line.x[0], -Math.log10(21));
  assert.deepEqual(line.customdata, wide.grid, "hover shows λ itself");
  const xaxis = fig.layout.xaxis as Axis;
  assert.match(xaxis.title?.text ?? "", /symmetric log/);
  assert.deepEqual(xaxis.ticktext, ["−10", "−1", "0", "1", "10", "100", "1000"]);
  assert.ok((xaxis.range ?? [])[1] > symlog(5001), "the outermost peak is not on the frame");
  const dots = (fig.data as unknown as { mode: string; customdata: number[] }[]).filter((d) => d.mode === "markers");
  assert.deepEqual(dots.map((d) => d.customdata[0]), [5000, 300], "a dot at each series' largest eigenvalue");
  assert.deepEqual(symlogTicks(-150, 20).ticktext, ["−100", "−10", "−1", "0", "1", "10"]);

  const stacked = spectralDensityFigure([wide, { ...wide, label: "again" }], { stacked: true });
  const sl = stacked.layout as Record<string, Axis & { domain?: number[]; matches?: string }>;
  assert.equal(sl.xaxis2.matches, "x", "rows share the λ axis");
  assert.ok((sl.yaxis.domain ?? [])[0] > (sl.yaxis2.domain ?? [])[1], "one row per series");
  assert.ok(sl.xaxis2.title?.text, "the bottom row's λ axis is titled");
  assert.ok([sl.yaxis, sl.yaxis2].some((a) => a.title?.text), "the stack's y axis is titled");
  assert.throws(() => spectralDensityFigure([wide], { xScale: "cubic" as never }), /xScale: expected "linear", "symlog" or "auto", got "cubic"/);
});

test("log colour-bar ticks are in data units; shared log ranges skip zeros", () => {
  assert.deepEqual(logColorbarTicks([0, 1]), { tickvals: [0, Math.log10(2), Math.log10(5), 1], ticktext: ["1", "2", "5", "10"] });
  assert.deepEqual(logColorbarTicks([-0.3, 3.7]).ticktext, ["1", "10", "100", "1000"]);
  assert.deepEqual(sharedLogRange([[0, 10, 100], [1000, Infinity]]), [1, 3]);
  assert.equal(sharedLogRange([[0, -1]]), null);
});

test("PCA path figure, trace figure", () => {

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
  // Both panels on one colour range, as only the last shows the bar.
  const surfaces = (fig.data as unknown as ContourTrace[]).filter((d) => d.type === "contour");
  assert.deepEqual(surfaces.map((c) => [c.zmin, c.zmax]), [[surfaces[1].zmin, surfaces[1].zmax], [surfaces[1].zmin, surfaces[1].zmax]]);
  assert.equal(surfaces[1].zmax, Math.log10(2 * 23));

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
