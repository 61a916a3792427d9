/**
 * Benchmark cases: each times one training step (forward solve, MSE, full gradient) of a fixed,
 * seeded problem. Targets come from the foundation issue.
 */
import {
  BlackBoxModel, solve, SmoothingSpline, CoupledField, mse, mseGradient, Rng, stackTrajectories,
  batchedCoupledField,
} from "../../core/index";
import { LotkaVolterra, simulateDataset } from "../../paper/index";
import { paperHomotopyProblem, torchProblem, TorchProblem } from "./torch";
import { paperHomotopyEpoch } from "./paper-epoch";

/** One timed step (returns the loss so the work cannot be skipped), optionally saying what it runs on. */
export type BenchStep = (() => number) & { note?: string };

/** A step with its note attached (e.g. which data a paper case found). */
function noted(s: { step: () => number; note: string }): BenchStep {
  return Object.assign(s.step, { note: s.note });
}

export interface BenchCase {
  name: string;
  description: string;
  /** Target median in ms, where the issue sets one. */
  targetMs?: number;
  /** Build the problem; returns one step to time. */
  setup(): BenchStep;
  /** The same problem for the PyTorch reference (tools/torch_bench.py). */
  torch?(): TorchProblem;
}

/** The LV data of the rk4 cases: 1000 noisy points on [0, 10) from u0, and its spline. */
function lvThousand(u0?: Float64Array, noiseSeed = 10) {
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 10, dt: 0.01, u0, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed });
  return { ds, spline: new SmoothingSpline(ds.train.t, ds.train.u, 2, 1e-3) };
}

function rk4Lv1000() {
  const { ds, spline } = lvThousand();
  const model = new BlackBoxModel([2, 64, 64, 2], "tanh");
  return { ds, spline, model, theta: model.init(new Rng(10)) };
}

const BATCH = 16;

/** 16 LV problems of 1000 points: u0 ~ U[0.5, 2.5]² from Rng(16), trajectory b's noise seeded 10 + b, each its own spline. */
function rk4Lv1000Batch() {
  const rng = new Rng(16);
  const parts = Array.from({ length: BATCH }, (_, b) => lvThousand(Float64Array.from([rng.uniformRange(0.5, 2.5), rng.uniformRange(0.5, 2.5)]), 10 + b));
  const model = new BlackBoxModel([2, 64, 64, 2], "tanh");
  return { parts, model, theta: model.init(new Rng(10)) };
}

function lvEpoch() {
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 6.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 } });
  const model = new BlackBoxModel([2, 32, 2], "gelu");
  return { ds, model, theta: model.init(new Rng(10)), spline: new SmoothingSpline(ds.train.t, ds.train.u, 2, 1e-3) };
}

