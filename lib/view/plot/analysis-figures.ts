/**
 * Figures of the loss-landscape analysis: 2-D landscapes as contour maps or 3-D surfaces
 * (Figure 2, top), Hessian spectral densities (Figure 2, bottom), the PCA-projected optimisation
 * path over its loss surface (Figure 1) and the Hessian trace during training (Figure 5, right).
 */
import { Data, Layout } from "plotly.js-dist-min";
import { Figure, METHOD_COLORS, METHOD_LABELS, baseLayout } from "./figure";
import type { LandscapeGrid } from "../../paper/analysis/landscape";
import type { PcaPath } from "../../paper/analysis/pca-path";
import type { TracePoint } from "../../paper/analysis/trace-tracking";

/** z[row j][column i] = clipped loss at (a_i, b_j): plotly's orientation (x across, y up). */
function zMatrix(grid: LandscapeGrid): number[][] {
  const na = grid.a.length;
  const nb = grid.b.length;
  const z: number[][] = [];
  for (let j = 0; j < nb; j++) {
    const row: number[] = new Array(na);
    for (let i = 0; i < na; i++) row[i] = grid.clipped[i * nb + j];
    z.push(row);
  }
  return z;
}

export interface LandscapePanel {
  title: string;
  grid: LandscapeGrid;
}

export interface LandscapeFigureOptions {
  /** "contour" (default) or 3-D "surface". */
  kind?: "contour" | "surface";
  title?: string;
  /** Panels per row (default min(panels, 4)). */
  columns?: number;
  /** Axis labels of the two directions (default "d₁ (top eigenvector)", "d₂"). */
  xLabel?: string;
  yLabel?: string;
  /** Colour on log10(loss) (default false: linear, as the paper). */
  logColor?: boolean;
}

function colourValues(z: number[][], log: boolean): number[][] {
  return log ? z.map((row) => row.map((v) => Math.log10(Math.max(v, 1e-300)))) : z;
}

/**
 * One or more landscapes side by side (Figure 2's rows: one panel per data length or k), each
 * with its own colour scale; the loss is the clipped one.
 */
