/** Figure builders and the display helpers that work without a kernel. */
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { formatNumber, tableHtml, show, showTable, figureHtml } from "../../lib/view/plot/display";
import { MODEBAR_PX } from "../../lib/view/plot/figure";
import { plateausOf, trainingCurvesFigure, trajectoryFigure } from "../../lib/view/plot/run-figures";
import { lyapunovFigure, splinePanel, splinePanelsFigure } from "../../lib/view/plot/paper-figures";
import { benchmarkTrainingCurves, benchmarkTrajectories } from "../../lib/view/plot/benchmark-figures";
import { LAMBDA_TICKS, MARGIN_RIGHT_SECOND_AXIS, SUBTITLE_MAX_CHARS, TITLE_MAX_CHARS, titleLayout, wrapText } from "../../lib/view/plot/layout";
import { fitTrainingSpline } from "../../lib/paper/analysis/spline-fit";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import type { RunResult } from "../../lib/paper/experiments/runner";

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

type LambdaAxis = { side: string; range: number[]; tickmode: string; tickvals: number[]; ticktext: string[] };
type TitledLayout = { title: { text: string; subtitle?: { text: string } }; margin: { t: number; r: number } };

/** A λ history like the double pendulum's: many plateaus at uneven values (0.081, 0.256, …). */
const manyPlateaus = [1, 0.741, 0.549, 0.407, 0.301, 0.256, 0.223, 0.165, 0.122, 0.09, 0.081, 0.067, 0.05, 0.037, 0.02, 0].flatMap((l) => [l, l, l]);

function fakeRun(method: string, lambda: number[]): RunResult {
  const mse = lambda.map((_, e) => 1 / (e + 1));
  return { config: { method, seed: 10 }, history: { mse, loss: mse, lambda } } as unknown as RunResult;
}

test("training curves: the λ axis has the ticks 0, 0.25, …, 1 (not the plateau values) and room on the right", () => {
  assert.deepEqual([...LAMBDA_TICKS], [0, 0.25, 0.5, 0.75, 1]);
  const shared = trainingCurvesFigure([{ name: "homotopy", mse: manyPlateaus.map((_, e) => 1 / (e + 1)), lambda: manyPlateaus }]);
  const bench = benchmarkTrainingCurves([fakeRun("vanilla", manyPlateaus.map(() => 0)), fakeRun("homotopy", manyPlateaus)], "DP black-box: training curves (seed 10)");
  for (const fig of [shared, bench]) {
    const layout = fig.layout as unknown as { yaxis2: LambdaAxis; margin: { r: number } };
    assert.equal(layout.yaxis2.side, "right");
    assert.equal(layout.yaxis2.tickmode, "array");
    assert.deepEqual(layout.yaxis2.tickvals, [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(layout.yaxis2.ticktext, ["0", "0.25", "0.5", "0.75", "1"]);
    assert.deepEqual(layout.yaxis2.range, [0, 1.05]);
    // Tick labels up to "0.75" (~30 px at 13 px) plus the axis title λ need more than the 20 px default.
    assert.equal(layout.margin.r, MARGIN_RIGHT_SECOND_AXIS);
    assert.ok(MARGIN_RIGHT_SECOND_AXIS >= 60);
  }
  // Without a λ curve there is no right axis and the usual margin.
  const plain = benchmarkTrainingCurves([fakeRun("vanilla", [0, 0, 0])], "LV black-box: training curves (seed 10)");
  const pl = plain.layout as unknown as { yaxis2?: unknown; margin: { r: number } };
  assert.equal(pl.yaxis2, undefined);
  assert.ok(pl.margin.r < MARGIN_RIGHT_SECOND_AXIS);
});

test("titles: at most TITLE_MAX_CHARS on the title line, the rest (split at a clause) in the subtitle", () => {
  // 99 characters: the kind of title that was cut off at 800 px.
  const long = "DP second-order: predictions of the best parameters (seed 10); dashed line = start of extrapolation";
  assert.equal(long.length, 99);
  const { fields, top } = titleLayout(long);
  const title = fields.title as TitledLayout["title"];
  assert.ok(title.text.length <= TITLE_MAX_CHARS, `title line has ${title.text.length} characters`);
  const sub = title.subtitle?.text ?? "";
  assert.ok(sub.split("<br>").every((l) => l.length <= SUBTITLE_MAX_CHARS));
  assert.equal(title.text, "DP second-order: predictions of the best parameters (seed 10)");
  assert.equal(sub, "dashed line = start of extrapolation");
  // Without a clause break within the cap the title breaks at a space and nothing is lost.
  const words = "word ".repeat(30).trim();
  const w = titleLayout(words, "details").fields.title as TitledLayout["title"];
  assert.ok(w.text.length <= TITLE_MAX_CHARS);
  assert.equal(`${w.text} ${w.subtitle?.text}`, `${words} — details`);
  assert.equal(top, MODEBAR_PX + 8 + 24 + 18 + 16); // toolbar band, title, one subtitle line
  assert.deepEqual(wrapText("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
  assert.deepEqual(wrapText("abcdefghij", 6), ["abcde…"]);

  const t = [0, 1, 2, 3];
  const u = [1, 10, 2, 20, 3, 30, 4, 40];
  const ds = { dim: 2, stateNames: ["x", "y"], train: { t: [0, 1], u: u.slice(0, 4) }, extrap: { t: [2, 3], u: u.slice(4) }, u0: Float64Array.from([1, 10]), source: "test" };
  const figs = [
    trajectoryFigure([{ name: "data", t, u }], { stateNames: ["x", "y"], title: long }),
    benchmarkTrajectories(ds as never, [], "DP second-order: predictions (seed 10)", "best parameters of each method; dashed line = start of extrapolation"),
  ];
  for (const fig of figs) {
    const layout = fig.layout as unknown as TitledLayout;
    assert.ok(layout.title.text.length <= TITLE_MAX_CHARS);
    assert.ok((layout.title.subtitle?.text ?? "").length > 0);
    assert.ok(layout.margin.t >= top, `top margin ${layout.margin.t} px holds title and subtitle`);
  }
});

test("fitTrainingSpline (lib/paper) smooths the training window; splinePanel only packages the result", () => {
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 2.05, dt: 0.1, noise: { kind: "none" } });
  const exact = fitTrainingSpline(ds, 0);
  assert.equal(exact.fit.t.length, 201); // 0, 0.01, …, 2.0 with the last sample time
  assert.ok(exact.fit.t instanceof Float64Array && exact.fit.u instanceof Float64Array);
  // α = 0 interpolates: at the sample times the fit equals the data.
  for (let i = 0; i < ds.train.t.length; i++) {
    const k = Math.round(ds.train.t[i] / 0.01);
    for (let c = 0; c < ds.dim; c++) assert.ok(Math.abs(exact.fit.u[k * ds.dim + c] - ds.train.u[i * ds.dim + c]) < 1e-9);
  }
  const smooth = fitTrainingSpline(ds, 10);
  const dev = (f: typeof smooth) => Math.max(...Array.from(ds.train.t, (ti, i) => Math.abs(f.fit.u[Math.round(ti / 0.01) * ds.dim] - ds.train.u[i * ds.dim])));
  assert.ok(dev(smooth) > dev(exact) + 1e-6, "a large α pulls the curve away from the samples");
  const panel = splinePanel("α = 0", exact);
  assert.equal(panel.fit.u, exact.fit.u);
  assert.equal(panel.truth, undefined);
});
