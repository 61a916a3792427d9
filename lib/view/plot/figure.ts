/**
 * The one figure format: plotly.js `{data, layout}` objects, shown inline in notebooks and exported
 * to files by the CLI. Also the shared look: method colours and axis defaults.
 */
import type { Data, Layout } from "plotly.js-dist-min";
import { TRAINING_METHODS } from "../../core/index";

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

export const METHOD_LABELS: Readonly<Record<string, string>> = Object.fromEntries(TRAINING_METHODS.map((m) => [m.name, m.label]));

const GREEK: Readonly<Record<string, string>> = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", theta: "θ", phi: "φ", psi: "ψ", omega: "ω",
};

/**
 * A state name as figures label it: ASCII Greek names in Unicode ("theta1" → "θ1", "omega2" →
 * "ω2"), so the data layer's names and a notebook's own θ1 read the same; other names unchanged.
 */
export function stateLabel(name: string): string {
  const m = /^(alpha|beta|gamma|delta|theta|phi|psi|omega)_?(\d*)$/.exec(name);
  return m ? `${GREEK[m[1]]}${m[2]}` : name;
}

/**
 * Height (px) of the band at the top of a figure where plotly draws its toolbar (the mode bar,
 * right-aligned, shown on hover). Titles go below it, so a long title never runs under the icons.
 */
export const MODEBAR_PX = 32;
const TITLE_LINE_PX = 24;
const SUBTITLE_LINE_PX = 18;
/** Subplot titles or a legend placed just above the plot area also live in the top margin. */
const ABOVE_PLOT_PX = 24;

function lineCount(text: unknown): number {
  return typeof text === "string" && text ? text.split(/<br\s*\/?>/i).length : 0;
}

/**
 * The title anchored to the top of the figure, below the toolbar band, and a top margin that holds
 * the band, the title lines, the subtitle lines and whatever sits just above the plot area. A title
 * the caller placed in paper coordinates is left alone.
 */
function titleBelowToolbar(layout: Partial<Layout>): Partial<Layout> {
  const raw = layout.title as unknown;
  const title: Record<string, unknown> | null = typeof raw === "string" ? { text: raw } : raw && typeof raw === "object" ? { ...(raw as Record<string, unknown>) } : null;
  if (!title || !title.text || (title.yref !== undefined && title.yref !== "container")) return layout;
  const pad = (title.pad ?? {}) as Record<string, number>;
  const top = Math.max(pad.t ?? 0, MODEBAR_PX);
  Object.assign(title, { y: 1, yref: "container", yanchor: "top", pad: { ...pad, t: top } });
  const subtitle = title.subtitle as { text?: unknown } | undefined;
  const annotations = (layout.annotations ?? []) as { yref?: string; y?: number }[];
  const legend = layout.legend as { y?: number; yref?: string } | undefined;
  const above = annotations.some((a) => a.yref === "paper" && (a.y ?? 0) >= 1) || (legend?.yref !== "container" && (legend?.y ?? 0) >= 1);
  const need = top + TITLE_LINE_PX * lineCount(title.text) + SUBTITLE_LINE_PX * lineCount(subtitle?.text) + 10 + (above ? ABOVE_PLOT_PX : 0);
  const margin = (layout.margin ?? {}) as Record<string, number>;
  return { ...layout, title: title as Partial<Layout>["title"], margin: { ...margin, t: Math.max(margin.t ?? 0, need) } };
}

/** A layout with the project's defaults merged under the given fields; the title placed below the toolbar. */
export function baseLayout(layout: Partial<Layout> = {}): Partial<Layout> {
  return titleBelowToolbar({
    template: undefined,
    font: { family: "DejaVu Sans, Arial, sans-serif", size: 13 },
    margin: { l: 70, r: 20, t: 50, b: 55 },
    height: 420,
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    legend: { orientation: "h", y: -0.2 },
    ...layout,
  });
}