export function hessianLandscapeFigure(panels: LandscapePanel[], options: LandscapeFigureOptions = {}): Figure {
  if (panels.length === 0) throw new RangeError("landscape figure: need at least one panel");
  const kind = options.kind ?? "contour";
  const columns = Math.max(1, Math.min(options.columns ?? Math.min(panels.length, 4), panels.length));
  const rows = Math.ceil(panels.length / columns);
  const xLabel = options.xLabel ?? (kind === "surface" ? "d₁" : "d₁ (top eigenvector)");
  const yLabel = options.yLabel ?? (kind === "surface" ? "d₂" : "d₂ (second eigenvector)");
  const data: Data[] = [];
  const layout: Record<string, unknown> = {};
  // Contour panels carry a colour bar at their right edge and axis titles below: leave room for both.
  const gap = kind === "contour" ? 0.13 : 0.06;
  const rowGap = kind === "contour" ? 0.2 : 0.12;
  const cellW = (1 - gap * (columns - 1)) / columns;
  const cellH = (1 - rowGap * (rows - 1)) / rows;
  const annotations: Partial<Layout>["annotations"] = [];
  panels.forEach((panel, p) => {
    const col = p % columns;
    const row = Math.floor(p / columns);
    const x0 = col * (cellW + gap);
    const y1 = 1 - row * (cellH + rowGap);
    const suffix = p === 0 ? "" : String(p + 1);
    const z = zMatrix(panel.grid);
    const colorbar = { len: cellH * 0.9, y: y1 - cellH / 2, x: x0 + cellW + 0.005, thickness: 10, title: { text: options.logColor ? "log₁₀ loss" : "loss" } };
    if (kind === "surface") {
      data.push({
        type: "surface",
        x: Array.from(panel.grid.a),
        y: Array.from(panel.grid.b),
        z,
        surfacecolor: colourValues(z, Boolean(options.logColor)),
        colorscale: "Viridis",
        colorbar,
        scene: `scene${suffix}`,
        name: panel.title,
      } as Data);
      layout[`scene${suffix}`] = {
        domain: { x: [x0, x0 + cellW], y: [y1 - cellH, y1] },
        xaxis: { title: { text: xLabel } },
        yaxis: { title: { text: yLabel } },
        zaxis: { title: { text: "loss" } },
        aspectmode: "cube",
      };
    } else {
      data.push({
        type: "contour",
        x: Array.from(panel.grid.a),
        y: Array.from(panel.grid.b),
        z: colourValues(z, Boolean(options.logColor)),
        colorscale: "Viridis",
        ncontours: 25,
        colorbar,
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        name: panel.title,
      } as Data);
      data.push({
        type: "scatter",
        mode: "markers",
        x: [0],
        y: [0],
        marker: { symbol: "x", color: "white", size: 9 },
        showlegend: false,
        hoverinfo: "skip",
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
      } as Data);
      layout[`xaxis${suffix}`] = { domain: [x0, x0 + cellW], anchor: `y${suffix}`, title: { text: xLabel } };
      layout[`yaxis${suffix}`] = { domain: [y1 - cellH, y1], anchor: `x${suffix}`, title: { text: col === 0 ? yLabel : "" } };
    }
    annotations.push({
      text: panel.title,
      showarrow: false,
      xref: "paper",
      yref: "paper",
      x: x0 + cellW / 2,
      y: y1 + 0.02,
      xanchor: "center",
      yanchor: "bottom",
      font: { size: 13 },
    });
  });
  return {
    data,
    layout: baseLayout({
      ...(layout as Partial<Layout>),
      title: { text: options.title ?? `Loss landscape${panels.length > 1 ? "s" : ""} (clipped at ${panels[0].grid.clip})` },
      annotations,
      showlegend: false,
      height: rows * (kind === "surface" ? 460 : 380) + 100,
      margin: { l: 60, r: 40, t: 80, b: 50 },
    }),
  };
}

export interface DensitySeries {
  label: string;
  grid: ArrayLike<number>;
  /** Normalised density (not its log): plotted as density + floor on a log axis, as PyHessian. */
  density: ArrayLike<number>;
  color?: string;
}

/** Hessian eigenvalue densities (Figure 2, bottom): density + 1e-7 on a log axis against λ. */
export function spectralDensityFigure(series: DensitySeries[], options: { title?: string; floor?: number } = {}): Figure {
  const floor = options.floor ?? 1e-7;
  const data: Data[] = series.map(
    (s) =>
      ({
        type: "scatter",
        mode: "lines",
        name: s.label,
        x: Array.from(s.grid),
        y: Array.from(s.density, (d) => d + floor),
        line: { width: 1.5, color: s.color },
      }) as Data,
  );
  return {
    data,
    layout: baseLayout({
      title: { text: options.title ?? "Hessian eigenvalue density (stochastic Lanczos quadrature)" },
      xaxis: { title: { text: "eigenvalue" } },
      yaxis: { title: { text: "density (log scale)" }, type: "log", exponentformat: "power" },
    }),
  };
}

export interface PathPanel {
  title: string;
  surface: LandscapeGrid;
  path: PcaPath;
  /** Colours the path (default "homotopy"). */
  method?: string;
}

/**
 * Figure 1: the loss surface on the PCA plane with the projected optimisation path from the
 * first epoch (circle) to the best one (star, at the origin); one panel per method.
 */
