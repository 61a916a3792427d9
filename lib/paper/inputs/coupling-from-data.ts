/**
 * A coupling strength for measured data, where no equations give ∂f/∂u: fit a quadratic vector
 * field to the data's spline (dû/dt ≈ quadratic polynomial of û, ridge least squares over the
 * knots of all trajectories) and apply the Theorem-1 helper to its Jacobian along the spline
 * (k above the largest eigenvalue of (J + Jᵀ)/2). Local linear fits were tried first: along one
 * trajectory the states in a short window are nearly collinear, so their Jacobians blew up. A
 * heuristic guide, stated as such in reports.
 */
import { SmoothingSpline, suggestCouplingStrength } from "../../core/index";

/** Quadratic features of u: 1, u_i, u_i·u_j (i ≤ j). */
function features(u: ArrayLike<number>, dim: number): Float64Array {
  const f = [1];
  for (let i = 0; i < dim; i++) f.push(u[i]);
  for (let i = 0; i < dim; i++) for (let j = i; j < dim; j++) f.push(u[i] * u[j]);
  return Float64Array.from(f);
}

/** Ridge least squares: coefficients B (nFeatures × dim) with Y ≈ F B. */
function ridge(F: Float64Array[], Y: Float64Array[], ridgeWeight: number): Float64Array[] {
  const m = F[0].length;
  const dim = Y[0].length;
  const A = Array.from({ length: m }, () => new Float64Array(m + dim));
  for (let r = 0; r < F.length; r++) {
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) A[a][b] += F[r][a] * F[r][b];
      for (let c = 0; c < dim; c++) A[a][m + c] += F[r][a] * Y[r][c];
    }
  }
  let tr = 0;
  for (let a = 0; a < m; a++) tr += A[a][a];
  for (let a = 1; a < m; a++) A[a][a] += (ridgeWeight * tr) / m;
  // Gauss–Jordan with partial pivoting on the augmented matrix.
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(A[r][col]) > Math.abs(A[piv][col])) piv = r;
    [A[col], A[piv]] = [A[piv], A[col]];
    const d = A[col][col];
    if (d === 0) continue;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = A[r][col] / d;
      if (f !== 0) for (let c = col; c < m + dim; c++) A[r][c] -= f * A[col][c];
    }
  }
  return Array.from({ length: m }, (_, a) => Float64Array.from({ length: dim }, (_, c) => (A[a][a] === 0 ? 0 : A[a][m + c] / A[a][a])));
}

export interface DataCouplingStrength {
  /** Suggested k, rounded up to two significant digits (1 when the estimate is ≤ 0). */
  k: number;
  /** Largest eigenvalue of the symmetric part of the estimated Jacobian over all trajectories. */
  maxSymEigenvalue: number;
}

/** k from Theorem 1 with J estimated from the splines of the (training) data. */
export function couplingStrengthFromData(splines: SmoothingSpline[], margin = 0.1, ridgeWeight = 1e-6): DataCouplingStrength {
  const dim = splines[0].dim;
  const F: Float64Array[] = [];
  const Y: Float64Array[] = [];
  for (const spline of splines) {
    for (let i = 0; i < spline.knots.length; i++) {
      const u = spline.fitted.subarray(i * dim, (i + 1) * dim);
      const du = new Float64Array(dim);
      spline.derivative(spline.knots[i], du);
      F.push(features(u, dim));
      Y.push(du);
    }
  }
  const B = ridge(F, Y, ridgeWeight);
  // J[c][j] = ∂(Σ_a B[a][c] f_a(u))/∂u_j for the quadratic features.
  const jacobian = (_t: number, u: Float64Array, out: Float64Array) => {
    for (let c = 0; c < dim; c++) {
      for (let j = 0; j < dim; j++) {
        let v = B[1 + j][c];
        let a = 1 + dim;
        for (let p = 0; p < dim; p++) {
          for (let q = p; q < dim; q++, a++) {
            if (p === j) v += B[a][c] * u[q];
            if (q === j) v += B[a][c] * u[p];
          }
        }
        out[c * dim + j] = v;
      }
    }
  };
  let best = -Infinity;
  for (const spline of splines) best = Math.max(best, suggestCouplingStrength({ jacobian, spline, dim, margin }).maxSymEigenvalue);
  const raw = Math.max(best, 0) * (1 + margin);
  if (!(raw > 0)) return { k: 1, maxSymEigenvalue: best };
  const digits = Math.pow(10, Math.floor(Math.log10(raw)) - 1);
  return { k: Number((Math.ceil(raw / digits - 1e-9) * digits).toPrecision(12)), maxSymEigenvalue: best };
}
