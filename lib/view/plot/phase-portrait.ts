/**
 * A 3-D phase portrait (Plotly scatter3d) of three-component trajectories, e.g. Lorenz: the
 * training window solid, the extrapolation window dashed, a slider that sets the viewing angle and a
 * "rotate" button (driven by lib/view/plot/rotating-display.ts) that turns the camera continuously.
 */
import type { Figure } from "./figure";
import { baseLayout, stateLabel } from "./figure";
import { SCENE_EYE_DISTANCE, column, seriesColor } from "./layout";
import { TrajectorySeries } from "./run-figures";

/** Name of the updatemenu button that starts and stops the rotation. */
export const ROTATE_BUTTON = "rotate";

export interface PhasePortraitOptions {
  /** Axis titles (three state names). */
  stateNames: readonly string[];
  /** Time where extrapolation begins: later points are drawn dashed (lines) or faded (markers). */
  extrapStart?: number;
  title?: string;
  height?: number;
  /** Camera positions in one turn (default 36, i.e. every 10°). */
  rotationSteps?: number;
  /** Camera elevation above the x–y plane, in degrees (default 25). */
  elevation?: number;
}

/** Camera eye on a circle around the vertical axis at this azimuth (degrees). */
function eye(azimuthDeg: number, elevationDeg: number, distance = SCENE_EYE_DISTANCE): { x: number; y: number; z: number } {
  const a = (azimuthDeg * Math.PI) / 180;
  const e = (elevationDeg * Math.PI) / 180;
  const r = distance * Math.cos(e);
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { x: round(r * Math.cos(a)), y: round(r * Math.sin(a)), z: round(distance * Math.sin(e)) };
}

/** A 3-D phase portrait of trajectories (e.g. Lorenz), with a button that rotates the camera. */
export function phasePortraitFigure(series: TrajectorySeries[], options: PhasePortraitOptions): Figure {
  if (options.stateNames.length !== 3) {
    throw new RangeError(`phasePortraitFigure stateNames: expected 3 state names (x, y, z), got ${options.stateNames.length}`);
  }
  const data: Record<string, unknown>[] = [];
  series.forEach((s, si) => {
    if (s.u.length !== s.t.length * 3) {
      throw new RangeError(`phasePortraitFigure series "${s.name}": u has ${s.u.length} values, expected t.length × 3 = ${s.t.length * 3}`);
    }
    const color = s.color ?? seriesColor(si);
    const t = Array.from(s.t);
    const cols = [0, 1, 2].map((c) => column(s.u, 3, c));
    // Split at the extrapolation start; the dashed part starts at the last training point so the line is continuous.
    const split = options.extrapStart === undefined ? t.length : t.findIndex((v) => v >= options.extrapStart!);
    const cut = split < 0 ? t.length : split;
    const markers = (s.mode ?? "lines") === "markers";
    const parts = [
      { from: 0, to: cut, extrap: false },
      { from: markers ? cut : Math.max(0, cut - 1), to: t.length, extrap: true },
    ].filter((p) => p.to - p.from >= (markers ? 1 : 2));
    parts.forEach((p, pi) => {
      data.push({
        type: "scatter3d",
        mode: markers ? "markers" : "lines",
        name: s.name,
        legendgroup: s.name,
        showlegend: pi === 0,
        x: cols[0].slice(p.from, p.to),
        y: cols[1].slice(p.from, p.to),
        z: cols[2].slice(p.from, p.to),
        text: t.slice(p.from, p.to).map((v) => `t = ${v.toFixed(2)}${p.extrap ? " (extrapolation)" : ""}`),
        hoverinfo: "text+name",
        opacity: p.extrap && markers ? 0.35 : (s.opacity ?? 1),
        line: markers ? undefined : { color, width: s.width ?? 4, dash: p.extrap ? "dash" : "solid" },
        marker: markers ? { color, size: s.markerSize ?? 3 } : undefined,
      });
    });
  });
  const steps = options.rotationSteps ?? 36;
  const elevation = options.elevation ?? 25;
  const angles = Array.from({ length: steps + 1 }, (_, i) => (360 * i) / steps - 135);
  const cameraAt = (deg: number) => ({ "scene.camera.eye": eye(deg, elevation), "scene.camera.up": { x: 0, y: 0, z: 1 } });
  const height = options.height ?? 780;
  const layout: Record<string, unknown> = {
    ...(options.title ? { title: { text: options.title, x: 0.02, xanchor: "left" } } : {}),
    height,
    margin: { l: 10, r: 10, t: 60, b: 150 },
    legend: { orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom" },
    scene: {
      xaxis: { title: { text: stateLabel(options.stateNames[0]) } },
      yaxis: { title: { text: stateLabel(options.stateNames[1]) } },
      zaxis: { title: { text: stateLabel(options.stateNames[2]) } },
      aspectmode: "cube",
      camera: { eye: eye(angles[0], elevation), up: { x: 0, y: 0, z: 1 } },
    },
    // A "rotate" button: it does nothing by itself (method "skip"); showRotating() adds the script
    // that turns the camera while it is on. Front ends without that script still get the slider.
    updatemenus: [
      {
        type: "buttons",
        showactive: false,
        x: 0,
        xanchor: "left",
        y: 1,
        yanchor: "top",
        buttons: [{ name: ROTATE_BUTTON, label: "⟳ rotate / stop", method: "skip", args: [] }],
      },
    ],
    sliders: [
      {
        active: 0,
        x: 0.1,
        len: 0.9,
        y: 0,
        yanchor: "top",
        pad: { t: 0, b: 10 },
        currentvalue: { prefix: "view azimuth: ", suffix: "°", font: { size: 12 } },
        steps: angles.slice(0, steps).map((a) => ({ label: String(Math.round(((a % 360) + 360) % 360)), method: "relayout", args: [cameraAt(a)] })),
      },
    ],
  };
  return { data: data as unknown as Figure["data"], layout: baseLayout(layout as Figure["layout"]) };
}