export const BENCH_CASES: BenchCase[] = [
  {
    name: "rk4-lv-1000-h64",
    description: "RK4 (one step per interval), LV data, MLP 2→64→64→2 tanh, 1000 points on [0, 10], coupled k = 5: solve + MSE + gradient",
    targetMs: 60,
    setup() {
      const { ds, spline, model, theta } = rk4Lv1000();
      const field = new CoupledField(model, spline, 5, 1);
      return () => {
        const sol = solve(field, ds.u0, ds.train.t, theta, { method: "rk4" });
        const g = sol.backward(mseGradient(sol.us, ds.train.u));
        return mse(sol.us, ds.train.u) + g.theta[0];
      };
    },
    torch() {
      const { ds, spline, model, theta } = rk4Lv1000();
      return torchProblem({
        case: "rk4-lv-1000-h64", solver: { method: "rk4" }, mlp: model.mlp, theta, t: ds.train.t, u0s: [ds.u0], data: [ds.train.u],
        splines: [spline], k: 5, lambda: 1, uncoupled: false,
      });
    },
  },
  {
    name: "rk4-lv-1000-h64-b16",
    description:
      "the rk4-lv-1000-h64 step for 16 trajectories as one batched solve: LV from 16 initial conditions u0 ~ U[0.5, 2.5]² (Rng(16)), " +
      "each with its own noisy data (noise seed 10 + b) and spline; one network call per stage for all 16 states; MSE over all + gradient",
    setup() {
      const { parts, model, theta } = rk4Lv1000Batch();
      const field = batchedCoupledField(model, parts.map((p) => p.spline), 5, 1);
      const u0 = stackTrajectories(parts.map((p) => p.ds.u0), 2);
      const data = stackTrajectories(parts.map((p) => p.ds.train.u), 2);
      const t = parts[0].ds.train.t;
      return () => {
        const sol = solve(field, u0, t, theta, { method: "rk4" });
        const g = sol.backward(mseGradient(sol.us, data));
        return mse(sol.us, data) + g.theta[0];
      };
    },
    torch() {
      const { parts, model, theta } = rk4Lv1000Batch();
      return torchProblem({
        case: "rk4-lv-1000-h64-b16", solver: { method: "rk4" }, mlp: model.mlp, theta, t: parts[0].ds.train.t,
        u0s: parts.map((p) => p.ds.u0), data: parts.map((p) => p.ds.train.u), splines: parts.map((p) => p.spline), k: 5, lambda: 1, uncoupled: false,
      });
    },
  },
  {
    name: "lv-homotopy-epoch",
    description: "the paper's LV homotopy epoch: dopri5 (1e-7/1e-9), [2, 32, 2] GELU, 61 points on [0, 6], k = 6, λ = 1: coupled solve with gradient + uncoupled solve",
    targetMs: 5,
    setup() {
      const { ds, model, theta, spline } = lvEpoch();
      const field = new CoupledField(model, spline, 6, 1);
      return () => {
        const plain = solve(model, ds.u0, ds.train.t, theta, { record: false });
        const sol = solve(field, ds.u0, ds.train.t, theta);
        const g = sol.backward(mseGradient(sol.us, ds.train.u));
        return mse(plain.us, ds.train.u) + mse(sol.us, ds.train.u) + g.theta[0];
      };
    },
    torch() {
      const { ds, model, theta, spline } = lvEpoch();
      return torchProblem({
        case: "lv-homotopy-epoch", solver: { method: "dopri5" }, mlp: model.mlp, theta, t: ds.train.t, u0s: [ds.u0], data: [ds.train.u],
        splines: [spline], k: 6, lambda: 1, uncoupled: true,
      });
    },
  },
  {
    name: "lorenz-homotopy-epoch",
    description: "the paper's Lorenz black-box homotopy epoch (full profile, as reproduce builds it): dopri5 (1e-7/1e-9), [3, 50, 50, 3] GELU, 31 points on [0, 3.1), k = 6, λ = 1, torch-identical θ of seed 10: coupled solve with gradient + uncoupled solve",
    // A third of today's median (14.6 ms; invocations 14.57, 17.39, 14.58 ms at load ≈ 2.5 on 2 cores).
    targetMs: 5,
    setup: () => noted(paperHomotopyEpoch("lorenz", "blackbox")),
    torch: () => paperHomotopyProblem("lorenz-homotopy-epoch", "lorenz", "blackbox"),
  },
  {
    name: "dp-homotopy-epoch",
    description: "the paper's double-pendulum black-box homotopy epoch (full profile): dopri5 (1e-7/1e-9), [4, 50, 50, 4] GELU, 100 points, k = 10, λ = 1, torch-identical θ of seed 10; the recording when HOMOTOPY_DATA_DIR is set, else the synthetic pendulum (printed): coupled solve with gradient + uncoupled solve",
    // A third of today's median with the recording (17.4 ms; invocations 14.56, 17.41, 25.96 ms at load ≈ 2.5).
    targetMs: 6,
    setup: () => noted(paperHomotopyEpoch("double-pendulum", "blackbox")),
    torch: () => paperHomotopyProblem("dp-homotopy-epoch", "double-pendulum", "blackbox"),
  },
];
