/**
 * Figures of the loss-landscape analysis: 2-D landscapes as contour maps or 3-D surfaces
 * (Figure 2, top), Hessian spectral densities (Figure 2, bottom), the PCA-projected optimisation
 * path over its loss surface (Figure 1) and the Hessian trace during training (Figure 5, right).
 */
import { Data, Layout } from "plotly.js-dist-min";
import { Figure, METHOD_COLORS, METHOD_LABELS, baseLayout } from "./figure";
import type { LandscapeGrid, PcaPath, TracePoint } from "../../paper/index";
import { logColorbarTicks, sharedLogRange, symlog, symlogTicks } from "./scales";
import { bottomLegend, legendExtraPx } from "./layout";

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
  /** Axis labels of the two directions (default "d₁ (top eigenvector)", "d₂ (second eigenvector)"). */
  xLabel?: string;
  yLabel?: string;
  /** Colour (and a surface's height axis) on log10(loss) (default true: a sweep spans decades). */
  logColor?: boolean;
  /**
   * One colour range (and one colour bar) for all panels (default true), so panels of a sweep can
   * be compared by colour; false gives each panel its own range and bar.
   */
  sharedScale?: boolean;
  height?: number;
}

/**
 * Default 3-D camera: further out than plotly's eye (1.25, 1.25, 1.25), and looking at a point
 * shifted along the screen's left, which moves the box right. Plotly draws 3-D tick labels and
 * axis titles inside the scene's own canvas, and the z-axis title sits far left of the box.
 */
export const LANDSCAPE_CAMERA = { eye: { x: 2.1, y: 1.95, z: 1.35 }, center: { x: 0.08, y: -0.08, z: -0.05 } };

function colourValues(z: number[][], log: boolean): number[][] {
  return log ? z.map((row) => row.map((v) => Math.log10(Math.max(v, 1e-300)))) : z;
}

function linearRange(grids: readonly LandscapeGrid[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const g of grids) for (const v of g.clipped) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!Number.isFinite(lo)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - 0.5, hi + 0.5];
}

/**
 * One or more landscapes side by side (Figure 2's rows: one panel per data length or k), the loss
 * clipped. By default all panels share one log colour range and one colour bar, so that a sweep's
 * growth in steepness shows as colour, not only in the tick labels of per-panel bars.
 */
