/**
 * Benchmark cases: each times one training step (forward solve, MSE, full gradient) of a fixed,
 * seeded problem. Targets come from the foundation issue.
 */
import { BlackBoxModel } from "../../core/models/blackbox";
import { solve } from "../../core/ode/solve";
import { SmoothingSpline } from "../../core/interp/spline";
import { CoupledField } from "../../core/train/coupling";
import { mse, mseGradient } from "../../core/train/loss";
import { Rng } from "../../core/random/rng";
import { LotkaVolterra } from "../../paper/systems/lotka-volterra";
import { simulateDataset } from "../../paper/systems/dataset";
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
}

export const BENCH_CASES: BenchCase[] = [
  {
    name: "rk4-lv-1000-h64",
    description: "RK4 (one step per interval), LV data, MLP 2→64→64→2 tanh, 1000 points on [0, 10], coupled k = 5: solve + MSE + gradient",
    targetMs: 60,
    setup() {
      const ds = simulateDataset(new LotkaVolterra(), { tEnd: 10, dt: 0.01, noise: { kind: "relative-to-mean", amplitude: 0.05 } });
      const model = new BlackBoxModel([2, 64, 64, 2], "tanh");
      const theta = model.init(new Rng(10));
      const field = new CoupledField(model, new SmoothingSpline(ds.train.t, ds.train.u, 2, 1e-3), 5, 1);
      return () => {
        const sol = solve(field, ds.u0, ds.train.t, theta, { method: "rk4" });
        const g = sol.backward(mseGradient(sol.us, ds.train.u));
        return mse(sol.us, ds.train.u) + g.theta[0];
      };
    },
  },
  {
    name: "lv-homotopy-epoch",
    description: "the paper's LV homotopy epoch: dopri5 (1e-7/1e-9), [2, 32, 2] GELU, 61 points on [0, 6], k = 6, λ = 1: coupled solve with gradient + uncoupled solve",
    targetMs: 5,
    setup() {
      const ds = simulateDataset(new LotkaVolterra(), { tEnd: 6.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 } });
      const model = new BlackBoxModel([2, 32, 2], "gelu");
      const theta = model.init(new Rng(10));
      const field = new CoupledField(model, new SmoothingSpline(ds.train.t, ds.train.u, 2, 1e-3), 6, 1);
      return () => {
        const plain = solve(model, ds.u0, ds.train.t, theta, { record: false });
        const sol = solve(field, ds.u0, ds.train.t, theta);
        const g = sol.backward(mseGradient(sol.us, ds.train.u));
        return mse(plain.us, ds.train.u) + mse(sol.us, ds.train.u) + g.theta[0];
      };
    },
  },
  {
    name: "lorenz-homotopy-epoch",
    description: "the paper's Lorenz black-box homotopy epoch (full profile, as reproduce builds it): dopri5 (1e-7/1e-9), [3, 50, 50, 3] GELU, 31 points on [0, 3.1), k = 6, λ = 1, torch-identical θ of seed 10: coupled solve with gradient + uncoupled solve",
    // A third of today's median (14.6 ms; invocations 14.57, 17.39, 14.58 ms at load ≈ 2.5 on 2 cores).
    targetMs: 5,
    setup: () => noted(paperHomotopyEpoch("lorenz", "blackbox")),
  },
  {
    name: "dp-homotopy-epoch",
    description: "the paper's double-pendulum black-box homotopy epoch (full profile): dopri5 (1e-7/1e-9), [4, 50, 50, 4] GELU, 100 points, k = 10, λ = 1, torch-identical θ of seed 10; the recording when HOMOTOPY_DATA_DIR is set, else the synthetic pendulum (printed): coupled solve with gradient + uncoupled solve",
    // A third of today's median with the recording (17.4 ms; invocations 14.56, 17.41, 25.96 ms at load ≈ 2.5).
    targetMs: 6,
    setup: () => noted(paperHomotopyEpoch("double-pendulum", "blackbox")),
  },
];
