/**
 * Shows a 3-D figure that turns its camera around the vertical axis: the figure's HTML plus a small
 * script bound to its "rotate" button (see phase-portrait.ts). Plotly cannot animate a 3-D camera
 * with frames, so the script steps it with Plotly.relayout.
 */
import type { Figure } from "./figure";
import { displayBundle, figureHtml, initPlotly } from "./display";
import { ROTATE_BUTTON } from "./phase-portrait";

export interface RotationOptions {
  /** Degrees per step (default 2). */
  degreesPerStep?: number;
  /** Milliseconds between steps (default 60). */
  stepMs?: number;
  /** Start turning as soon as the figure is drawn (default true); it stops after `turns` turns. */
  autoStart?: boolean;
  /** Turns before an automatic stop (default 1; the button restarts it). */
  turns?: number;
}

let rotatingCounter = 0;

/** The figure's HTML followed by the rotation script (pure; no kernel needed). */
export function rotatingFigureHtml(figure: Figure, options: RotationOptions = {}, id = `homotopy-rot-${Date.now().toString(36)}-${++rotatingCounter}`): string {
  const step = options.degreesPerStep ?? 2;
  const ms = options.stepMs ?? 60;
  const maxSteps = Math.max(1, Math.round((360 * (options.turns ?? 1)) / step));
  const settings = JSON.stringify({ id, step, ms, maxSteps, auto: options.autoStart ?? true, button: ROTATE_BUTTON });
  return (
    figureHtml(figure, id) +
    `\n<script type="text/javascript">(function (s) {\n` +
    `  var tries = 0, running = false, left = 0;\n` +
    `  function tick(el) {\n` +
    `    if (!running || left-- <= 0) { running = false; return; }\n` +
    `    var e = el._fullLayout.scene.camera.eye, r = Math.sqrt(e.x * e.x + e.y * e.y), a = Math.atan2(e.y, e.x) + s.step * Math.PI / 180;\n` +
    `    window.Plotly.relayout(el, { "scene.camera.eye": { x: r * Math.cos(a), y: r * Math.sin(a), z: e.z } })\n` +
    `      .then(function () { setTimeout(function () { tick(el); }, s.ms); }, function () { running = false; });\n` +
    `  }\n` +
    `  function start(el) { running = true; left = s.maxSteps; tick(el); }\n` +
    `  function bind() {\n` +
    `    var el = document.getElementById(s.id);\n` +
    `    if (!el || !el._fullLayout || !el._fullLayout.scene || typeof el.on !== "function") { if (tries++ < 200) setTimeout(bind, 50); return; }\n` +
    `    el.on("plotly_buttonclicked", function (ev) { if (ev && ev.button && ev.button.name === s.button) { if (running) running = false; else start(el); } });\n` +
    `    el.addEventListener("mousedown", function () { running = false; });\n` +
    `    if (s.auto) start(el);\n` +
    `  }\n` +
    `  bind();\n` +
    `})(${settings});</script>`
  );
}

/** Show a 3-D figure inline (like show()) with the rotation script attached. */
export function showRotating(figure: Figure, options: RotationOptions = {}): void {
  initPlotly();
  displayBundle({
    "application/vnd.plotly.v1+json": JSON.parse(JSON.stringify({ data: figure.data, layout: figure.layout }, (_k, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v))),
    "text/html": rotatingFigureHtml(figure, options),
    "text/plain": "<Plotly 3-D figure (rotating)>",
  });
}
