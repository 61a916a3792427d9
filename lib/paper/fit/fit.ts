/**
 * Fitting a model to measured time series (the method applied to anyone's data): split each
 * trajectory into a training window and the extrapolation window after it, optionally centre and
 * scale the states, build a black-box or gray-box model, train it with homotopy, vanilla or
 * multiple shooting (one shared model, one initial condition and spline per trajectory), and
 * score the best θ in the data's own units.
 */
import { MeasuredData, readMeasuredData, TableColumns, Trajectory, FitInputError } from "./table";
import { compileGrayBox, GrayBoxDefinition, readGrayBoxFile } from "./model-file";
import { couplingStrengthFromData } from "./coupling-from-data";
import { Model } from "../../core/models/model";
import { BlackBoxModel } from "../../core/models/blackbox";
import { ScaledModel } from "../../core/models/scaled";
import { EquationNetworkModel } from "../../core/models/equation-networks";
import { solve, SolveOptions } from "../../core/ode/solve";
import { SmoothingSpline } from "../../core/interp/spline";
import { HomotopyObjective, MultipleShootingObjective, Objective, TrainingData, VanillaObjective } from "../../core/train/objectives";
import { MultiTrajectoryObjective } from "../../core/train/multi-trajectory";
import { powerLawSchedule } from "../../core/train/schedules";
import { train, EpochRecord, TrainState, RunStatus } from "../../core/train/loop";
import { TorchGenerator } from "../../core/random/torch";
import { ActivationName } from "../../core/nn/activations";

export type FitMethod = "homotopy" | "vanilla" | "multishoot";
export const FIT_METHODS: readonly FitMethod[] = ["homotopy", "vanilla", "multishoot"];
export const FIT_ACTIVATIONS = ["gelu", "tanh", "relu", "softplus"] as const;

export type FitModelSpec =
  | { kind: "blackbox"; hidden: number[]; activation: (typeof FIT_ACTIVATIONS)[number] }
  | { kind: "graybox"; definition: GrayBoxDefinition; file?: string };

/** Everything that decides a fit (stored in model.json as the resolved training config). */
export interface FitSettings {
  method: FitMethod;
  model: FitModelSpec;
  normalise: boolean;
  /** Training window: times up to trainUntil after each trajectory's start, else this fraction of its span. */
  trainUntil: number | null;
  trainFraction: number;
  epochs: number;
  lr: number;
  weightDecay: number;
  seed: number;
  solver: { method: "dopri5" | "rk4" | "euler"; rtol: number; atol: number; maxSteps: number };
  homotopy: { k: number; kSource: string; alpha: number; steps: number; decay: number; epochsPerStep: number } | null;
  multishoot: { segments: number; continuityWeight: number } | null;
  /** Initial condition (data units) replacing the first sample of the single trajectory. */
  u0: number[] | null;
}

/** What `fitData` fits: the table and its columns, the training window, normalisation, model, method and training settings. */
export interface FitOptions {
  /** A table file (CSV, TSV, Parquet, JSON records) or data already read. */
  data: string | MeasuredData;
  columns?: TableColumns;
  trainUntil?: number;
  trainFraction?: number;
  normalise?: boolean;
  /** "blackbox" (default), a gray-box model file path, or a gray-box definition. */
  model?: "blackbox" | string | GrayBoxDefinition;
  /** Hidden widths of the black-box network (default [32]). */
  widths?: number[];
  activation?: (typeof FIT_ACTIVATIONS)[number];
  method?: FitMethod;
  k?: number;
  alpha?: number;
  steps?: number;
  decay?: number;
  epochs?: number;
  lr?: number;
  weightDecay?: number;
  seed?: number;
  solver?: "dopri5" | "rk4" | "euler";
  rtol?: number;
  atol?: number;
  segments?: number;
  continuityWeight?: number;
  u0?: number[];
  onEpoch?: (record: EpochRecord) => void;
  resume?: TrainState;
  checkpointEvery?: number;
  onState?: (state: TrainState, final: boolean) => void;
}

