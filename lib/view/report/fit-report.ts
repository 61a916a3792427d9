/** report.md of a fit (data, model, settings, scores, fitted parameters) and its figures. */
import * as path from "node:path";
import { FittedModelFile, fittedModelFile, FitResult } from "../../paper/index";
import { writeFileAtomic } from "../../core/index";
import { exportFigures, ExportItem } from "../plot/export";
import { fitPhaseFigure, fitStatesFigure, fitTrainingCurveFigure, learnedTermFigure } from "../plot/fit-figures";

const e = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : v.toExponential(3));

export function fitReportMarkdown(file: FittedModelFile, figures: { title: string; file: string }[], notes: string[] = []): string {
  const s = file.settings;
  const m = file.metrics;
  const d = file.data;
  const lines: string[] = [];
  lines.push(`# Fit of ${path.basename(d.source)}`, "");
  lines.push(`- Data: \`${d.source}\` (sha256 ${d.hash.slice(0, 16)}…), time \`${d.timeName}\`, states ${d.stateNames.map((x) => `\`${x}\``).join(", ")}`);
  for (const tr of d.trajectories) lines.push(`  - trajectory ${tr.id}: ${tr.points} points, t ∈ [${tr.tStart}, ${tr.tEnd}], training window up to t = ${tr.tTrainEnd} (${tr.trainPoints} points)`);
  lines.push(`- Model: ${file.description}`);
  lines.push(`- Method: ${s.method}, ${s.epochs} epochs, AdamW lr ${s.lr} (weight decay ${s.weightDecay}), seed ${s.seed}, ${s.solver.method} rtol ${s.solver.rtol} atol ${s.solver.atol}`);
  if (s.homotopy) lines.push(`- Homotopy: k = ${s.homotopy.k} (${s.homotopy.kSource}), spline α = ${s.homotopy.alpha}, ${s.homotopy.steps} λ steps of ${s.homotopy.epochsPerStep} epochs, decay ${s.homotopy.decay}`);
  if (s.multishoot) lines.push(`- Multiple shooting: ${s.multishoot.segments} segments, continuity weight ${s.multishoot.continuityWeight}`);
  lines.push(`- Normalisation: ${s.normalise ? "on (states centred and scaled for training; all numbers below in data units)" : "off"}`, "");
  lines.push("## Scores (data units)", "");
  lines.push("| window | MSE | NMSE | " + d.stateNames.map((x) => `MSE ${x}`).join(" | ") + " |");
  lines.push("|---|---|---|" + d.stateNames.map(() => "---").join("|") + "|");
  lines.push(`| training | ${e(m.interpMse)} | ${e(m.interpNmse)} | ${m.interpMseByState.map(e).join(" | ")} |`);
  lines.push(`| extrapolation | ${e(m.extrapMse)} | ${e(m.extrapNmse)} | ${m.extrapMseByState.map(e).join(" | ")} |`);
  lines.push("", `Best epoch ${m.bestEpoch} of ${m.epochs}, ${m.seconds.toFixed(1)} s, status ${m.status}${m.failure ? ` (${m.failure})` : ""}${m.advice ? `: ${m.advice}` : ""}. NMSE: each state's MSE divided by its variance over the training window, averaged over states.`, "");
  if (file.physicalParameters) {
    lines.push("## Physical parameters", "", "| parameter | fitted | initial | fixed |", "|---|---|---|---|");
    for (const [name, p] of Object.entries(file.physicalParameters)) lines.push(`| ${name} | ${p.value.toPrecision(6)} | ${p.initial} | ${p.fixed ? "yes" : "no"} |`);
    lines.push("");
  }
  if (file.learnedTerms.length) {
    lines.push("## Learned terms", "");
    for (const t of file.learnedTerms) lines.push(`- ${t.name}(${t.inputs.join(", ")}): ${t.outputs} output(s); inputs over ${t.range.map((r, i) => `${t.inputs[i]} ∈ [${r.min.toPrecision(4)}, ${r.max.toPrecision(4)}]`).join(", ")} (values along the data in model.json)`);
    lines.push("");
  }
  if (figures.length) {
    lines.push("## Figures", "");
    for (const f of figures) lines.push(`### ${f.title}`, "", `![${f.title}](${f.file})`, "");
  }
  if (notes.length) lines.push("## Notes", "", ...notes.map((n) => `- ${n}`), "");
  lines.push("Files: `model.json` (rebuild with `loadFittedModel`, or `homotopy-ode predict --model model.json`), `fit.csv` (data and fit per state).", "");
  return lines.join("\n");
}

/** Figures and report of a finished fit into dir; returns notes for the report (e.g. no Chromium). */
export function writeFitReport(result: FitResult, dir: string, figures = true): string[] {
  const file = fittedModelFile(result);
  const names = result.data.stateNames;
  const items: (ExportItem & { title: string })[] = [];
  if (figures) {
    items.push({ name: "fit-states", title: "Data and fit per state (shaded: extrapolation window)", figure: fitStatesFigure(result.fits, names, { timeName: result.data.timeName }) });
    items.push({ name: "training-curve", title: "Training curve with λ", figure: fitTrainingCurveFigure(file.history, { method: result.settings.method, bestEpoch: result.metrics.bestEpoch }) });
    if (names.length >= 2) items.push({ name: "phase-portrait", title: `Phase portrait (${names[0]}, ${names[1]})`, figure: fitPhaseFigure(result.fits, names) });
    for (const t of file.learnedTerms) items.push({ name: `learned-${t.name}`, title: `Learned term ${t.name}(${t.inputs.join(", ")})`, figure: learnedTermFigure(t, { timeName: result.data.timeName }) });
  }
  const exported = items.length ? exportFigures(items, dir, { formats: ["json", "png"] }) : { files: [], messages: [] };
  const shown = items.map((it) => ({ title: it.title, file: exported.files.some((f) => f.endsWith(`${it.name}.png`)) ? `${it.name}.png` : `${it.name}.html` }));
  writeFileAtomic(path.join(dir, "report.md"), fitReportMarkdown(file, shown, exported.messages));
  return exported.messages;
}

