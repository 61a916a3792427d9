/** The 3-D phase portrait and its rotation script. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { phasePortraitFigure, ROTATE_BUTTON } from "../../lib/view/plot/phase-portrait";
import { rotatingFigureHtml, showRotating } from "../../lib/view/plot/rotating-display";

type T = { type: string; mode: string; name: string; showlegend: boolean; x: number[]; y: number[]; z: number[]; line?: { dash: string }; opacity: number };

const t = [0, 1, 2, 3, 4];
const u = t.flatMap((v) => [v, 10 * v, 100 * v]);

test("phasePortraitFigure: training part solid, extrapolation dashed and continuous, markers faded", () => {
  const fig = phasePortraitFigure(
    [
      { name: "data", t, u, mode: "markers" },
      { name: "model", t, u },
    ],
    { stateNames: ["x", "y", "z"], extrapStart: 3 },
  );
  const traces = fig.data as unknown as T[];
  assert.deepEqual(traces.map((d) => d.type), ["scatter3d", "scatter3d", "scatter3d", "scatter3d"]);
  assert.deepEqual(traces.map((d) => d.showlegend), [true, false, true, false]);
  // markers: split without overlap; the later ones faded
  assert.deepEqual(traces[0].x, [0, 1, 2]);
  assert.deepEqual(traces[1].z, [300, 400]);
  assert.ok(traces[1].opacity < traces[0].opacity);
  // lines: the dashed part starts at the last training point
  assert.deepEqual(traces[2].y, [0, 10, 20]);
  assert.deepEqual(traces[3].x, [2, 3, 4]);
  assert.equal(traces[2].line?.dash, "solid");
  assert.equal(traces[3].line?.dash, "dash");
  const layout = fig.layout as { scene: { zaxis: { title: { text: string } } }; sliders: { steps: unknown[] }[]; updatemenus: { buttons: { name: string; method: string }[] }[] };
  assert.equal(layout.scene.zaxis.title.text, "z");
  assert.equal(layout.sliders[0].steps.length, 36);
  assert.deepEqual(layout.updatemenus[0].buttons.map((b) => [b.name, b.method]), [[ROTATE_BUTTON, "skip"]]);
});

test("phasePortraitFigure without an extrapolation start draws one trace per series; bad input is named", () => {
  const fig = phasePortraitFigure([{ name: "model", t, u }], { stateNames: ["x", "y", "z"], rotationSteps: 12 });
  assert.equal(fig.data.length, 1);
  assert.equal((fig.layout as { sliders: { steps: unknown[] }[] }).sliders[0].steps.length, 12);
  assert.throws(() => phasePortraitFigure([{ name: "m", t, u }], { stateNames: ["x", "y"] }), /expected 3 state names/);
  assert.throws(() => phasePortraitFigure([{ name: "short", t, u: u.slice(1) }], { stateNames: ["x", "y", "z"] }), /short.*expected t\.length × 3 = 15/);
});

test("rotatingFigureHtml binds the rotate button of its own figure; showRotating needs a kernel", () => {
  const fig = phasePortraitFigure([{ name: "model", t, u }], { stateNames: ["x", "y", "z"] });
  const html = rotatingFigureHtml(fig, { degreesPerStep: 3, turns: 2 }, "rot-1");
  assert.match(html, /<div id="rot-1"/);
  assert.match(html, /"id":"rot-1","step":3,"ms":60,"maxSteps":240,"auto":true,"button":"rotate"/);
  assert.equal(html.match(/<script/g)?.length, 2);
  assert.throws(() => showRotating(fig), /tslab kernel/);
});