export interface Scaling {
  shift: number[];
  scale: number[];
}

/** A trajectory with its training window. */
export interface SplitTrajectory extends Trajectory {
  trainPoints: number;
}

/** A checked fit, ready to train: nothing has been computed or written yet. */
export interface PreparedFit {
  settings: FitSettings;
  data: MeasuredData;
  trajectories: SplitTrajectory[];
  scaling: Scaling;
  /** The model in data units (gray-box equations; black-box: the network on scaled states). */
  model: Model;
  /** The model as trained (in scaled coordinates when normalising). */
  trainModel: Model;
  theta0: Float64Array;
  /** Per trajectory: training window in training coordinates. */
  training: TrainingData[];
  splines: SmoothingSpline[] | null;
}

export interface TrajectoryFit {
  id: string;
  t: number[];
  /** Data and prediction (data units), t.length × dim row-major. */
  data: number[];
  prediction: number[] | null;
  trainPoints: number;
}

export interface FitMetrics {
  interpMse: number | null;
  extrapMse: number | null;
  interpNmse: number | null;
  extrapNmse: number | null;
  /** Per-state MSE (data units) on each window. */
  interpMseByState: (number | null)[];
  extrapMseByState: (number | null)[];
  bestEpoch: number;
  epochs: number;
  seconds: number;
  status: RunStatus;
  failure?: string;
}

/** A finished fit: the model and best θ, metrics in data units (MSE and NMSE), history and per-trajectory predictions. */
export interface FitResult extends PreparedFit {
  theta: Float64Array;
  metrics: FitMetrics;
  history: EpochRecord[];
  fits: TrajectoryFit[];
  /** Training-window variance per state (the NMSE denominators). */
  variance: number[];
  state: TrainState;
}

const DEFAULTS = { trainFraction: 0.7, hidden: [32], activation: "gelu" as const, epochs: 600, lr: 0.05, weightDecay: 0.01, seed: 10, alpha: 1e-3, steps: 6, decay: 0.6, rtol: 1e-7, atol: 1e-9, maxSteps: 20000, segments: 5, continuityWeight: 0.01 };

function fail(msg: string): never {
  throw new FitInputError(msg);
}

function check(value: number | undefined, name: string, ok: (v: number) => boolean, expected: string): void {
  if (value !== undefined && (!Number.isFinite(value) || !ok(value))) fail(`${name}: expected ${expected}, got ${value}`);
}

function splitTrajectories(data: MeasuredData, trainUntil: number | null, fraction: number): SplitTrajectory[] {
  return data.trajectories.map((tr) => {
    const t0 = tr.t[0];
    const span = tr.t[tr.t.length - 1] - t0;
    const cut = trainUntil !== null ? t0 + trainUntil : t0 + fraction * span;
    const tol = 1e-9 * Math.max(span, 1e-300);
    let n = 0;
    while (n < tr.t.length && tr.t[n] <= cut + tol) n++;
    const label = data.trajectories.length > 1 ? `trajectory "${tr.id}"` : "the data";
    if (n < 3) fail(`${data.source}: the training window of ${label} holds ${n} point${n === 1 ? "" : "s"} (times up to ${cut}); it needs at least 3 (raise --train-until or --train-fraction)`);
    return { ...tr, trainPoints: n };
  });
}

function scalingOf(trajectories: SplitTrajectory[], dim: number, normalise: boolean): { scaling: Scaling; variance: number[] } {
  const mean = new Array(dim).fill(0);
  const sq = new Array(dim).fill(0);
  let n = 0;
  for (const tr of trajectories) {
    for (let i = 0; i < tr.trainPoints; i++) for (let j = 0; j < dim; j++) mean[j] += tr.u[i * dim + j];
    n += tr.trainPoints;
  }
  for (let j = 0; j < dim; j++) mean[j] /= n;
  for (const tr of trajectories) for (let i = 0; i < tr.trainPoints; i++) for (let j = 0; j < dim; j++) sq[j] += (tr.u[i * dim + j] - mean[j]) ** 2;
  const variance = sq.map((s) => s / n);
  const scaling = normalise ? { shift: mean, scale: variance.map((v) => (v > 0 ? Math.sqrt(v) : 1)) } : { shift: new Array(dim).fill(0), scale: new Array(dim).fill(1) };
  return { scaling, variance };
}

