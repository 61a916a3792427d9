/**
 * The one figure format: plotly.js `{data, layout}` objects, shown inline in notebooks and exported
 * to files by the CLI. Also the shared look: method colours and axis defaults.
 */
import type { Data, Layout } from "plotly.js-dist-min";

export type { Data, Layout };

/** A Plotly figure as plain data: shown inline in notebooks, exported to HTML/SVG/PNG from the CLI. */
export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
}

/** One colour per training method, used by every figure. */
export const METHOD_COLORS: Readonly<Record<string, string>> = {
  vanilla: "#d62728",
  multishoot: "#1f77b4",
  homotopy: "#2ca02c",
  data: "#444444",
  paper: "#9e9e9e",
};

export const METHOD_LABELS: Readonly<Record<string, string>> = {
  vanilla: "vanilla",
  multishoot: "multiple shooting",
  homotopy: "homotopy",
};

/** A layout with the project's defaults merged under the given fields. */
export function baseLayout(layout: Partial<Layout> = {}): Partial<Layout> {
  return {
    template: undefined,
    font: { family: "DejaVu Sans, Arial, sans-serif", size: 13 },
    margin: { l: 70, r: 20, t: 50, b: 55 },
    height: 420,
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    legend: { orientation: "h", y: -0.2 },
    ...layout,
  };
}
