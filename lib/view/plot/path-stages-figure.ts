/**
 * Figure 1 per λ stage: a slider steps through the loss surfaces a run saw on the plane of its
 * PCA path (one per homotopy stage), as contour maps or rotatable 3-D surfaces, with the path up
 * to the best epoch drawn faintly and the stage's own epochs drawn bold.
 */
import type { Data, Layout } from "plotly.js-dist-min";
import { Figure, METHOD_COLORS, baseLayout } from "./figure";
import { sceneEye } from "./layout";
import type { PcaPath } from "../../paper/index";
import { gridValueAt, PathStageSurface } from "../../paper/index";

export interface PathStagesFigureOptions {
  /** "contour" (default) or 3-D "surface" with the path laid on it. */
  kind?: "contour" | "surface";
  /** Colours the path (default "homotopy"). */
  method?: string;
  title?: string;
  /** Colour (and, for surfaces, height) on log10 of the loss (default true). */
  logColor?: boolean;
  /** Index of the stage shown first (default: the stage holding the best epoch). */
  active?: number;
  height?: number;
}

/** Traces drawn per stage: surface, whole path, the stage's segment, start/best markers. */
export const TRACES_PER_STAGE = 4;

function lambdaText(lambda: number): string {
  return lambda === 0 ? "0" : lambda === 1 ? "1" : lambda.toPrecision(3);
}

/** The slider label of a stage. */
export function stageLabel(stage: PathStageSurface, bestEpoch: number): string {
  const epochs = stage.start > bestEpoch ? "after the best epoch" : `epochs ${stage.start}–${stage.end - 1}`;
  return `λ = ${lambdaText(stage.lambda)} (${epochs})`;
}