/** Data units → training coordinates. */
export function toScaled(u: ArrayLike<number>, scaling: Scaling): Float64Array {
  const dim = scaling.shift.length;
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = (u[i] - scaling.shift[i % dim]) / scaling.scale[i % dim];
  return out;
}

/** Training coordinates → data units. */
export function fromScaled(v: ArrayLike<number>, scaling: Scaling): Float64Array {
  const dim = scaling.shift.length;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = scaling.shift[i % dim] + scaling.scale[i % dim] * v[i];
  return out;
}

/** The model of a spec: data-units model and the model as trained. */
export function buildFitModel(spec: FitModelSpec, stateNames: readonly string[], scaling: Scaling, normalise: boolean, source = "--model"): { model: Model; trainModel: Model } {
  const dim = stateNames.length;
  if (spec.kind === "blackbox") {
    const net = new BlackBoxModel([dim, ...spec.hidden, dim], spec.activation as ActivationName);
    // The network lives in training coordinates; seen from data units it is rescaled.
    const inv = { shift: scaling.shift.map((s, j) => -s / scaling.scale[j]), scale: scaling.scale.map((c) => 1 / c) };
    return { model: normalise ? new ScaledModel(net, inv.shift, inv.scale) : net, trainModel: net };
  }
  const def = spec.definition;
  if (def.state.join(",") !== stateNames.join(",")) {
    const missing = def.state.filter((s) => !stateNames.includes(s));
    fail(`${source}: the model's states (${def.state.join(", ")}) must be the data's state columns in order (${stateNames.join(", ")})${missing.length ? `; not in the data: ${missing.join(", ")}` : ""}; pick them with --states`);
  }
  const { model } = compileGrayBox(def, source);
  return { model, trainModel: normalise ? new ScaledModel(model, scaling.shift, scaling.scale) : model };
}

