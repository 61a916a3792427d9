/** Shared figure conventions: titles below plotly's toolbar, Unicode state labels, 3-D cameras far enough out. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { MODEBAR_PX, baseLayout, stateLabel } from "../../lib/view/plot/figure";
import { MAX_LOG_TICKS, SCENE_EYE_DISTANCE, axisScale, sceneEye } from "../../lib/view/plot/layout";
import { trajectoryFigure } from "../../lib/view/plot/run-figures";
import { lineFigure, panelsFigure } from "../../lib/view/plot/panels";
import { hessianLandscapeFigure, spectralDensityFigure } from "../../lib/view/plot/analysis-figures";
import { phasePortraitFigure } from "../../lib/view/plot/phase-portrait";
import { fitPhaseFigure } from "../../lib/view/plot/fit-figures";
import { clipLosses, linspace } from "../../lib/paper/analysis/landscape";

type Title = { text: string; y?: number; yref?: string; yanchor?: string; pad?: { t?: number }; subtitle?: { text: string } };
type Laid = { title?: Title; margin: { t: number } };

function grid() {
  const a = linspace(-1, 1, 3);
  const b = linspace(-1, 1, 3);
  const loss = Float64Array.from({ length: 9 }, (_, i) => 1 + i * i);
  return { a, b, loss, clipped: clipLosses(loss, 4000), clip: 4000, failures: 0, center: loss[4] };
}

test("titles sit below the toolbar band, and the top margin holds the band, the title lines and what is above the plot", () => {
  const plain = baseLayout({ title: { text: "A long title that would run under the toolbar icons on the right" } }) as unknown as Laid;
  assert.equal(plain.title?.yref, "container");
  assert.equal(plain.title?.y, 1);
  assert.equal(plain.title?.yanchor, "top");
  assert.ok((plain.title?.pad?.t ?? 0) >= MODEBAR_PX);
  assert.ok(plain.margin.t >= MODEBAR_PX + 24, `margin ${plain.margin.t}`);
  // A string title too; two title lines need more room than one.
  const two = baseLayout({ title: "first<br>second" } as never) as unknown as Laid;
  assert.equal(two.title?.text, "first<br>second");
  assert.ok(two.margin.t >= MODEBAR_PX + 48);
  // Subplot titles just above the plot area push the plot down further.
  const sub = baseLayout({ title: { text: "t" }, annotations: [{ text: "panel", xref: "paper", yref: "paper", x: 0.5, y: 1.02 }] } as never) as unknown as Laid;
  assert.ok(sub.margin.t >= plain.margin.t + 20);
  // A larger margin asked for is kept; a title placed in paper coordinates is left alone.
  assert.equal((baseLayout({ title: { text: "t" }, margin: { t: 200 } }) as unknown as Laid).margin.t, 200);
  const paper = baseLayout({ title: { text: "t", yref: "paper", y: 1.1 } } as never) as unknown as Laid;
  assert.equal(paper.title?.y, 1.1);
  // No title: nothing to make room for.
  assert.equal((baseLayout({}) as unknown as Laid).margin.t, 50);

  const figures = [
    lineFigure([{ name: "a", x: [0, 1], y: [1, 2] }], { title: "Lanczos: relative change of the top Ritz values of T_m against the final ones" }),
    panelsFigure([{ title: "p", series: [{ name: "a", x: [0, 1], y: [1, 2] }] }], { title: "Curvature of the loss at initialisation" }),
    hessianLandscapeFigure([{ title: "k = 0", grid: grid() }], { kind: "surface", title: "Loss on the top-2 Hessian eigenvector plane (3-D, rotatable)" }),
    spectralDensityFigure([{ label: "s", grid: [0, 1], density: [0.5, 0.5] }], { title: "Hessian eigenvalue density against coupling strength (t_end 9.1, λ = 1)" }),
    phasePortraitFigure([{ name: "a", t: [0, 1], u: [1, 2, 3, 4, 5, 6] }], { stateNames: ["x", "y", "z"], title: "Lorenz: best-epoch rollouts in phase space (seed 10, quick profile)" }),
  ];
  for (const f of figures) {
    const l = f.layout as unknown as Laid;
    assert.ok((l.title?.pad?.t ?? 0) >= MODEBAR_PX, `"${l.title?.text}" is below the toolbar`);
    assert.ok(l.margin.t >= MODEBAR_PX + 24, `"${l.title?.text}": top margin ${l.margin.t}`);
  }
});

test("state names are labelled in Unicode everywhere: theta1 → θ1, omega2 → ω2", () => {
  assert.equal(stateLabel("theta1"), "θ1");
  assert.equal(stateLabel("omega2"), "ω2");
  assert.equal(stateLabel("phi"), "φ");
  assert.equal(stateLabel("θ1"), "θ1");
  assert.equal(stateLabel("x"), "x");
  assert.equal(stateLabel("thetas"), "thetas", "only whole Greek names");
  const names = ["theta1", "theta2", "omega1", "omega2"];
  const u = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const traj = JSON.stringify(trajectoryFigure([{ name: "data", t: [0, 1], u }], { stateNames: names }).layout);
  const phase = JSON.stringify(fitPhaseFigure([{ id: "a", t: [0, 1], data: u, trainPoints: 2 } as never], names).layout);
  for (const text of [traj, phase]) {
    assert.doesNotMatch(text, /theta|omega/);
    assert.match(text, /θ1/);
  }
});

test("3-D cameras sit far enough out for the labels to fit", () => {
  const e = sceneEye(1.25, 1.25, 0.9);
  assert.ok(Math.abs(Math.hypot(e.x, e.y, e.z) - SCENE_EYE_DISTANCE) < 1e-3);
  assert.ok(SCENE_EYE_DISTANCE > Math.hypot(1.25, 1.25, 1.25), "further out than plotly's default");
  const fig = phasePortraitFigure([{ name: "a", t: [0, 1], u: [1, 2, 3, 4, 5, 6] }], { stateNames: ["x", "y", "z"] });
  const eye = (fig.layout as unknown as { scene: { camera: { eye: { x: number; y: number; z: number } } } }).scene.camera.eye;
  assert.ok(Math.abs(Math.hypot(eye.x, eye.y, eye.z) - SCENE_EYE_DISTANCE) < 1e-3);
});

test("log axes skip decades when the values span more than MAX_LOG_TICKS of them", () => {
  assert.equal(axisScale(true).dtick, 1);
  assert.equal(axisScale(true, [1, 1e5]).dtick, 1);
  assert.equal(axisScale(true, [1e-17, 1]).dtick, 3, "17 decades, padded by 5 %: 18.7 / MAX_LOG_TICKS rounded up");
  assert.equal(MAX_LOG_TICKS, 8);
  assert.deepEqual(axisScale(false, [1, 1e20]), { type: "linear" });
  const fig = lineFigure([{ name: "a", x: [1, 2, 3], y: [1, 1e-8, 1e-16] }], { logY: true });
  assert.equal((fig.layout.yaxis as { dtick: number }).dtick, 3, "16 decades (padded a little): every third");
});