/** Fig. 1: the optimisation path on its principal plane over one loss surface per λ stage. */
export function pathStagesFigure(path: PcaPath, stages: PathStageSurface[], options: PathStagesFigureOptions = {}): Figure {
  if (stages.length === 0) throw new RangeError("path stages figure: need at least one stage");
  const kind = options.kind ?? "contour";
  if (kind !== "contour" && kind !== "surface") throw new RangeError(`path stages figure kind: expected "contour" or "surface", got "${kind}"`);
  const log = options.logColor ?? true;
  const tf = (v: number): number => (log ? Math.log10(Math.max(v, 1e-300)) : v);
  const color = METHOD_COLORS[options.method ?? "homotopy"] ?? "#2ca02c";
  const best = path.bestEpoch;
  const holding = stages.findIndex((s) => s.start <= best && best < s.end);
  const active = options.active ?? (holding >= 0 ? holding : stages.length - 1);
  if (!Number.isInteger(active) || active < 0 || active >= stages.length) throw new RangeError(`path stages figure active: expected a stage index in 0..${stages.length - 1}, got ${active}`);
  const zTitle = log ? "log₁₀ loss" : "loss";
  const data: Data[] = [];
  stages.forEach((stage, s) => {
    const g = stage.surface;
    const na = g.a.length;
    const nb = g.b.length;
    const z: number[][] = [];
    for (let j = 0; j < nb; j++) {
      const row: number[] = new Array(na);
      for (let i = 0; i < na; i++) row[i] = tf(g.clipped[i * nb + j]);
      z.push(row);
    }
    const visible = s === active;
    const segFrom = Math.min(stage.start, best);
    const segTo = Math.min(stage.end - 1, best);
    const segment = stage.start <= best ? Array.from({ length: segTo - segFrom + 1 }, (_, k) => segFrom + k) : [];
    const all = Array.from({ length: best + 1 }, (_, e) => e);
    const name = `surface, λ = ${lambdaText(stage.lambda)}`;
    if (kind === "contour") {
      data.push({
        type: "contour", x: Array.from(g.a), y: Array.from(g.b), z, visible, name,
        colorscale: "Greys", reversescale: true, ncontours: 30,
        colorbar: { title: { text: zTitle }, thickness: 10 },
        hovertemplate: "PC1 %{x:.3g}<br>PC2 %{y:.3g}<br>%{z:.3g}<extra></extra>",
      } as Data);
      const line = (idx: number[], width: number, opacity: number, label: string, showlegend: boolean): Data =>
        ({
          type: "scatter", mode: "lines+markers", visible, name: label, showlegend, opacity,
          x: idx.map((e) => path.x[e]), y: idx.map((e) => path.y[e]),
          line: { color, width }, marker: { color, size: width + 1 },
          text: idx.map((e) => `epoch ${e}`), hoverinfo: "text+x+y",
        }) as Data;
      data.push(line(all, 1.5, 0.6, "path to the best epoch", true));
      data.push(line(segment, 3, 1, "this stage's epochs", true));
      data.push({
        type: "scatter", mode: "markers", visible, name: "start / best", showlegend: true,
        x: [path.x[0], 0], y: [path.y[0], 0],
        marker: { symbol: ["circle", "star"], size: [10, 15], color: ["white", "gold"], line: { color: "black", width: 1 } },
      } as Data);
    } else {
      let zMin = Infinity;
      let zMax = -Infinity;
      for (const row of z) {
        for (const v of row) {
          if (!Number.isFinite(v)) continue;
          zMin = Math.min(zMin, v);
          zMax = Math.max(zMax, v);
        }
      }
      // Lift the path a little so the surface does not hide it.
      const lift = 0.01 * (zMax - zMin || 1);
      const zAt = (e: number) => tf(gridValueAt(g, path.x[e], path.y[e])) + lift;
      data.push({
        type: "surface", x: Array.from(g.a), y: Array.from(g.b), z, visible, name,
        colorscale: "Viridis", opacity: 0.9, colorbar: { title: { text: zTitle }, thickness: 10 },
        hovertemplate: "PC1 %{x:.3g}<br>PC2 %{y:.3g}<br>%{z:.3g}<extra></extra>",
      } as Data);
      const line = (idx: number[], width: number, opacity: number, label: string): Data =>
        ({
          type: "scatter3d", mode: "lines", visible, name: label, opacity,
          x: idx.map((e) => path.x[e]), y: idx.map((e) => path.y[e]), z: idx.map(zAt),
          line: { color, width }, text: idx.map((e) => `epoch ${e}`), hoverinfo: "text",
        }) as Data;
      data.push(line(all, 4, 0.7, "path to the best epoch"));
      data.push(line(segment, 7, 1, "this stage's epochs"));
      data.push({
        type: "scatter3d", mode: "markers", visible, name: "start / best",
        x: [path.x[0], 0], y: [path.y[0], 0], z: [zAt(0), zAt(best)],
        marker: { size: [5, 7], color: ["white", "gold"], line: { color: "black", width: 1 } },
      } as Data);
    }
  });
  const visibleFor = (s: number) => data.map((_, t) => Math.floor(t / TRACES_PER_STAGE) === s);
  const title = options.title ?? "Optimisation path on the loss surface of each λ stage";
  const ev = path.explainedVarianceRatio;
  const pc1 = `PC1 (${(100 * ev[0]).toFixed(1)} %)`;
  const pc2 = `PC2 (${(100 * ev[1]).toFixed(1)} %)`;
  const layout: Partial<Layout> = baseLayout({
    // The stage as a subtitle (not "<br><sub>"): plotly anchors a multi-line title by its first line, into the toolbar band.
    title: { text: title, subtitle: { text: stageLabel(stages[active], best) } },
    height: options.height ?? (kind === "surface" ? 760 : 540),
    margin: { l: 60, r: 30, t: 120, b: 40 },
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
    ...(kind === "contour"
      ? { xaxis: { title: { text: pc1 } }, yaxis: { title: { text: pc2 } } }
      : { scene: { xaxis: { title: { text: "PC1" } }, yaxis: { title: { text: "PC2" } }, zaxis: { title: { text: zTitle } }, aspectmode: "manual", aspectratio: { x: 1, y: 1, z: 0.7 }, camera: { eye: sceneEye(1.25, 1.25, 0.9) } } }),
  } as Partial<Layout>);
  if (stages.length > 1) {
    (layout as Record<string, unknown>).sliders = [
      {
        active,
        pad: { t: 40 },
        currentvalue: { prefix: "stage: " },
        steps: stages.map((stage, s) => ({
          label: `λ = ${lambdaText(stage.lambda)}`,
          method: "update",
          args: [{ visible: visibleFor(s) }, { "title.subtitle.text": stageLabel(stage, best) }],
        })),
      },
    ];
  }
  return { data, layout };
}
