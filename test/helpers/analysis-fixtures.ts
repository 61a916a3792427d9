/** Shared fixtures of the analysis tests: a tiny NeuralODE loss and dense-matrix helpers. */
import { eigs } from "mathjs";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { SmoothingSpline } from "../../lib/core/interp/spline";
import { TorchGenerator } from "../../lib/core/random/torch";
import { TrainingLoss } from "../../lib/core/hessian/loss";

/** LV data on [0, 3.1), a [2, 4, 2] GELU black-box (22 parameters) at PyTorch seed 10. */
export function tinyNeuralOde(k = 0) {
  const ds = simulateDataset(new LotkaVolterra(), { tEnd: 3.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed: 10 });
  const model = new BlackBoxModel([2, 4, 2], "gelu");
  const theta = model.init(new TorchGenerator(10));
  const data = { t: ds.train.t, u: ds.train.u, u0: ds.u0 };
  const coupling = k > 0 ? { interpolant: new SmoothingSpline(data.t, data.u, 2, 1e-3), k } : null;
  const loss = new TrainingLoss(model, data, theta, { solver: { method: "dopri5", rtol: 1e-7, atol: 1e-9 }, coupling });
  return { ds, model, theta, data, loss };
}

/** Eigenvalues of a dense symmetric matrix (n × n row-major), ascending, by mathjs (the independent reference). */
export function denseEigenvalues(m: Float64Array, n: number): number[] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(m.subarray(i * n, (i + 1) * n)));
  const values = eigs(rows).values as unknown as number[];
  return Array.from(values, Number).sort((a, b) => a - b);
}

export function matVec(m: Float64Array, v: Float64Array): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j] * v[j];
    out[i] = s;
  }
  return out;
}

export function traceOf(m: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += m[i * n + i];
  return s;
}

/** ‖a − b‖ / ‖b‖. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}