/** Resolve the settings, read and check the data and the model: every input problem is raised here. */
export function prepareFit(options: FitOptions): PreparedFit {
  const data = typeof options.data === "string" ? readMeasuredData(options.data, options.columns) : options.data;
  const dim = data.stateNames.length;
  check(options.trainFraction, "--train-fraction", (v) => v > 0 && v <= 1, "a number in (0, 1]");
  check(options.trainUntil, "--train-until", (v) => v > 0, "a time > 0 (after each trajectory's first time)");
  if (options.trainUntil !== undefined && options.trainFraction !== undefined) fail("--train-until and --train-fraction: give one of them");
  check(options.epochs, "--epochs", (v) => Number.isInteger(v) && v >= 1, "a whole number ≥ 1");
  check(options.lr, "--lr", (v) => v > 0, "a number > 0");
  check(options.weightDecay, "--weight-decay", (v) => v >= 0, "a number ≥ 0");
  check(options.seed, "--seed", (v) => Number.isInteger(v) && v >= 0, "a whole number ≥ 0");
  check(options.k, "--k", (v) => v >= 0, "a number ≥ 0");
  check(options.alpha, "--alpha", (v) => v >= 0, "a number ≥ 0");
  check(options.steps, "--steps", (v) => Number.isInteger(v) && v >= 1, "a whole number ≥ 1");
  check(options.decay, "--decay", (v) => v > 0 && v < 1, "a number in (0, 1)");
  check(options.rtol, "--rtol", (v) => v > 0, "a number > 0");
  check(options.atol, "--atol", (v) => v > 0, "a number > 0");
  check(options.segments, "--segments", (v) => Number.isInteger(v) && v >= 1, "a whole number ≥ 1");
  check(options.continuityWeight, "--continuity-weight", (v) => v >= 0, "a number ≥ 0");
  if (options.widths) for (const w of options.widths) check(w, "--widths", (v) => Number.isInteger(v) && v >= 1, "hidden widths as whole numbers ≥ 1, e.g. 32 or 50,50");
  const method = options.method ?? "homotopy";
  if (!FIT_METHODS.includes(method)) fail(`--method: expected one of ${FIT_METHODS.join(", ")}, got "${method}"`);
  if (method !== "homotopy") for (const [flag, v] of [["--k", options.k], ["--steps", options.steps], ["--decay", options.decay]] as const) if (v !== undefined) fail(`${flag}: applies to --method homotopy only, not ${method}`);
  if (method !== "multishoot") for (const [flag, v] of [["--segments", options.segments], ["--continuity-weight", options.continuityWeight]] as const) if (v !== undefined) fail(`${flag}: applies to --method multishoot only, not ${method}`);
  const normalise = options.normalise ?? true;

  let modelSpec: FitModelSpec;
  const m = options.model ?? "blackbox";
  if (m === "blackbox") {
    const activation = options.activation ?? DEFAULTS.activation;
    if (!FIT_ACTIVATIONS.includes(activation)) fail(`--activation: expected one of ${FIT_ACTIVATIONS.join(", ")}, got "${activation}"`);
    modelSpec = { kind: "blackbox", hidden: options.widths ?? DEFAULTS.hidden, activation };
  } else {
    if (options.widths || options.activation) fail("--widths and --activation: a gray-box model file sets each network's widths and activation");
    modelSpec = typeof m === "string" ? { kind: "graybox", definition: readGrayBoxFile(m), file: m } : { kind: "graybox", definition: m };
  }
  const modelSource = modelSpec.kind === "graybox" && modelSpec.file ? `--model ${modelSpec.file}` : "--model";

  const trainUntil = options.trainUntil ?? null;
  const trainFraction = options.trainFraction ?? DEFAULTS.trainFraction;
  const trajectories = splitTrajectories(data, trainUntil, trainFraction);
  const { scaling } = scalingOf(trajectories, dim, normalise);
  const { model, trainModel } = buildFitModel(modelSpec, data.stateNames, scaling, normalise, modelSource);

  if (options.u0 !== undefined) {
    if (trajectories.length !== 1) fail(`--u0: the data has ${trajectories.length} trajectories; an initial condition can replace the first sample of a single trajectory only`);
    if (options.u0.length !== dim || options.u0.some((v) => !Number.isFinite(v))) fail(`--u0: expected ${dim} numbers (${data.stateNames.join(", ")}), got ${options.u0.join(",")}`);
  }
  const training: TrainingData[] = trajectories.map((tr) => {
    const n = tr.trainPoints;
    const u = toScaled(tr.u.subarray(0, n * dim), scaling);
    const u0 = options.u0 ? toScaled(options.u0, scaling) : u.slice(0, dim);
    return { t: tr.t.slice(0, n), u, u0 };
  });

  let epochs = options.epochs ?? DEFAULTS.epochs;
  let homotopy: FitSettings["homotopy"] = null;
  let splines: SmoothingSpline[] | null = null;
  if (method === "homotopy") {
    const steps = options.steps ?? DEFAULTS.steps;
    if (epochs < steps) fail(`--epochs: homotopy with ${steps} λ steps needs at least ${steps} epochs, got ${epochs}`);
    const epochsPerStep = Math.floor(epochs / steps);
    epochs = steps * epochsPerStep;
    const alpha = options.alpha ?? DEFAULTS.alpha;
    splines = training.map((d) => new SmoothingSpline(d.t, d.u, dim, alpha));
    let k = options.k;
    let kSource = "given (--k)";
    if (k === undefined) {
      const est = couplingStrengthFromData(splines);
      k = est.k;
      kSource = `Theorem-1 helper on the Jacobian of a quadratic field fitted to the data's spline (largest symmetric-part eigenvalue ${est.maxSymEigenvalue.toPrecision(3)}, +10 %, rounded up)`;
    }
    homotopy = { k, kSource, alpha, steps, decay: options.decay ?? DEFAULTS.decay, epochsPerStep };
  } else if (options.alpha !== undefined) fail(`--alpha: the spline's smoothing applies to --method homotopy only, not ${method}`);
  let multishoot: FitSettings["multishoot"] = null;
  if (method === "multishoot") {
    multishoot = { segments: options.segments ?? DEFAULTS.segments, continuityWeight: options.continuityWeight ?? DEFAULTS.continuityWeight };
    for (const [j, d] of training.entries()) {
      if (multishoot.segments > Math.floor(d.t.length / 2)) fail(`--segments: the training window of trajectory "${trajectories[j].id}" has ${d.t.length} points, allowing at most ${Math.floor(d.t.length / 2)} segments; got ${multishoot.segments}`);
    }
  }
  const settings: FitSettings = {
    method,
    model: modelSpec,
    normalise,
    trainUntil,
    trainFraction,
    epochs,
    lr: options.lr ?? DEFAULTS.lr,
    weightDecay: options.weightDecay ?? DEFAULTS.weightDecay,
    seed: options.seed ?? DEFAULTS.seed,
    solver: { method: options.solver ?? "dopri5", rtol: options.rtol ?? DEFAULTS.rtol, atol: options.atol ?? DEFAULTS.atol, maxSteps: DEFAULTS.maxSteps },
    homotopy,
    multishoot,
    u0: options.u0 ? options.u0.slice() : null,
  };
  if (!["dopri5", "rk4", "euler"].includes(settings.solver.method)) fail(`--solver: expected one of dopri5, rk4, euler, got "${settings.solver.method}"`);
  const theta0 = trainModel.init(new TorchGenerator(settings.seed));
  return { settings, data, trajectories, scaling, model, trainModel, theta0, training, splines };
}

