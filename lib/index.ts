/**
 * homotopy-ode for notebooks: the curated public surface (core, paper and view; not the apps).
 * Every name is documented where it is declared; `npm run docs` renders the reference into build/docs.
 * Everything else stays reachable through the layer indexes (lib/core, lib/paper, lib/view, lib/apps).
 */
export {
  Rng, TorchGenerator, normalVector, MLP, activationByName, solve, Solution, SolverError, BlackBoxModel,
  GrayBoxModel, SecondOrderModel, SmoothingSpline, CoupledField, powerLawSchedule, powerLawValues, mse,
  mseGradient, AdamW, train, VanillaObjective, HomotopyObjective, MultipleShootingObjective,
  suggestCouplingStrength, TrainingLoss, hessianVectorProduct, HessianOperator, lanczos, ritzPairs,
  tridiagonalEigen, topEigenpairs, hutchinsonTrace, densityGenerate, hessianSpectrum,
} from "./core/index";
export type {
  ActivationName, SolveOptions, VectorField, Model, TrainOptions, TrainResult, CouplingStrengthResult,
} from "./core/index";
export {
  LotkaVolterra, Lorenz, DoublePendulum, VAN_DER_POL, DUFFING, defineSystem, loadSystemFile,
  simulateDataset, arange, loadRealPendulum, resolvePendulumPath, paperConfig, paperGrid, networkModel, PAPER_MODELS,
  PAPER_METHODS, PAPER_SEEDS, modelLabel, customConfig, buildDataset, buildModel, trueSystem, solverOptions,
  runExperiment, runPool, withBudget, denseRollout, denseTruth, saveCheckpoint, loadCheckpoint, figure3Plan,
  sweepKey, sweepRows, sweepSummary, paperBestEpochNumbers, meanStderr, fitTrainingSpline, analysisProblem,
  figure2Sweep, lossLandscape, pcaPath, ParameterRecorder, stageSurfaces, trackHessianTrace, trackedRunPool,
  fitData, loadFittedModel, readMeasuredData, learnedTerms, coupledResponse, driveTrajectory,
  errorLyapunovExponent, contractionThreshold, synchronisationThreshold, parameterLandscape, scaledParams,
} from "./paper/index";
export type {
  TrueSystem, SystemDefinition, Dataset, ExperimentConfig, RunResult, Figure2Panel, PcaPath,
  PathStageSurface, TrackedJob, TrackedRun, FitResult, FitOptions, FittedModel,
} from "./paper/index";
export {
  show, showTable, showMarkdown, showRotating, exportFigures, trajectoryFigure, datasetSeries, runSeries,
  trainingCurvesFigure, runCurve, syncErrorFigure, lyapunovFigure, landscapeFigure, splinePanel,
  splinePanelsFigure, lineFigure, seriesColor, panelsFigure, hessianLandscapeFigure, spectralDensityFigure,
  traceFigure, pcaPathFigure, pathStagesFigure, benchmarkTrajectories, benchmarkBars, densitySeries,
  sequentialColor, phasePortraitFigure, snapshotGridFigure, sweepFigure, fitStatesFigure,
  fitTrainingCurveFigure, fitPhaseFigure, learnedTermFigure, loadRuns, table5, table5Frame, formatX100,
} from "./view/index";
export type { Figure, TraceSeries } from "./view/index";
