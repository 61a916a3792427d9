/** Figure builders and the display helpers that work without a kernel. */
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { formatNumber, tableHtml, show, showTable, figureHtml } from "../../lib/view/plot/display";
import { plateausOf, trainingCurvesFigure, trajectoryFigure, lyapunovFigure, splinePanelsFigure } from "../../lib/view/plot/figures";

type Trace = { x: number[]; y: number[]; xaxis?: string; yaxis?: string; name: string; showlegend?: boolean };

test("formatNumber: integers whole, 4 significant digits, e-notation for tiny and huge", () => {
  assert.equal(formatNumber(600), "600");
  assert.equal(formatNumber(0.0123456), "0.01235");
  assert.equal(formatNumber(1.5), "1.5");
  assert.equal(formatNumber(0.000123456), "1.235e-4");
  assert.equal(formatNumber(1.23456e7 + 0.5), "1.235e+7");
  assert.equal(formatNumber(NaN), "NaN");
});

test("tableHtml renders a polars DataFrame and row objects alike, escaping text", () => {
  const df = pl.DataFrame({ method: ["homotopy", "<vanilla>"], mse: [0.0081, 0.0458], epoch: [131, 994] });
  const html = tableHtml(df, { caption: "scores" });
  assert.match(html, /<th[^>]*>method<\/th>/);
  assert.match(html, /&lt;vanilla&gt;/);
  assert.match(html, />0\.0081</);
  assert.match(html, />994</);
  assert.equal(tableHtml([{ method: "homotopy", mse: 0.0081, epoch: 131 }, { method: "<vanilla>", mse: 0.0458, epoch: 994 }], { caption: "scores" }), html);
});

test("display functions outside a kernel fail with a message that says so", () => {
  assert.throws(() => show({ data: [], layout: {} }), /tslab kernel/);
  assert.throws(() => showTable([{ a: 1 }]), /tslab kernel/);
});

test("figureHtml draws into its own div and cannot break out of the <script>", () => {
  const html = figureHtml({ data: [{ type: "scatter", x: [1], y: [2], name: "</script><b>" }], layout: { height: 321 } }, "fig-x");
  assert.match(html, /<div id="fig-x" style="width:100%;height:321px;">/);
  assert.equal(html.match(/<\/script>/g)?.length, 1);
});

test("trajectoryFigure: one row per state, legend once per series, dashed extrapolation line in each row", () => {
  const t = [0, 1, 2, 3];
  const u = [1, 10, 2, 20, 3, 30, 4, 40];
  const fig = trajectoryFigure(
    [
      { name: "data", t, u, mode: "markers" },
      { name: "model", t, u: u.map((v) => v + 1) },
    ],
    { stateNames: ["x", "y"], extrapStart: 2 },
  );
  const traces = fig.data as unknown as Trace[];
  assert.equal(traces.length, 4);
  assert.deepEqual(traces[1].y, [10, 20, 30, 40]);
  assert.equal(traces[1].yaxis, "y2");
  assert.deepEqual(traces.map((d) => d.showlegend), [true, false, true, false]);
  const shapes = (fig.layout as { shapes: { x0: number; line: { dash: string } }[] }).shapes;
  assert.equal(shapes.length, 2);
  assert.ok(shapes.every((s) => s.x0 === 2 && s.line.dash === "dash"));
  assert.throws(() => trajectoryFigure([{ name: "bad", t, u: [1, 2, 3] }], { stateNames: ["x", "y"] }), /bad.*expected t\.length × 2/);
});

test("training curves: λ on a second axis and one slider step per plateau plus 'all'", () => {
  const lambda = [1, 1, 1, 0.5, 0.5, 0, 0];
  assert.deepEqual(plateausOf(lambda), [
    { start: 0, end: 2, lambda: 1 },
    { start: 3, end: 4, lambda: 0.5 },
    { start: 5, end: 6, lambda: 0 },
  ]);
  const fig = trainingCurvesFigure([
    { name: "homotopy", mse: [1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01], lambda, bestEpoch: 6 },
    { name: "vanilla", mse: [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4] },
  ]);
  const layout = fig.layout as { yaxis2: { overlaying: string }; sliders: { steps: { label: string; args: [{ "xaxis.range": number[] }] }[] }[] };
  assert.equal(layout.yaxis2.overlaying, "y");
  const steps = layout.sliders[0].steps;
  assert.deepEqual(steps.map((s) => s.label), ["all", "λ=1.000", "λ=0.500", "λ=0.000"]);
  assert.deepEqual(steps[2].args[0]["xaxis.range"], [2.5, 4.5]);
});

test("lyapunovFigure marks Λ = 0 and the threshold; splinePanelsFigure makes one panel per setting", () => {
  const fig = lyapunovFigure([{ name: "K = kI", k: [0, 1, 2], exponent: [0.9, -0.1, -1.1] }], { threshold: { k: 13.3, label: "A < 0" } });
  const shapes = (fig.layout as { shapes: { type: string; y0?: number; x0?: number }[] }).shapes;
  assert.ok(shapes.some((s) => s.type === "line" && s.y0 === 0));
  assert.ok(shapes.some((s) => s.type === "line" && s.x0 === 13.3));
  const panel = { title: "α = 0", data: { t: [0, 1], u: [1, 2, 3, 4] }, fit: { t: [0, 0.5, 1], u: [1, 2, 2, 3, 3, 4] } };
  const sp = splinePanelsFigure([panel, { ...panel, title: "α = 1" }], { dim: 2, stateNames: ["x", "y"] });
  const axes = (sp.data as unknown as Trace[]).map((d) => d.xaxis);
  assert.deepEqual([...new Set(axes)], ["x", "x2"]);
});