export function hessianLandscapeFigure(panels: LandscapePanel[], options: LandscapeFigureOptions = {}): Figure {
  if (panels.length === 0) throw new RangeError("landscape figure: need at least one panel");
  const kind = options.kind ?? "contour";
  const log = options.logColor ?? true;
  const shared = options.sharedScale ?? true;
  const columns = Math.max(1, Math.min(options.columns ?? Math.min(panels.length, 4), panels.length));
  const rows = Math.ceil(panels.length / columns);
  const xLabel = options.xLabel ?? (kind === "surface" ? "d₁" : "d₁ (top eigenvector)");
  const yLabel = options.yLabel ?? (kind === "surface" ? "d₂" : "d₂ (second eigenvector)");
  const rangeOf = (grids: LandscapeGrid[]): [number, number] => (log ? (sharedLogRange(grids.map((g) => g.clipped)) ?? [0, 1]) : linearRange(grids));
  const sharedRange = rangeOf(panels.map((p) => p.grid));
  const data: Data[] = [];
  const layout: Record<string, unknown> = {};
  // Per-panel colour bars sit at each panel's right edge and need a wide gap; one shared bar sits at the figure's right.
  const gap = kind === "contour" ? (shared ? 0.09 : 0.13) : 0.04;
  const rowGap = kind === "contour" ? 0.2 : 0.1;
  const right = shared ? 0.88 : 1;
  const cellW = (right - gap * (columns - 1)) / columns;
  const cellH = (1 - rowGap * (rows - 1)) / rows;
  const annotations: Partial<Layout>["annotations"] = [];
  const barTitle = log ? "loss (log scale)" : "loss";
  panels.forEach((panel, p) => {
    const col = p % columns;
    const row = Math.floor(p / columns);
    const x0 = col * (cellW + gap);
    const y1 = 1 - row * (cellH + rowGap);
    const suffix = p === 0 ? "" : String(p + 1);
    const z = zMatrix(panel.grid);
    const [lo, hi] = shared ? sharedRange : rangeOf([panel.grid]);
    const ticks = log ? logColorbarTicks([lo, hi]) : {};
    const colorbar = shared
      ? { len: 0.9, y: 0.5, yanchor: "middle", x: 0.91, thickness: 14, title: { text: barTitle }, ...ticks }
      : { len: cellH * 0.9, y: y1 - cellH / 2, x: x0 + cellW + 0.005, thickness: 10, title: { text: barTitle }, ...ticks };
    const showscale = !shared || p === 0;
    if (kind === "surface") {
      data.push({
        type: "surface",
        x: Array.from(panel.grid.a),
        y: Array.from(panel.grid.b),
        z,
        surfacecolor: colourValues(z, log),
        cmin: lo,
        cmax: hi,
        colorscale: "Viridis",
        showscale,
        colorbar,
        scene: `scene${suffix}`,
        name: panel.title,
        hovertemplate: `${xLabel} %{x:.3f}<br>${yLabel} %{y:.3f}<br>loss %{z:.4g}<extra></extra>`,
      } as Data);
      const axis = (text: string) => ({ title: { text, font: { size: 13 } }, tickfont: { size: 11 } });
      layout[`scene${suffix}`] = {
        domain: { x: [x0, x0 + cellW], y: [y1 - cellH, y1] },
        xaxis: axis(xLabel),
        yaxis: axis(yLabel),
        // A log height axis with the shared range: a flat bowl and a cliff of three decades side by side.
        zaxis: {
          ...axis("loss"),
          ...(log ? { type: "log", range: [lo, hi], tickmode: "array", tickvals: logColorbarTicks([lo, hi]).tickvals.map((v) => 10 ** v), ticktext: logColorbarTicks([lo, hi]).ticktext } : { range: [lo, hi] }),
        },
        aspectmode: "cube",
        camera: LANDSCAPE_CAMERA,
      };
    } else {
      data.push({
        type: "contour",
        x: Array.from(panel.grid.a),
        y: Array.from(panel.grid.b),
        z: colourValues(z, log),
        colorscale: "Viridis",
        zmin: lo,
        zmax: hi,
        // The same contour levels in every panel, so equal spacing means equal steepness.
        autocontour: false,
        contours: { start: lo, end: hi, size: (hi - lo) / 24 },
        showscale,
        colorbar,
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        name: panel.title,
        hovertemplate: `${xLabel} %{x:.3f}<br>${yLabel} %{y:.3f}<br>${log ? "log₁₀ loss" : "loss"} %{z:.3f}<extra></extra>`,
      } as Data);
      data.push({
        type: "scatter",
        mode: "markers",
        x: [0],
        y: [0],
        marker: { symbol: "x", color: "white", size: 9, line: { color: "black", width: 1 } },
        showlegend: false,
        hoverinfo: "skip",
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
      } as Data);
      layout[`xaxis${suffix}`] = { domain: [x0, x0 + cellW], anchor: `y${suffix}`, title: { text: xLabel, standoff: 6 } };
      layout[`yaxis${suffix}`] = { domain: [y1 - cellH, y1], anchor: `x${suffix}`, title: { text: yLabel, standoff: 4 } };
    }
    annotations.push({
      text: panel.title,
      showarrow: false,
      xref: "paper",
      yref: "paper",
      x: x0 + cellW / 2,
      y: y1 + (kind === "surface" ? 0 : 0.02),
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
      // Plotly sizes a 3-D box by the scene's height: a scene taller than wide pushes its labels out at the sides.
      height: options.height ?? rows * (kind === "surface" ? 400 : 380) + 110,
      margin: { l: 60, r: 20, t: 90, b: 50 },
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

export interface SpectralDensityOptions {
  title?: string;
  /** Added to the density before the log axis (default 1e-7, PyHessian's). */
  floor?: number;
  /**
   * Eigenvalue axis: "linear", "symlog" (sign(λ)·log10(1 + |λ|/linear): the bulk near 0, the
   * negative tail and outliers in the thousands all readable), or "auto" (default): symlog when
   * the largest |λ| carrying density is over 100 times the bulk's typical |λ|.
   */
  xScale?: "linear" | "symlog" | "auto";
  /** Half-width of the linear part of a symlog axis (default 1). */
  linear?: number;
  /** One row per series on a shared λ axis instead of overlaid curves (default false). */
  stacked?: boolean;
}

/** The exponent of a power of ten, with a proper minus sign (1e-7 → "−7"). */
function formatExponent(v: number): string {
  return String(Math.round(Math.log10(v))).replace("-", "−");
}

/** Mass-weighted median of |λ| (the bulk's typical size) and the largest |λ| above the floor. */
function spread(series: readonly DensitySeries[], floor: number): { median: number; maxAbs: number } {
  const pts: [number, number][] = [];
  let maxAbs = 0;
  for (const s of series) {
    for (let i = 0; i < s.grid.length; i++) {
      const d = s.density[i];
      if (!(d > 1e-3 * floor)) continue;
      pts.push([Math.abs(s.grid[i]), d]);
      maxAbs = Math.max(maxAbs, Math.abs(s.grid[i]));
    }
  }
  pts.sort((a, b) => a[0] - b[0]);
  const total = pts.reduce((t, p) => t + p[1], 0);
  let acc = 0;
  for (const [x, d] of pts) {
    acc += d;
    if (acc >= total / 2) return { median: x, maxAbs };
  }
  return { median: 0, maxAbs };
}

/** Index of the top of a density's rightmost peak above the floor (-1 if none). */
function rightmostPeak(s: DensitySeries, floor: number): number {
  let i = s.grid.length - 1;
  while (i >= 0 && !(s.density[i] > 1e-3 * floor)) i--;
  if (i < 0) return -1;
  while (i > 0 && s.density[i - 1] >= s.density[i]) i--;
  return i;
}

/**
 * Hessian eigenvalue densities (Figure 2, bottom): density + 1e-7 on a log axis against λ, on a
 * symmetric log λ axis when the spectrum spans decades. A dot marks the top of each series'
 * rightmost peak (its largest eigenvalue), which on a wide axis is a needle a pixel wide.
 * `stacked` gives each series its own row on a shared λ axis, so the curves do not overlap.
 */
export function spectralDensityFigure(series: DensitySeries[], options: SpectralDensityOptions = {}): Figure {
  const floor = options.floor ?? 1e-7;
  const linear = options.linear ?? 1;
  const { median, maxAbs } = spread(series, floor);
  const scale = options.xScale ?? "auto";
  if (scale !== "linear" && scale !== "symlog" && scale !== "auto") throw new RangeError(`spectral density figure xScale: expected "linear", "symlog" or "auto", got "${String(scale)}"`);
  const sym = scale === "symlog" || (scale === "auto" && maxAbs > 100 * Math.max(median, linear));
  const stacked = Boolean(options.stacked) && series.length > 1;
  const tx = (v: number) => (sym ? symlog(v, linear) : v);
  const rows = stacked ? series.length : 1;
  const rowGap = stacked ? 0.1 : 0;
  const rowH = (1 - rowGap * (rows - 1)) / rows;
  const axisRef = (r: number) => (r === 0 ? "" : String(r + 1));
  let lo = Infinity;
  let hi = -Infinity;
  const data: Data[] = [];
  series.forEach((s, i) => {
    const x = Array.from(s.grid);
    for (const v of x) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const axes = stacked ? { xaxis: `x${axisRef(i)}`, yaxis: `y${axisRef(i)}` } : {};
    data.push({
      type: "scatter",
      mode: "lines",
      name: s.label,
      legendgroup: s.label,
      showlegend: !stacked,
      x: x.map(tx),
      y: Array.from(s.density, (d) => d + floor),
      customdata: x,
      hovertemplate: `${s.label}<br>λ %{customdata:.4g}<br>density %{y:.2e}<extra></extra>`,
      line: { width: 1.5, color: s.color },
      ...axes,
    } as Data);
    const peak = rightmostPeak(s, floor);
    if (peak < 0) return;
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${s.label}: largest eigenvalue`,
      legendgroup: s.label,
      showlegend: false,
      x: [tx(s.grid[peak])],
      y: [s.density[peak] + floor],
      customdata: [s.grid[peak]],
      hovertemplate: `${s.label}<br>largest λ %{customdata:.4g}<extra></extra>`,
      marker: { color: s.color, size: 8, line: { color: "white", width: 1 } },
      ...axes,
    } as Data);
  });
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  // Padding keeps the outermost peak off the frame.
  const [a, b] = [tx(lo), tx(hi)];
  const pad = 0.04 * (b - a || 1);
  const xTitle = sym ? "eigenvalue λ (symmetric log scale)" : "eigenvalue λ";
  const yTitle = `density + 10<sup>${formatExponent(floor)}</sup> (log scale)`;
  const xAxis = (title: boolean) => ({ title: { text: title ? xTitle : "" }, range: [a - pad, b + pad], zeroline: false, ...(sym ? { tickmode: "array", ...symlogTicks(lo, hi, linear) } : {}) });
  const yAxis = (title: string) => ({ title: { text: title }, type: "log", exponentformat: "power", dtick: stacked ? 2 : undefined });
  const layout: Record<string, unknown> = {
    title: { text: options.title ?? "Hessian eigenvalue density (stochastic Lanczos quadrature)" },
  };
  if (!stacked) {
    Object.assign(layout, bottomLegend(legendExtraPx(data as unknown as Record<string, unknown>[])), { xaxis: xAxis(true), yaxis: yAxis(yTitle), height: 460 + legendExtraPx(data as unknown as Record<string, unknown>[]) });
  } else {
    const annotations: Record<string, unknown>[] = [];
    series.forEach((s, r) => {
      const y1 = 1 - r * (rowH + rowGap);
      const last = r === rows - 1;
      layout[`xaxis${axisRef(r)}`] = { ...xAxis(last), anchor: `y${axisRef(r)}`, matches: r > 0 ? "x" : undefined, showticklabels: last };
      // One y title for the whole stack, on the middle row.
      layout[`yaxis${axisRef(r)}`] = { ...yAxis(r === Math.floor((rows - 1) / 2) ? yTitle : ""), domain: [y1 - rowH, y1], anchor: `x${axisRef(r)}` };
      // The row's label just above it, clear of the peaks.
      annotations.push({ text: s.label, xref: "paper", yref: "paper", x: 0, y: y1, xanchor: "left", yanchor: "bottom", showarrow: false, font: { size: 13, color: s.color ?? "#333" } });
    });
    Object.assign(layout, { annotations, showlegend: false, height: 135 * rows + 170, margin: { l: 80, r: 20, t: 50, b: 60 } });
  }
  return { data, layout: baseLayout(layout as Partial<Layout>) };
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
  const log = options.logColor ?? true;
  // One colour range for all panels: only the last panel shows the colour bar.
  const [zmin, zmax] = log ? (sharedLogRange(panels.map((p) => p.surface.clipped)) ?? [0, 1]) : linearRange(panels.map((p) => p.surface));
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
      z: colourValues(zMatrix(surface), log),
      zmin,
      zmax,
      colorscale: "Greys",
      reversescale: true,
      autocontour: false,
      contours: { start: zmin, end: zmax, size: (zmax - zmin) / 30 },
      showscale: p === panels.length - 1,
      colorbar: { title: { text: log ? "loss (log scale)" : "loss" }, thickness: 10, ...(log ? logColorbarTicks([zmin, zmax]) : {}) },
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
