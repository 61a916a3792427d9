/**
 * The view layer: Plotly figures, inline display and export, polars tables and reports. It reads
 * results and never trains; imports lib/core and lib/paper.
 */
export {
  hessianLandscapeFigure, pcaPathFigure, spectralDensityFigure, traceFigure,
} from "./plot/analysis-figures";
export type {
  DensitySeries, LandscapeFigureOptions, LandscapePanel, PathPanel, TraceSeries,
} from "./plot/analysis-figures";
export { benchmarkBars, benchmarkTrainingCurves, benchmarkTrajectories } from "./plot/benchmark-figures";
export { densitySeries, sequentialColor, thinDensity } from "./plot/density-series";
export type { ThinnedDensity } from "./plot/density-series";
export {
  displayBundle, figureHtml, formatNumber, initPlotly, plotlyBundlePath, show, showHtml, showMarkdown,
  showSvg, showTable, tableHtml,
} from "./plot/display";
export type { InitPlotlyOptions, TableLike, TableOptions } from "./plot/display";
export {
  exportFigures, findChromium, galleryHtml, NO_CHROMIUM_MESSAGE, renderSvgs, standaloneHtml, svgToPng,
} from "./plot/export";
export type { ExportFormat, ExportItem, ExportOptions, ExportResult } from "./plot/export";
export { baseLayout, METHOD_COLORS, METHOD_LABELS } from "./plot/figure";
export type { Figure } from "./plot/figure";
export {
  fitPhaseFigure, fitStatesFigure, fitTrainingCurveFigure, learnedTermFigure,
} from "./plot/fit-figures";
export type { FitSeries, LearnedTermSeries } from "./plot/fit-figures";
export {
  axisScale, bottomLegend, cellAxis, column, gridCells, LAMBDA_TICKS, lambdaAxis, LEGEND_ROW_PX,
  legendExtraPx, legendRows, logRange, makeFigure, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_RIGHT_SECOND_AXIS,
  SERIES_COLORS, seriesColor, subplotTitle, SUBTITLE_MAX_CHARS, TITLE_MAX_CHARS, titleLayout, toArray,
  wrapText,
} from "./plot/layout";
export type { Cell, Dash, Mode } from "./plot/layout";
export { lineFigure, panelsFigure } from "./plot/panels";
export type { LineOptions, LineSeries, Panel, PanelOptions } from "./plot/panels";
export {
  landscapeFigure, lyapunovFigure, splinePanel, splinePanelsFigure, syncErrorFigure,
} from "./plot/paper-figures";
export type { SplinePanel } from "./plot/paper-figures";
export { pathStagesFigure, stageLabel, TRACES_PER_STAGE } from "./plot/path-stages-figure";
export type { PathStagesFigureOptions } from "./plot/path-stages-figure";
export { phasePortraitFigure, ROTATE_BUTTON } from "./plot/phase-portrait";
export type { PhasePortraitOptions } from "./plot/phase-portrait";
export { rotatingFigureHtml, showRotating } from "./plot/rotating-display";
export type { RotationOptions } from "./plot/rotating-display";
export {
  datasetSeries, plateausOf, runCurve, runSeries, trainingCurvesFigure, trajectoryFigure,
} from "./plot/run-figures";
export type {
  Plateau, TrainingCurve, TrainingCurvesOptions, TrajectoryOptions, TrajectorySeries,
} from "./plot/run-figures";
export { snapshotGridFigure } from "./plot/snapshot-figures";
export type { SnapshotGridOptions } from "./plot/snapshot-figures";
export { sweepFigure } from "./plot/sweep-figure";
export type { SweepFigureOptions } from "./plot/sweep-figure";
export { fitReportMarkdown, writeFitReport } from "./report/fit-report";
export { formatDuration } from "./report/format";
export { loadRuns } from "./report/load-runs";
export type { LoadedRuns } from "./report/load-runs";
export { reportMarkdown } from "./report/markdown";
export {
  keptEpochs, loadPrecomputed, loadPrecomputedRuns, packRun, packRuns, PRECOMPUTED_COMMAND, PRECOMPUTED_FORMAT,
  PRECOMPUTED_FULL_DIR, PRECOMPUTED_VERSION, PrecomputedError, writePrecomputed,
} from "./report/precomputed";
export type { PackOptions, PrecomputedFile } from "./report/precomputed";
export type { ReportContext } from "./report/markdown";
export { formatX100, runsFrame, table5, table5Frame } from "./report/table5";
export type { Table5Cell } from "./report/table5";
