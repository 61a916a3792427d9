/**
 * Figures of the benchmark (reproduce): Fig. 4's bars (ours beside the paper's), each model's
 * predicted trajectories with the extrapolation start marked (Figs. 5, 7–9), and training
 * curves with λ (Figs. 13, 14).
 */
import { Data, Layout } from "plotly.js-dist-min";
import { Figure, METHOD_COLORS, METHOD_LABELS, baseLayout, stateLabel } from "./figure";
import { MARGIN_RIGHT, MARGIN_RIGHT_SECOND_AXIS, axisScale, bottomLegend, lambdaAxis, titleLayout } from "./layout";
import { Table5Cell } from "../report/table5";
import { RunResult, Dataset } from "../../paper/index";

import { METHODS } from "../../core/index";

/** Fig. 4: interpolation MSE, extrapolation MSE and best epoch per model; hatched bars are the paper's. */
export function benchmarkBars(cells: Table5Cell[]): Figure {
  const labels = Array.from(new Set(cells.map((c) => c.label)));
  const panels = [
    { key: "interp", title: "interpolation MSE", axis: "" },
    { key: "extrap", title: "extrapolation MSE", axis: "2" },
    { key: "epoch", title: "best epoch", axis: "3" },
  ] as const;
  const data: Data[] = [];
  for (const panel of panels) {
    for (const method of METHODS) {
      const mine = labels.map((l) => cells.find((c) => c.label === l && c.method === method));
      const value = (c: Table5Cell | undefined, paper: boolean): [number | null, number | null] => {
        if (!c) return [null, null];
        if (panel.key === "epoch") {
          const eps = paper ? (c.paper ? c.paper.bestEpochs.map((v) => Number(String(v).replace("*", ""))) : []) : c.bestEpochs;
          if (!eps.length) return [null, null];
          const m = eps.reduce((a, b) => a + b, 0) / eps.length;
          return [m, Math.sqrt(eps.reduce((a, b) => a + (b - m) ** 2, 0) / eps.length / eps.length)];
        }
        const ms = paper ? c.paper?.[panel.key] : c[panel.key];
        return ms ? [ms.mean, ms.stderr] : [null, null];
      };
      for (const paper of [false, true]) {
        const vals = mine.map((c) => value(c, paper));
        data.push({
          type: "bar",
          name: `${METHOD_LABELS[method]}${paper ? " (paper)" : ""}`,
          legendgroup: `${method}${paper ? "-paper" : ""}`,
          showlegend: panel.key === "interp",
          x: labels,
          y: vals.map((v) => v[0]),
          error_y: { type: "data", array: vals.map((v) => v[1] ?? 0), visible: true },
          marker: { color: METHOD_COLORS[method], opacity: paper ? 0.45 : 1, pattern: paper ? { shape: "/" } : undefined },
          xaxis: `x${panel.axis}`,
          yaxis: `y${panel.axis}`,
        } as Data);
      }
    }
  }
  return {
    data,
    layout: baseLayout({
      title: { text: "Fig. 4 / Table 5: ours (solid) and the paper (hatched), mean ± s.e." },
      grid: { rows: 3, columns: 1, pattern: "independent", roworder: "top to bottom" },
      barmode: "group",
      height: 900,
      yaxis: { type: "log", title: { text: "interp. MSE" } },
      yaxis2: { type: "log", title: { text: "extrap. MSE" } },
      yaxis3: { title: { text: "best epoch" } },
      legend: { orientation: "h", y: -0.08 },
    }),
  };
}

/**
 * One model's predictions (one seed per method) over the training and extrapolation windows,
 * one panel per state component, data as dots and a dashed line where extrapolation starts.
 * Keep the title short (long ones wrap into the subtitle); details go in the subtitle.
 */
