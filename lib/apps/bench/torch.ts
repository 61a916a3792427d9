/**
 * The PyTorch reference of a bench case: the case's problem as JSON (network, θ, data, splines,
 * solver, coupling) and running tools/torch_bench.py on it, so both sides solve the same problem
 * (the adaptive cases then take the same steps). PyTorch is optional: without it the bench says so.
 */
import path from "node:path";
import { spawnSync } from "node:child_process";
import { MLP, SmoothingSpline, BlackBoxModel, HomotopyObjective } from "../../core/index";
import {
  ModelName, SystemName, paperConfig, buildDataset, buildModel, buildObjective, initialTheta, solverOptions,
} from "../../paper/index";

/** Everything tools/torch_bench.py needs to rebuild a case's step. */
export interface TorchProblem {
  case: string;
  method: "rk4" | "dopri5";
  substeps?: number;
  rtol?: number;
  atol?: number;
  widths: number[];
  activation: string;
  /** θ in our layout (= PyTorch's nn.Linear layout, layer by layer: weight then bias). */
  theta: number[];
  t: number[];
  /** B initial states of d, one after another (B = 1 for a single trajectory). */
  u0: number[];
  /** B trajectories of (times × d), one after another. */
  data: number[];
  /** One spline per trajectory, on the same knots. */
  splines: { knots: number[]; fitted: number[]; gamma: number[] }[];
  /** Coupling gain per component. */
  k: number[];
  lambda: number;
  /** The step also runs an uncoupled solve without gradient (the training loop's MSE). */
  uncoupled: boolean;
  /** What our step returns on this problem (loss terms + dL/dθ₀); the reference must return the same. */
  ourStepValue?: number;
}

/** A case's problem with the value our step returns on it, so the reference can prove it computes the same. */
export function checkedTorchProblem(c: { setup(): () => number; torch?(): TorchProblem }): TorchProblem | null {
  if (!c.torch) return null;
  return { ...c.torch(), ourStepValue: c.setup()() };
}

/** What a case hands over to build its TorchProblem. */
export interface TorchProblemParts {
  case: string;
  solver: { method: "rk4" | "dopri5"; substeps?: number; rtol?: number; atol?: number };
  mlp: MLP;
  theta: Float64Array;
  t: Float64Array;
  u0s: readonly Float64Array[];
  data: readonly Float64Array[];
  splines: readonly SmoothingSpline[];
  k: number | readonly number[];
  lambda: number;
  uncoupled: boolean;
}

export function torchProblem(p: TorchProblemParts): TorchProblem {
  const d = p.mlp.inputDim;
  const rtol = p.solver.method === "dopri5" ? p.solver.rtol ?? 1e-7 : undefined;
  const atol = p.solver.method === "dopri5" ? p.solver.atol ?? 1e-9 : undefined;
  const flat = (parts: readonly Float64Array[]) => parts.flatMap((a) => Array.from(a));
  return {
    case: p.case,
    method: p.solver.method,
    substeps: p.solver.substeps,
    rtol,
    atol,
    widths: p.mlp.widths.slice(),
    activation: p.mlp.activation,
    theta: Array.from(p.theta),
    t: Array.from(p.t),
    u0: flat(p.u0s),
    data: flat(p.data),
    splines: p.splines.map((s) => ({ knots: Array.from(s.knots), fitted: Array.from(s.fitted), gamma: Array.from(s.gamma) })),
    k: typeof p.k === "number" ? new Array<number>(d).fill(p.k) : p.k.slice(),
    lambda: p.lambda,
    uncoupled: p.uncoupled,
  };
}

/**
 * The problem of a paper config's full-profile homotopy epoch 0 (seed 10, built as reproduce builds
 * it): coupled solve at the schedule's first λ with its gradient, then the uncoupled solve.
 * Black-box models only (the reference's network is one MLP).
 */
export function paperHomotopyProblem(caseName: string, system: SystemName, model: ModelName): TorchProblem {
  const config = paperConfig(system, model, "homotopy", { profile: "full", seed: 10 });
  const net = buildModel(config);
  if (!(net instanceof BlackBoxModel)) throw new RangeError(`torch reference: ${system} ${model} is not a black-box network; only black-box models have a PyTorch reference`);
  const ds = buildDataset(config);
  const objective = buildObjective(config, net, ds) as HomotopyObjective;
  const solver = solverOptions(config);
  if (solver.method !== "dopri5" && solver.method !== "rk4") throw new RangeError(`torch reference: solver ${solver.method} has no PyTorch counterpart here; expected dopri5 or rk4`);
  return torchProblem({
    case: caseName,
    solver: { method: solver.method, substeps: solver.substeps, rtol: solver.rtol, atol: solver.atol },
    mlp: net.mlp,
    theta: initialTheta(config, net),
    t: ds.train.t,
    u0s: [ds.u0],
    data: [ds.train.u],
    splines: [objective.coupled.target as SmoothingSpline],
    k: Array.from(objective.coupled.k),
    lambda: objective.schedule.lambda(0),
    uncoupled: true,
  });
}

/** The python with PyTorch (Debian: apt-get install python3-torch). */
export const TORCH_PYTHON = process.env.HOMOTOPY_PYTHON ?? "/usr/bin/python3";
const SCRIPT = path.resolve(__dirname, "..", "..", "..", "tools", "torch_bench.py");

let available: boolean | undefined;

/** Whether TORCH_PYTHON can import torch (checked once). */
export function torchAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync(TORCH_PYTHON, ["-c", "import torch"], { encoding: "utf8" });
    available = r.status === 0;
  }
  return available;
}

export interface TorchResult {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  /** PyTorch's version. */
  torch: string;
}

/** Time the PyTorch reference of one problem (warm-up, then the median of `runs`). */
export function runTorchReference(problem: TorchProblem, runs: number): TorchResult {
  // Two warm-up steps: eager PyTorch has no compilation to wait for, and its steps take seconds.
  const r = spawnSync(TORCH_PYTHON, [SCRIPT, "--problem", "-", "--runs", String(runs), "--warmup", "2", "--json"], {
    input: JSON.stringify(problem),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`torch reference for ${problem.case} failed: ${(r.stderr || String(r.error)).trim().split("\n").pop()}`);
  return JSON.parse(r.stdout) as TorchResult;
}