export function solverOptionsOf(settings: FitSettings): SolveOptions {
  return { method: settings.solver.method, rtol: settings.solver.rtol, atol: settings.solver.atol, maxSteps: settings.solver.maxSteps };
}

function objectiveFor(prep: PreparedFit, j: number): Objective {
  const { settings, trainModel, training, splines } = prep;
  const solver = solverOptionsOf(settings);
  const d = training[j];
  if (settings.method === "vanilla") return new VanillaObjective(trainModel, d, solver);
  if (settings.method === "multishoot") {
    const ms = settings.multishoot as NonNullable<FitSettings["multishoot"]>;
    return new MultipleShootingObjective(trainModel, d, solver, ms.segments, ms.continuityWeight);
  }
  const h = settings.homotopy as NonNullable<FitSettings["homotopy"]>;
  return new HomotopyObjective(trainModel, d, solver, (splines as SmoothingSpline[])[j], h.k, powerLawSchedule({ steps: h.steps, epochsPerStep: h.epochsPerStep, decay: h.decay }));
}

/** Roll the trained model out over each trajectory's times, in data units (null where the solver fails). */
export function rolloutTrajectories(prep: PreparedFit, theta: Float64Array): (Float64Array | null)[] {
  return prep.trajectories.map((tr, j) => {
    try {
      const v = solve(prep.trainModel, prep.training[j].u0, tr.t, theta, { ...solverOptionsOf(prep.settings), record: false }).us;
      return fromScaled(v, prep.scaling);
    } catch {
      return null;
    }
  });
}

