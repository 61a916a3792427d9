/**
 * The paper layer: its systems and datasets, experiment configs, the runner and worker pool, and the
 * analyses behind the paper's figures. Imports only lib/core.
 */
export { gridValueAt, originGrid, pathStages, stageSurfaces } from "./analysis/figure1";
export type { PathStage, PathStageSurface, StageSurfaceOptions } from "./analysis/figure1";
export { figure2Panel, figure2Panels, figure2Sweep, hessianDirections, hessianLandscape } from "./analysis/figure2";
export { figure2PanelTask, figure2SweepOnPool } from "./analysis/figure2-pool";
export type { Figure2PanelTask } from "./analysis/figure2-pool";
export type {
  Figure2Options, Figure2Panel, Figure2PanelProblem, HessianLandscape, HessianLandscapeOptions,
} from "./analysis/figure2";
export { clipLosses, landscapeAxes, landscapeGrid, landscapeRow, linspace, lossLandscape } from "./analysis/landscape";
export { hessianLandscapeOnPool, landscapeRowTask } from "./analysis/landscape-pool";
export type { LandscapeRowTask } from "./analysis/landscape-pool";
export { problemOf, problemOptions, problemSpec } from "./analysis/problem-spec";
export { hessianSpectrumOnPool, spectrumPartTask } from "./analysis/spectrum-pool";
export type { SpectrumPartResult, SpectrumPartTask } from "./analysis/spectrum-pool";
export type { ProblemSpec } from "./analysis/problem-spec";
export type { LandscapeGrid, LandscapeOptions } from "./analysis/landscape";
export { ParameterRecorder, pathSurface, pcaPath } from "./analysis/pca-path";
export type { PathSurfaceOptions, PcaPath } from "./analysis/pca-path";
export { analysisConfig, analysisProblem, configLoss } from "./analysis/problem";
export type { AnalysisProblem, AnalysisProblemOptions, ConfigLossOptions } from "./analysis/problem";
export { fitTrainingSpline } from "./analysis/spline-fit";
export type { SplineFit } from "./analysis/spline-fit";
export {
  contractionThreshold, coupledResponse, driveTrajectory, errorLyapunovExponent, largestSymmetricEigenvalue,
  parameterLandscape, scaledParams, synchronisationThreshold,
} from "./analysis/synchronisation";
export type {
  CoupledResponse, CoupledResponseOptions, LyapunovOptions, LyapunovResult, ParameterLandscape,
  ParameterLandscapeOptions,
} from "./analysis/synchronisation";
export { TraceTracker, trackHessianTrace } from "./analysis/trace-tracking";
export type { TracePoint, TraceTrackingOptions, TrackedLoss } from "./analysis/trace-tracking";
export { trackedRun, trackedRunPool, trackedTask } from "./analysis/tracked-run";
export type {
  Snapshot, TrackedJob, TrackedPoolEvents, TrackedRun, TrackedRunOptions, TrackedTrace,
} from "./analysis/tracked-run";
export {
  buildModel, buildObjective, buildSchedule, initialTheta, simulatedDataset, solverOptions, trainingData,
  trueSystem,
} from "./experiments/assemble";
export {
  applyBackupPolicy, BACKUP_SEEDS, backupCellKey, backupConfigsNeeded, DEFAULT_MAX_BACKUPS, isUnstable,
} from "./experiments/backup-seeds";
export type { BackupSubstitution } from "./experiments/backup-seeds";
export { withBudget } from "./experiments/budget";
export type { TrainingBudget } from "./experiments/budget";
export { buildDataset } from "./experiments/build";
export { CHECKPOINT_FORMAT, loadCheckpoint, saveCheckpoint } from "./experiments/checkpoint";
export type { Checkpoint } from "./experiments/checkpoint";
export {
  ConfigError, DataSchema, ExperimentConfigSchema, formatZodError, HomotopySchema, METHODS, MODELS,
  ModelSchema, MultishootSchema, parseConfig, PROFILES, runId, ScheduleSchema, SolverSchema, SYSTEMS,
} from "./experiments/config";
export type {
  DataConfig, ExperimentConfig, HomotopyConfig, ModelConfig, ModelName, MultishootConfig, NoiseConfig,
  Profile, ScheduleConfig, SolverConfig, SystemName, TrainingMethodName,
} from "./experiments/config";
export { customConfig, customDataRecipe, suggestedK } from "./experiments/custom";
export type { CustomConfigOptions } from "./experiments/custom";
export { denseGrid, denseRollout, denseTruth } from "./experiments/dense";
export type { DenseOptions, DenseTrajectory } from "./experiments/dense";
export { paperBestEpochNumbers, paperCell, TABLE5_COLUMNS } from "./experiments/paper-values";
export type { PaperCell } from "./experiments/paper-values";
export {
  findModel, modelLabel, PAPER_METHODS, PAPER_MODELS, PAPER_SEEDS, paperConfig, paperGrid,
} from "./experiments/paper";
export type { PaperConfigOptions } from "./experiments/paper";
export { defaultJobs, runTasks, serveTasks, startOrder } from "./experiments/pool";
export type { TaskEvents, TaskKind, TaskResult } from "./experiments/pool";
export { rollout, runOnDataset } from "./experiments/run-on-dataset";
export type { RunHistory, RunOptions, RunResult } from "./experiments/run-on-dataset";
export { experimentTask, runPool } from "./experiments/run-pool";
export { estimateRunCost, EVALUATION_OVERHEAD, METHOD_EVALUATIONS, networkMultiplyAdds } from "./experiments/cost";
export type { PoolEvents } from "./experiments/run-pool";
export { runExperiment } from "./experiments/runner";
export { meanStderr } from "./experiments/stats";
export type { MeanSe } from "./experiments/stats";
export { runStoppable } from "./experiments/stoppable";
export type { StoppableJob, StoppableRun } from "./experiments/stoppable";
export { runSummary } from "./experiments/summary";
export type { RunSummary } from "./experiments/summary";
export {
  cleanInterpMse, FIGURE3_SWEEPS, figure3Plan, figure3Poster, findSweep, sweepConfig, sweepKey, sweepRows,
  sweepSummary, sweepX,
} from "./experiments/sweeps";
export type {
  PosterSweep, SweepCell, SweepName, SweepPlan, SweepPlanOptions, SweepPoint, SweepRow, SweepSpec,
} from "./experiments/sweeps";
export { couplingStrengthFromData } from "./inputs/coupling-from-data";
export type { DataCouplingStrength } from "./inputs/coupling-from-data";
export { datasetCsv, datasetMeasurements, measurementsCsv, thinMeasurements } from "./fit/dataset-table";
export { fitCsv, FITTED_MODEL_FORMAT, fittedModelFile, learnedTerms, writeFitFiles } from "./fit/fit-files";
export type { FittedModelFile, LearnedTerm } from "./fit/fit-files";
export {
  buildFitModel, FIT_ACTIVATIONS, FIT_METHODS, fitData, fromScaled, grayBoxOf, prepareFit,
  rolloutTrajectories, runFit, solverOptionsOf, toScaled,
} from "./fit/fit";
export type {
  FitMethod, FitMetrics, FitModelSpec, FitOptions, FitResult, FitSettings, PreparedFit, Scaling,
  SplitTrajectory, TrajectoryFit,
} from "./fit/fit";
export { fittedModelFromFile, loadFittedModel } from "./fit/fitted-model";
export type { FittedModel } from "./fit/fitted-model";
export {
  compileGrayBox, GrayBoxDefinitionSchema, NetworkSpecSchema, parseGrayBoxDefinition, readGrayBoxFile,
} from "./inputs/model-file";
export type { CompiledGrayBox, GrayBoxDefinition, NetworkSpec } from "./inputs/model-file";
export { PENDULUM_STATES, pendulumMeasurements } from "./fit/pendulum-measurements";
export { FitInputError, measuredData, readMeasuredData, readTable } from "./inputs/table";
export type { MeasuredData, TableColumns, Trajectory } from "./inputs/table";
export {
  CLASSIC_SYSTEMS, classicSystem, DUFFING, LOTKA_VOLTERRA_EQUATIONS, VAN_DER_POL,
} from "./systems/classic";
export type { ClassicSystemName } from "./systems/classic";
export { arange, describeNoise, officialNoise, simulateDataset } from "./systems/dataset";
export type { Dataset, NoiseSpec, Series, SimulateOptions } from "./systems/dataset";
export { defineSystem, EquationSystem, SystemEvaluationError } from "./systems/defined-system";
export type { SystemDataSuggestion, SystemDefinition } from "./systems/defined-system";
export { DoublePendulum } from "./systems/double-pendulum";
export {
  ALLOWED_CONSTANTS, ALLOWED_FUNCTIONS, checkName, differentiate, own, parseEquation, SystemDefinitionError,
} from "./systems/expressions";
export { Lorenz } from "./systems/lorenz";
export { LotkaVolterra } from "./systems/lotka-volterra";
export { NoiseSchema } from "./systems/noise";
export {
  DataFileError, loadRealPendulum, missingPendulumMessage, parsePendulumText, PENDULUM_FILE,
  PENDULUM_SOURCE_URL, pendulumDataset, resolvePendulumPath, syntheticPendulum,
} from "./systems/real-pendulum";
export type { PendulumRows } from "./systems/real-pendulum";
export { loadSystemFile, parseSystemFile, SystemDefinitionSchema } from "./systems/system-file";
export { FixedParams } from "./systems/system";
export type { TrueSystem } from "./systems/system";
