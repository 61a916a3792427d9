/**
 * The core layer: numerics that know nothing of the paper (random generators, networks, solvers and
 * tableaus, models, the spline, coupling, schedules, objectives, the training loop, AdamW, Hessian numerics).
 */
export { UsageError } from "./errors";
export { denseMatrix, denseOperator, HessianOperator, hessianVectorProduct } from "./hessian/hvp";
export type { HvpOptions, HvpScheme, LinearOperator } from "./hessian/hvp";
export { lanczos, ritzPairs, ritzVector } from "./hessian/lanczos";
export type { LanczosOptions, LanczosResult, RitzPairs } from "./hessian/lanczos";
export { TrainingLoss } from "./hessian/loss";
export type { CouplingSpec, SmoothLoss, TrainingLossOptions } from "./hessian/loss";
export { SegmentedLoss } from "./hessian/segmented-loss";
export {
  densityGenerate, hessianSpectrum, hutchinsonTrace, joinSpectrum, logDensity, selectEigenpairs,
  spectrumLanczosPart, spectrumTracePart, stochasticLanczosQuadrature, topEigenpairs,
} from "./hessian/spectrum";
export type {
  DensityOptions, EigenOrder, Eigenpairs, HessianSpectrum, SlqOptions, SlqResult, SpectralDensity,
  SpectrumLanczosPart, SpectrumOptions, TopEigenOptions, TraceEstimate, TraceOptions,
} from "./hessian/spectrum";
export { tridiagonalEigen } from "./hessian/tridiagonal";
export type { TridiagonalEigen } from "./hessian/tridiagonal";
export { SmoothingSpline } from "./interp/spline";
export { readJsonOrNull, writeFileAtomic, writeJsonAtomic } from "./io/atomic";
export {
  acos, acosh, asin, asinh, atan, atanh, cos, cosh, exp, expm1, ldexp, log, log10, log1p, pow, sin, sinh,
  tan,
} from "./libm";
export { BlackBoxModel } from "./models/blackbox";
export { EquationNetworkModel } from "./models/equation-networks";
export type { AugmentedEquations, NetworkTerm, PhysicalParameter } from "./models/equation-networks";
export { GrayBoxModel } from "./models/graybox";
export type { Model, ModelKind } from "./models/model";
export { ScaledModel } from "./models/scaled";
export { SecondOrderModel } from "./models/secondorder";
export { activationByName, ACTIVATIONS, gelu, identity, relu, softplus, tanh } from "./nn/activations";
export type { Activation, ActivationName } from "./nn/activations";
export { erf } from "./nn/erf";
export type { KernelInstance } from "./nn/kernel-instance";
export { createJsKernels } from "./nn/kernels-js";
export {
  createKernels, decodeBase64, defaultKernelBackend, useKernelBackend, wasmSimdSupported,
} from "./nn/kernels";
export type { KernelBackend } from "./nn/kernels";
export { MLP } from "./nn/mlp";
export type { Layer, UniformSource } from "./nn/mlp";
export { allFinite } from "./numeric";
export { BatchedField, stackTrajectories, unstackTrajectory } from "./ode/batched";
export type { BatchableField } from "./ode/batched";
export { isSolverError, SolverError } from "./ode/errors";
export type { SolverFailure } from "./ode/errors";
export { DEFAULT_ATOL, DEFAULT_RTOL, Solution, solve } from "./ode/solve";
export type { Gradients, SolveOptions } from "./ode/solve";
export {
  defineTableau, DOPRI5, DOPRI5_HAIRER, EULER, RK4, rootedTrees, SOLVER_METHODS, TABLEAU_TOLERANCE,
  tableauByName, tableauChecks, TABLEAUS, TSIT5,
} from "./ode/tableaus";
export type { ButcherTableau, SolverMethod, TableauCheck, TableauSpec } from "./ode/tableaus";
export type { SolveStats, VectorField } from "./ode/types";
export { normalVector, rademacherVector, Rng } from "./random/rng";
export { TorchGenerator } from "./random/torch";
export { AdamW } from "./train/adamw";
export type { AdamWOptions, AdamWState } from "./train/adamw";
export {
  jacobianFromVjp, maxSymmetricPartEigenvalue, suggestCouplingStrength, symmetricEigenvalues,
} from "./train/coupling-strength";
export type {
  CouplingStrengthOptions, CouplingStrengthResult, JacobianFunction, KnottedInterpolant, SystemWithJacobian,
} from "./train/coupling-strength";
export { batchedCoupledField, StackedInterpolant } from "./train/batched-coupling";
export { CoupledField } from "./train/coupling";
export type { Interpolant } from "./train/coupling";
export { train } from "./train/loop";
export type { EpochRecord, RunStatus, TrainOptions, TrainResult, TrainState } from "./train/loop";
export { mse, mseGradient } from "./train/loss";
export { MultiTrajectoryObjective } from "./train/multi-trajectory";
export type { MultiTrajectoryOptions, TrajectoryObjective } from "./train/multi-trajectory";
export { arraySplitSizes, checkSegments, splitIndices } from "./train/multishoot";
export { HomotopyObjective, MultipleShootingObjective, VanillaObjective } from "./train/objectives";
export type { LossEvaluation, Objective, TrainingData, TrainingMethod } from "./train/objectives";
export {
  constantDecrementSchedule, functionSchedule, powerLawSchedule, powerLawValues,
} from "./train/schedules";
export type { HomotopySchedule, PowerLawOptions } from "./train/schedules";
export { decodeTrainState, encodeTrainState, TrainStateSchema } from "./train/train-state";
