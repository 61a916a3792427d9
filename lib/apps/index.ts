/**
 * The apps layer: the homotopy-ode command, the benchmark, reproduce, and course-assignment grading.
 * Not part of lib/index.ts.
 */
export {
  A1, A1_KS, A1_LAMBDA_CASES, A1_SCHEDULE_CASES, a1ReferenceAnswers, a1ReferenceSyncErrors, a1Setup,
} from "./assignments/a1-coupling-and-schedule";
export type { A1Setup } from "./assignments/a1-coupling-and-schedule";
export {
  A2, A2_BEST_EPOCH_CASES, A2_COST_CASES, A2_GAP_OPTIONS, a2ReferenceAnswers, referenceBestEpoch,
  referenceCostToReach,
} from "./assignments/a2-three-methods";
export type { GapOption } from "./assignments/a2-three-methods";
export {
  A3, A3_ALPHA, A3_DATA, A3_LANDSCAPE, A3_MATRICES, A3_MINIMA_CASES, a3Helper, a3KRange, a3Landscape,
  a3ReferenceAnswers, a3ReferenceDefinition, a3ReferenceSystem, referenceCountLocalMinima,
} from "./assignments/a3-choosing-k";
export {
  ANSWERS_ENV, clearSessionAnswers, fromJsonValue, isErrorAnswer, readAnswers, recordAnswer, recordAnswerOr,
  sessionAnswers, toJsonValue,
} from "./assignments/answers";
export type { Answers, ErrorAnswer } from "./assignments/answers";
export {
  cellErrorsByExercise, errorMessage, executeAssignmentNotebook, JUPYTER_INSTALL_HINT, JupyterMissingError,
  jupyterProblem, PYTHON, RUNNER,
} from "./assignments/execute";
export type { CellReport, ExecuteOptions, ExecutionReport, NotebookRun } from "./assignments/execute";
export { CheckFailure, formatResult, oneLine, runChecks, summaryLine } from "./assignments/exercise";
export type { Assignment, CheckContext, Exercise, ExerciseResult } from "./assignments/exercise";
export {
  asArray, asNumber, asNumberArray, asObject, asString, brief, close, expectArrayClose, expectCaseAnswers,
  fail,
} from "./assignments/expect";
export {
  AssignmentNotebookError, cellSource, cellTags, EXERCISE_TAG, generateStudentVersions, parseNotebook,
  readNotebook, recordedExercises, serializeNotebook, SOLUTION_TAG, sourceLines, studentNotebook,
  studentPath, TEACHER_ONLY_TAG, TEACHER_SUFFIX, teacherNotebooks,
} from "./assignments/generate";
export type { GeneratedVersion, NotebookCell, NotebookJson } from "./assignments/generate";
export {
  ASSIGNMENT_METADATA_KEY, assignmentOfNotebook, ASSIGNMENTS, findAssignment, notebookStem,
} from "./assignments/registry";
export { selfCheck, selfCheckRows, showSelfCheck } from "./assignments/self-check";
export { distanceOverTime, FunctionField, solveRhs } from "./assignments/toolkit";
export type { RhsFunction } from "./assignments/toolkit";
export { BENCH_CASES } from "./bench/cases";
export type { BenchCase, BenchStep } from "./bench/cases";
export { countStepWork, forwardFlops, vjpFlops } from "./bench/flops";
export type { StepWork } from "./bench/flops";
export { paperHomotopyEpoch } from "./bench/paper-epoch";
export type { PaperEpochStep } from "./bench/paper-epoch";
export { measurePeak } from "./bench/peak";
export type { PeakResult } from "./bench/peak";
export { median, runBenchmarks, runCase } from "./bench/run";
export type { BenchResult } from "./bench/run";
export { checkedTorchProblem, paperHomotopyProblem, runTorchReference, torchAvailable, torchProblem } from "./bench/torch";
export type { TorchProblem, TorchProblemParts, TorchResult } from "./bench/torch";
export {
  ASSIGNMENTS_COMMAND, ASSIGNMENTS_HELP, ASSIGNMENTS_SUMMARY, assignmentsCommand,
} from "./cli/assignments";
export { BENCH_HELP, benchCommand } from "./cli/bench";
export { CHECK_COMMAND, CHECK_HELP, CHECK_SUMMARY, checkCommand } from "./cli/check";
export { UsageError } from "./cli/errors";
export { FIT_HELP, FIT_SUMMARY, fitCommand } from "./cli/fit";
export { flag, flagHelp, outOfRange, parseCommandFlags, required } from "./cli/flags";
export type { Flag, FlagKind, FlagOptions, FlagTable, FlagValue, FlagValues, ParsedCommandFlags } from "./cli/flags";
export { onInterrupt } from "./cli/interrupt";
export { LANDSCAPE_HELP, LANDSCAPE_SUMMARY, landscapeCommand, landscapeCsv } from "./cli/landscape";
export { main } from "./cli/main";
export { ensureWritableDir, ensureWritableFile } from "./cli/output-paths";
export { PREDICT_HELP, PREDICT_SUMMARY, predictCommand, predictPlan } from "./cli/predict";
export type { PredictPlan } from "./cli/predict";
export { Progress } from "./cli/progress";
export type { ProgressOptions } from "./cli/progress";
export { REPRODUCE_HELP, reproduceCommand, shardOf } from "./cli/reproduce";
export {
  PROBLEM_FLAGS, problemFromFlags, readThetaFile, SPECTRUM_HELP, SPECTRUM_SUMMARY, spectrumCommand,
} from "./cli/spectrum";
export type { ProblemFlagValues } from "./cli/spectrum";
export { closest, didYouMean, editDistance } from "./cli/suggest";
export {
  configFromFlags, interruptCheckpointFile, resolveTrainConfig, summary, TRAIN_FLAGS, TRAIN_HELP, trainCommand,
} from "./cli/train";
export type { TrainFlagValues, TrainInvocation, TrainProblemFlags } from "./cli/train";
export { FolderLockedError, LOCK_FILE, lockFolder } from "./reproduce/lock";
export { canonicalJson, loadFinishedRuns, reproduce, runFile } from "./reproduce/reproduce";
export type { ReproduceOptions, ReproduceSummary } from "./reproduce/reproduce";