export function pcaPathFigure(panels: PathPanel[], options: { title?: string; logColor?: boolean } = {}): Figure {
  if (panels.length === 0) throw new RangeError("PCA path figure: need at least one panel");
  const gap = 0.08;
  const w = (1 - gap * (panels.length - 1)) / panels.length;
  const data: Data[] = [];
  const layout: Record<string, unknown> = {};
  const annotations: Partial<Layout>["annotations"] = [];
  panels.forEach((panel, p) => {
    const suffix = p === 0 ? "" : String(p + 1);
    const x0 = p * (w + gap);
    const method = panel.method ?? "homotopy";
    const color = METHOD_COLORS[method] ?? "#d62728";
    const { path, surface } = panel;
    const ev = path.explainedVarianceRatio;
    data.push({
      type: "contour",
      x: Array.from(surface.a),
      y: Array.from(surface.b),
      z: colourValues(zMatrix(surface), options.logColor ?? true),
      colorscale: "Greys",
      reversescale: true,
      ncontours: 30,
      showscale: p === panels.length - 1,
      colorbar: { title: { text: options.logColor === false ? "loss" : "log₁₀ loss" }, thickness: 10 },
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
      name: "loss",
      hovertemplate: "x %{x:.3g}<br>y %{y:.3g}<br>%{z:.3g}<extra></extra>",
    } as Data);
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: METHOD_LABELS[method] ?? method,
      x: Array.from(path.x),
      y: Array.from(path.y),
      line: { color, width: 2 },
      marker: { color, size: 3 },
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
    } as Data);
    data.push({
      type: "scatter",
      mode: "markers",
      name: "start / best",
      showlegend: p === 0,
      x: [path.x[0], 0],
      y: [path.y[0], 0],
      marker: { symbol: ["circle", "star"], size: [10, 14], color: ["white", "gold"], line: { color: "black", width: 1 } },
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
    } as Data);
    layout[`xaxis${suffix}`] = { domain: [x0, x0 + w], anchor: `y${suffix}`, title: { text: `PC1 (${(100 * ev[0]).toFixed(1)}%)` } };
    layout[`yaxis${suffix}`] = { anchor: `x${suffix}`, title: { text: `PC2 (${(100 * ev[1]).toFixed(1)}%)` } };
    annotations.push({ text: panel.title, showarrow: false, xref: "paper", yref: "paper", x: x0 + w / 2, y: 1.02, xanchor: "center", yanchor: "bottom" });
  });
  return {
    data,
    layout: baseLayout({
      ...(layout as Partial<Layout>),
      title: { text: options.title ?? "Optimisation path on its two principal directions (Fig. 1)" },
      annotations,
      height: 460,
      margin: { l: 60, r: 30, t: 80, b: 80 },
    }),
  };
}

/** One method's Hessian trace along training, for `traceFigure`. */
export interface TraceSeries {
  /** Method name (colour and label), e.g. "homotopy". */
  method: string;
  points: TracePoint[];
  label?: string;
}

/** Figure 5 (right): Hessian trace against epoch, one line per method, ± one standard error. A log axis unless some trace is ≤ 0 (the Hessian can be indefinite). */
export function traceFigure(series: TraceSeries[], options: { title?: string; logY?: boolean } = {}): Figure {
  const positive = series.every((s) => s.points.every((p) => !Number.isFinite(p.trace) || p.trace > 0));
  const logY = options.logY ?? positive;
  const data: Data[] = series.map((s) => {
    const pts = s.points.filter((p) => Number.isFinite(p.trace));
    return {
      type: "scatter",
      mode: "lines+markers",
      name: s.label ?? METHOD_LABELS[s.method] ?? s.method,
      x: pts.map((p) => p.epoch),
      y: pts.map((p) => p.trace),
      error_y: { type: "data", array: pts.map((p) => (Number.isFinite(p.standardError) ? p.standardError : 0)), visible: true, thickness: 1 },
      line: { color: METHOD_COLORS[s.method] },
      marker: { color: METHOD_COLORS[s.method], size: 5 },
    } as Data;
  });
  return {
    data,
    layout: baseLayout({
      title: { text: options.title ?? "Hessian trace during training (Hutchinson)" },
      xaxis: { title: { text: "epoch" } },
      yaxis: { title: { text: "trace of the Hessian" }, type: logY ? "log" : "linear", exponentformat: "power" },
    }),
  };
}