export function benchmarkTrajectories(ds: Dataset, runs: RunResult[], title: string, subtitle?: string): Figure {
  const dim = ds.dim;
  const tAll = [...ds.train.t, ...ds.extrap.t];
  const uAll = [...ds.train.u, ...ds.extrap.u];
  const tSplit = ds.extrap.t[0];
  const data: Data[] = [];
  const ranges: [number, number][] = [];
  for (let j = 0; j < dim; j++) {
    const axis = j === 0 ? "" : String(j + 1);
    const ys = tAll.map((_, i) => uAll[i * dim + j]);
    const lo = Math.min(...ys);
    const hi = Math.max(...ys);
    const pad = 0.25 * (hi - lo || 1);
    ranges.push([lo - pad, hi + pad]);
    data.push({
      type: "scatter",
      mode: "markers",
      name: "data",
      legendgroup: "data",
      showlegend: j === 0,
      x: tAll,
      y: ys,
      marker: { color: METHOD_COLORS.data, size: 4 },
      xaxis: `x${axis}`,
      yaxis: `y${axis}`,
    } as Data);
    for (const r of runs) {
      if (!r.prediction) continue;
      const p = r.prediction;
      data.push({
        type: "scatter",
        mode: "lines",
        name: `${METHOD_LABELS[r.config.method]} (seed ${r.config.seed})`,
        legendgroup: r.config.method,
        showlegend: j === 0,
        x: p.t,
        y: p.t.map((_, i) => p.u[i * p.dim + j]),
        line: { color: METHOD_COLORS[r.config.method], width: 2 },
        xaxis: `x${axis}`,
        yaxis: `y${axis}`,
      } as Data);
    }
  }
  const head = titleLayout(title, subtitle);
  const layout: Record<string, unknown> = {
    ...head.fields,
    ...bottomLegend(0, head.top),
    // The panels share t, so only the bottom one needs tick labels and the gaps can be small.
    grid: { rows: dim, columns: 1, pattern: "independent", roworder: "top to bottom", ygap: 0.12 },
    height: 200 * dim + head.top + 115,
    shapes: Array.from({ length: dim }, (_, j) => ({
      type: "line",
      xref: `x${j === 0 ? "" : j + 1}`,
      yref: `y${j === 0 ? "" : j + 1} domain`,
      x0: tSplit,
      x1: tSplit,
      y0: 0,
      y1: 1,
      line: { dash: "dash", color: "#555", width: 1 },
    })),
  };
  for (let j = 0; j < dim; j++) {
    const axis = j === 0 ? "" : String(j + 1);
    layout[`yaxis${axis}`] = { title: { text: stateLabel(ds.stateNames[j] ?? `u${j}`) }, range: ranges[j] };
    layout[`xaxis${axis}`] = { title: { text: j === dim - 1 ? "t" : "" }, matches: j === 0 ? undefined : "x", showticklabels: j === dim - 1 };
  }
  return { data, layout: baseLayout(layout as Partial<Layout>) };
}

/** Fig. 13/14: uncoupled MSE against epoch for each method (log scale) and λ of the homotopy run. */
export function benchmarkTrainingCurves(runs: RunResult[], title: string, subtitle?: string): Figure {
  const data: Data[] = [];
  for (const r of runs) {
    const x = r.history.mse.map((_, i) => i);
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${METHOD_LABELS[r.config.method]} MSE`,
      x,
      y: r.history.mse,
      line: { color: METHOD_COLORS[r.config.method], width: 1.5 },
    } as Data);
    if (r.config.method === "homotopy") {
      data.push({
        type: "scatter",
        mode: "lines",
        name: "homotopy loss (coupled)",
        x,
        y: r.history.loss,
        line: { color: METHOD_COLORS.homotopy, width: 1, dash: "dot" },
      } as Data);
      data.push({
        type: "scatter",
        mode: "lines",
        name: "λ",
        x,
        y: r.history.lambda,
        yaxis: "y2",
        line: { color: "#000", width: 1, shape: "hv" },
      } as Data);
    }
  }
  const head = titleLayout(title, subtitle);
  const hasLambda = runs.some((r) => r.config.method === "homotopy");
  return {
    data,
    layout: baseLayout({
      ...head.fields,
      ...bottomLegend(0, head.top, hasLambda ? MARGIN_RIGHT_SECOND_AXIS : MARGIN_RIGHT),
      height: 340 + head.top + 115,
      xaxis: { title: { text: "epoch" } },
      yaxis: { title: { text: "MSE (uncoupled, before the step)" }, ...axisScale(true) },
      ...(hasLambda ? { yaxis2: lambdaAxis("y") } : {}),
    } as Partial<Layout>),
  };
}
