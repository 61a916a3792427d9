/**
 * Figure 6: predictions during training. One row per run (method), one column per snapshot epoch;
 * each panel shows one state component of the data and of the rollout of θ at that epoch, with
 * the extrapolation start dashed. The y range is the data's (padded), the same in every panel, so
 * a rollout that runs away leaves the panel instead of squashing the data.
 */
import type { Data, Layout } from "plotly.js-dist-min";
import { Figure, METHOD_COLORS, METHOD_LABELS, baseLayout, stateLabel } from "./figure";
import type { TrackedRun, Dataset } from "../../paper/index";

export interface SnapshotGridOptions {
  /** Index of the state component to show. */
  state: number;
  /** Its axis label (default: the dataset's state name). */
  stateName?: string;
  title?: string;
  /** Height per row in px (default 210). */
  rowHeight?: number;
}

/** A grid of predictions during training (runs × snapshot epochs) for one state, over the data. */
export function snapshotGridFigure(ds: Dataset, runs: TrackedRun[], options: SnapshotGridOptions): Figure {
  const dim = ds.dim;
  const j = options.state;
  if (!Number.isInteger(j) || j < 0 || j >= dim) throw new RangeError(`snapshot grid state: expected a whole number in [0, ${dim - 1}], got ${j}`);
  if (!runs.length) throw new RangeError("snapshot grid runs: expected at least one run");
  const cols = Math.max(...runs.map((r) => r.snapshots.length));
  if (cols === 0) throw new RangeError("snapshot grid runs: none of the runs has snapshots (pass snapshotEpochs to trackedRun)");
  const rows = runs.length;
  const tData = [...ds.train.t, ...ds.extrap.t];
  const uData = [...ds.train.u, ...ds.extrap.u];
  const yData = tData.map((_, i) => uData[i * dim + j]);
  const lo = Math.min(...yData);
  const hi = Math.max(...yData);
  const pad = 0.5 * (hi - lo || 1);
  const range: [number, number] = [lo - pad, hi + pad];
  const tSplit = ds.extrap.t[0];
  const gapX = 0.03;
  const gapY = 0.07;
  const w = (1 - gapX * (cols - 1)) / cols;
  const h = (1 - gapY * (rows - 1)) / rows;
  const data: Data[] = [];
  const layout: Record<string, unknown> = {};
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const shown = new Set<string>();
  runs.forEach((run, r) => {
    const method = run.run.config.method;
    const color = METHOD_COLORS[method] ?? "#333";
    for (let c = 0; c < cols; c++) {
      const idx = r * cols + c + 1;
      const suffix = idx === 1 ? "" : String(idx);
      const x0 = c * (w + gapX);
      const y1 = 1 - r * (h + gapY);
      layout[`xaxis${suffix}`] = { domain: [x0, x0 + w], anchor: `y${suffix}`, showticklabels: r === rows - 1, title: r === rows - 1 ? { text: "t" } : undefined, gridcolor: "#eee", zeroline: false };
      layout[`yaxis${suffix}`] = {
        domain: [y1 - h, y1],
        anchor: `x${suffix}`,
        range,
        showticklabels: c === 0,
        title: c === 0 ? { text: `${METHOD_LABELS[method] ?? method}<br>${stateLabel(options.stateName ?? ds.stateNames[j])}` } : undefined,
        gridcolor: "#eee",
        zeroline: false,
      };
      const snap = run.snapshots[c];
      if (!snap) continue;
      data.push({ type: "scatter", mode: "markers", name: "data", legendgroup: "data", showlegend: !shown.has("data"), x: tData, y: yData, marker: { color: METHOD_COLORS.data, size: 3 }, xaxis: `x${suffix}`, yaxis: `y${suffix}` } as Data);
      shown.add("data");
      if (snap.u) {
        const u = snap.u;
        data.push({
          type: "scatter",
          mode: "lines",
          name: METHOD_LABELS[method] ?? method,
          legendgroup: method,
          showlegend: !shown.has(method),
          x: run.t,
          y: run.t.map((_, i) => u[i * dim + j]),
          line: { color, width: 2 },
          xaxis: `x${suffix}`,
          yaxis: `y${suffix}`,
        } as Data);
        shown.add(method);
      }
      shapes.push({ type: "line", xref: `x${suffix}`, yref: `y${suffix} domain`, x0: tSplit, x1: tSplit, y0: 0, y1: 1, line: { dash: "dash", color: "#555", width: 1 } });
      annotations.push({
        text: `epoch ${snap.epoch}${snap.u ? "" : " (solve failed)"}`,
        xref: "paper",
        yref: "paper",
        x: x0 + w / 2,
        y: y1,
        xanchor: "center",
        yanchor: "bottom",
        showarrow: false,
        font: { size: 12 },
      });
    }
  });
  return {
    data,
    layout: baseLayout({
      ...(options.title ? { title: { text: options.title, x: 0.02, xanchor: "left" } } : {}),
      ...layout,
      shapes,
      annotations,
      height: (options.rowHeight ?? 210) * rows + 170,
      margin: { l: 90, r: 20, t: options.title ? 90 : 50, b: 110 },
      legend: { orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom" },
    } as Partial<Layout>),
  };
}