function windowMetrics(prep: PreparedFit, preds: (Float64Array | null)[], variance: number[], window: "train" | "extrap") {
  const dim = prep.data.stateNames.length;
  const sum = new Array(dim).fill(0);
  let count = 0;
  let total = 0;
  let failed = false;
  prep.trajectories.forEach((tr, j) => {
    const from = window === "train" ? 0 : tr.trainPoints;
    const to = window === "train" ? tr.trainPoints : tr.t.length;
    if (to <= from) return;
    const p = preds[j];
    if (!p) {
      failed = true;
      return;
    }
    for (let i = from; i < to; i++) {
      for (let c = 0; c < dim; c++) {
        const r = p[i * dim + c] - tr.u[i * dim + c];
        const e = r * r;
        sum[c] += e;
        total += e; // row-major, as loss.ts's mse, so one trajectory gives the training MSE bit for bit
      }
    }
    count += to - from;
  });
  if (failed || count === 0) return { mse: null, nmse: null, byState: new Array(dim).fill(null) as (number | null)[] };
  const byState = sum.map((s) => s / count);
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    mse: finite(total / (count * dim)),
    nmse: finite(byState.reduce((a, b, c) => a + b / (variance[c] > 0 ? variance[c] : 1), 0) / dim),
    byState: byState.map(finite),
  };
}

/** Train a prepared fit and score its best θ (the library's fitData = prepareFit + runFit). */
export function runFit(prep: PreparedFit, options: Pick<FitOptions, "onEpoch" | "resume" | "checkpointEvery" | "onState"> = {}): FitResult {
  const { settings, trainModel, training } = prep;
  const objective = training.length === 1 ? objectiveFor(prep, 0) : new MultiTrajectoryObjective(trainModel, training.map((d, j) => ({ objective: objectiveFor(prep, j), data: d })), solverOptionsOf(settings));
  const result = train(trainModel, training[0], objective, prep.theta0, {
    epochs: settings.epochs,
    // Weight decay regularises network weights; it would bias physical parameters towards 0.
    optimizer: { lr: settings.lr, weightDecay: settings.weightDecay, noDecay: grayBoxOf(prep.model)?.learned.map((_, j) => j) ?? [] },
    solver: solverOptionsOf(settings),
    onEpoch: options.onEpoch,
    resume: options.resume,
    checkpointEvery: options.checkpointEvery,
    onCheckpoint: options.onState ? (st) => options.onState?.(st, false) : undefined,
  });
  options.onState?.(result.state, true);
  const theta = result.bestEpoch >= 0 ? result.bestTheta : Float64Array.from(prep.theta0);
  const preds = result.bestEpoch >= 0 ? rolloutTrajectories(prep, theta) : prep.trajectories.map(() => null);
  const { variance } = scalingOf(prep.trajectories, prep.data.stateNames.length, false);
  const interp = windowMetrics(prep, preds, variance, "train");
  const extrap = windowMetrics(prep, preds, variance, "extrap");
  return {
    ...prep,
    theta,
    variance,
    history: result.history,
    state: result.state,
    metrics: {
      interpMse: interp.mse,
      extrapMse: extrap.mse,
      interpNmse: interp.nmse,
      extrapNmse: extrap.nmse,
      interpMseByState: interp.byState,
      extrapMseByState: extrap.byState,
      bestEpoch: result.bestEpoch,
      epochs: result.epochsRun,
      seconds: result.seconds,
      status: result.status,
      failure: result.failure,
    },
    fits: prep.trajectories.map((tr, j) => ({ id: tr.id, t: Array.from(tr.t), data: Array.from(tr.u), prediction: preds[j] ? Array.from(preds[j] as Float64Array) : null, trainPoints: tr.trainPoints })),
  };
}

/** Fit a model to measured data: what `homotopy-ode fit` runs. */
export function fitData(options: FitOptions): FitResult {
  return runFit(prepareFit(options), options);
}

/** The gray-box model inside a fit (null for black-box). */
export function grayBoxOf(model: Model): EquationNetworkModel | null {
  const inner = model instanceof ScaledModel ? model.inner : model;
  return inner instanceof EquationNetworkModel ? inner : null;
}
