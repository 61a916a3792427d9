/**
 * A coupling strength for measured data, where no equations give ∂f/∂u: estimate J along the
 * data's spline by local linear regression of the spline's derivative on its state
 * (dû/dt ≈ J (û − û_i) + b over the knots near knot i), then apply the Theorem-1 helper
 * (k above the largest eigenvalue of (J + Jᵀ)/2). A heuristic guide, stated as such in reports.
 */
import { SmoothingSpline } from "../../core/interp/spline";
import { suggestCouplingStrength } from "../../core/train/coupling-strength";

/** Least squares Y ≈ [X, 1] B with a tiny ridge; returns J (dim × dim, row-major: J[i][j] = ∂f_i/∂u_j). */
function localJacobian(X: Float64Array[], Y: Float64Array[], dim: number): Float64Array {
  const m = dim + 1;
  const A = new Float64Array(m * m);
  const B = new Float64Array(m * dim);
  for (let r = 0; r < X.length; r++) {
    const z = [...X[r], 1];
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) A[a * m + b] += z[a] * z[b];
      for (let c = 0; c < dim; c++) B[a * dim + c] += z[a] * Y[r][c];
    }
  }
  let tr = 0;
  for (let a = 0; a < dim; a++) tr += A[a * m + a];
  for (let a = 0; a < dim; a++) A[a * m + a] += 1e-8 * tr + 1e-300;
  // Gaussian elimination with partial pivoting on [A | B].
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(A[r * m + col]) > Math.abs(A[piv * m + col])) piv = r;
    if (piv !== col) {
      for (let c = 0; c < m; c++) [A[col * m + c], A[piv * m + c]] = [A[piv * m + c], A[col * m + c]];
      for (let c = 0; c < dim; c++) [B[col * dim + c], B[piv * dim + c]] = [B[piv * dim + c], B[col * dim + c]];
    }
    const d = A[col * m + col];
    if (d === 0) continue;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = A[r * m + col] / d;
      if (f === 0) continue;
      for (let c = 0; c < m; c++) A[r * m + c] -= f * A[col * m + c];
      for (let c = 0; c < dim; c++) B[r * dim + c] -= f * B[col * dim + c];
    }
  }
  const J = new Float64Array(dim * dim);
  for (let a = 0; a < dim; a++) {
    const d = A[a * m + a];
    for (let c = 0; c < dim; c++) J[c * dim + a] = d === 0 ? 0 : B[a * dim + c] / d;
  }
  return J;
}

export interface DataCouplingStrength {
  /** Suggested k, rounded up to two significant digits (1 when the estimate is ≤ 0). */
  k: number;
  /** Largest eigenvalue of the symmetric part of the estimated Jacobian over all trajectories. */
  maxSymEigenvalue: number;
}

/** k from Theorem 1 with J estimated from the splines of the (training) data. */
export function couplingStrengthFromData(splines: SmoothingSpline[], margin = 0.1): DataCouplingStrength {
  let best = -Infinity;
  for (const spline of splines) {
    const dim = spline.dim;
    const knots = spline.knots;
    const n = knots.length;
    const u = Array.from({ length: n }, (_, i) => spline.fitted.slice(i * dim, (i + 1) * dim));
    const du = Array.from({ length: n }, (_, i) => {
      const d = new Float64Array(dim);
      spline.derivative(knots[i], d);
      return d;
    });
    const half = Math.max(dim + 1, 4);
    const J = u.map((ui, i) => {
      const from = Math.max(0, Math.min(i - half, n - 2 * half - 1));
      const to = Math.min(n - 1, from + 2 * half);
      const X: Float64Array[] = [];
      const Y: Float64Array[] = [];
      for (let j = from; j <= to; j++) {
        X.push(u[j].map((v, c) => v - ui[c]));
        Y.push(du[j]);
      }
      return localJacobian(X, Y, dim);
    });
    const jacobian = (t: number, _u: Float64Array, out: Float64Array) => {
      let i = 0;
      while (i + 1 < n && Math.abs(knots[i + 1] - t) <= Math.abs(knots[i] - t)) i++;
      out.set(J[i]);
    };
    const r = suggestCouplingStrength({ jacobian, spline, dim, between: 0, margin });
    best = Math.max(best, r.maxSymEigenvalue);
  }
  const raw = Math.max(best, 0) * (1 + margin);
  if (!(raw > 0)) return { k: 1, maxSymEigenvalue: best };
  const digits = Math.pow(10, Math.floor(Math.log10(raw)) - 1);
  return { k: Number((Math.ceil(raw / digits - 1e-9) * digits).toPrecision(12)), maxSymEigenvalue: best };
}
