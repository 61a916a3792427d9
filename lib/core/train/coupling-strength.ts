/**
 * A coupling strength suggested by Theorem 1. Linearised along the data û(t), the error
 * ξ = u − û of the coupled model du/dt = U(u) − k(u − û) obeys dξ/dt = (J − kI) ξ with
 * J = ∂U/∂u at û(t). ½ d|ξ|²/dt = ξᵀ S ξ − k|ξ|² with S = (J + Jᵀ)/2, so J − kI is negative
 * definite (|ξ| shrinks whatever its direction) exactly when k > λ_max(S). Taking the largest
 * λ_max(S) along the trajectory gives the smallest k that contracts everywhere on the data.
 *
 * The suggestion is k = max(λ*, 0) · (1 + margin), λ* = max over the evaluation points.
 * The margin is relative, not additive, because λ has units of 1/time: a relative margin keeps
 * the suggestion invariant when time is rescaled, and it covers the peak being missed between
 * evaluation points and the spline's error on noisy data. The condition is sufficient, not
 * necessary (a time-averaged contraction already synchronises), so the suggestion is an upper
 * guide; `meanSymEigenvalue` is reported for that comparison.
 */
import { VectorField } from "../ode/types";

/**
 * A vector field with physical parameters and an exact Jacobian in u (the paper's true systems
 * implement it); declared here so the helper needs nothing from the paper layer.
 */
export interface SystemWithJacobian extends VectorField {
  readonly name: string;
  readonly defaultParams: Float64Array;
  jacobian(t: number, u: Float64Array, params: Float64Array, out: Float64Array): void;
}

/** out ← ∂f/∂u at (t, u), row-major dim × dim. */
export type JacobianFunction = (t: number, u: Float64Array, out: Float64Array) => void;

/** û(t) with its knots (e.g. a SmoothingSpline). */
export interface KnottedInterpolant {
  readonly dim: number;
  readonly knots: ArrayLike<number>;
  evaluate(t: number, out: Float64Array): void;
}

export interface CouplingStrengthOptions {
  /** ∂f/∂u: a function, a true system (its exact Jacobian), or any vector field (J built from vjp rows). */
  jacobian: JacobianFunction | SystemWithJacobian | VectorField;
  /** A true system's parameters (default: its defaultParams), or a vector field's θ. */
  theta?: Float64Array;
  /** Evaluate along this spline, at its knots and `between` evenly spaced points inside each interval. */
  spline?: KnottedInterpolant;
  /** Interior points per knot interval on the spline (default 1: the midpoints). */
  between?: number;
  /** Or evaluate at these samples: u is (t.length × dim) row-major. */
  trajectory?: { t: ArrayLike<number>; u: ArrayLike<number> };
  /** State size (needed only when it cannot be read from the Jacobian source or the spline). */
  dim?: number;
  /** Relative margin above λ* (default 0.1). */
  margin?: number;
}

/** What `suggestCouplingStrength` returns: the suggested k, λ* and where it occurs, the time-average. */
export interface CouplingStrengthResult {
  /** max(λ*, 0) · (1 + margin). */
  suggestedK: number;
  /** λ*: the largest eigenvalue of (J + Jᵀ)/2 over all evaluation points. */
  maxSymEigenvalue: number;
  /** Time and state where λ* occurs. */
  atTime: number;
  atState: Float64Array;
  /** Time average (trapezoidal) of λ_max along the trajectory. */
  meanSymEigenvalue: number;
  margin: number;
  /** λ_max((J + Jᵀ)/2) at every evaluation point, in time order. */
  perTime: { t: number; lambdaMax: number }[];
  /** Where J came from: "function", "true system <name>" or "vector field (vjp)". */
  source: string;
}

/**
 * Eigenvalues (ascending) of a symmetric n × n matrix (row-major; only the upper triangle is
 * read) by cyclic Jacobi rotations: robust for the small matrices here and accurate to round-off.
 */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  if (a.length !== n * n) throw new RangeError(`symmetricEigenvalues: expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      m[i * n + j] = a[i * n + j];
      m[j * n + i] = a[i * n + j];
    }
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += m[i * n + i] * m[i * n + i];
      for (let j = i + 1; j < n; j++) off += m[i * n + j] * m[i * n + j];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        // Rotation that zeroes m[p][q] (Numerical Recipes' stable choice of t = tan φ).
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        m[p * n + q] = 0;
        m[q * n + p] = 0;
      }
    }
  }
  const eig = new Float64Array(n);
  for (let i = 0; i < n; i++) eig[i] = m[i * n + i];
  return eig.sort();
}

/** λ_max of the symmetric part (J + Jᵀ)/2 of a square matrix J (row-major n × n). */
export function maxSymmetricPartEigenvalue(J: ArrayLike<number>, n: number): number {
  if (J.length !== n * n) throw new RangeError(`maxSymmetricPartEigenvalue: expected ${n}×${n} = ${n * n} entries, got ${J.length}`);
  if (n === 1) return J[0];
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S[i * n + j] = 0.5 * (J[i * n + j] + J[j * n + i]);
  const e = symmetricEigenvalues(S, n);
  return e[n - 1];
}

/**
 * ∂f/∂u of any vector field, one row per vjp: row i = e_iᵀ J. Works for trained models without
 * an analytic Jacobian (cost: dim vector-Jacobian products).
 */
export function jacobianFromVjp(field: VectorField, theta: Float64Array, t: number, u: Float64Array, out: Float64Array): void {
  const n = field.dim;
  if (out.length !== n * n) throw new RangeError(`jacobianFromVjp: out must hold ${n}×${n} = ${n * n} entries, got ${out.length}`);
  const bar = new Float64Array(n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    bar.fill(0);
    bar[i] = 1;
    row.fill(0);
    field.vjp(t, u, theta, bar, row, null);
    out.set(row, i * n);
  }
}

function isSystemWithJacobian(x: unknown): x is SystemWithJacobian {
  return typeof x === "object" && x !== null && typeof (x as SystemWithJacobian).jacobian === "function" && (x as SystemWithJacobian).defaultParams instanceof Float64Array;
}

function isVectorField(x: unknown): x is VectorField {
  return typeof x === "object" && x !== null && typeof (x as VectorField).vjp === "function" && typeof (x as VectorField).dim === "number";
}

/** The evaluation points: spline knots plus interior points, or the given samples. */
function evaluationPoints(options: CouplingStrengthOptions, dim: number): { t: number[]; u: Float64Array[] } {
  const { spline, trajectory } = options;
  if ((spline ? 1 : 0) + (trajectory ? 1 : 0) !== 1) {
    throw new RangeError("suggestCouplingStrength: give exactly one of spline (the data's interpolant) or trajectory ({ t, u })");
  }
  const ts: number[] = [];
  const us: Float64Array[] = [];
  if (spline) {
    if (spline.dim !== dim) throw new RangeError(`suggestCouplingStrength: the spline has ${spline.dim} components but the Jacobian source has dim ${dim}`);
    const between = options.between ?? 1;
    if (!Number.isInteger(between) || between < 0) throw new RangeError(`suggestCouplingStrength between: expected a whole number ≥ 0, got ${between}`);
    const k = spline.knots;
    for (let i = 0; i < k.length; i++) {
      const last = i === k.length - 1;
      for (let j = 0; j <= (last ? 0 : between); j++) {
        const t = last ? k[i] : k[i] + ((k[i + 1] - k[i]) * j) / (between + 1);
        const u = new Float64Array(dim);
        spline.evaluate(t, u);
        ts.push(t);
        us.push(u);
      }
    }
  } else if (trajectory) {
    const n = trajectory.t.length;
    if (n < 1) throw new RangeError("suggestCouplingStrength trajectory: needs at least one time");
    if (trajectory.u.length !== n * dim) {
      throw new RangeError(`suggestCouplingStrength trajectory.u: expected ${n} times × ${dim} components = ${n * dim} values, got ${trajectory.u.length}`);
    }
    for (let i = 0; i < n; i++) {
      ts.push(trajectory.t[i]);
      us.push(Float64Array.from({ length: dim }, (_, c) => trajectory.u[i * dim + c]));
    }
  }
  return { t: ts, u: us };
}

/** Suggest the coupling strength k from the largest symmetric-part eigenvalue of J along the data. */
export function suggestCouplingStrength(options: CouplingStrengthOptions): CouplingStrengthResult {
  const margin = options.margin ?? 0.1;
  if (!(margin >= 0) || !Number.isFinite(margin)) throw new RangeError(`suggestCouplingStrength margin: expected a finite number ≥ 0, got ${margin}`);
  const src = options.jacobian;
  let dim: number;
  let jac: JacobianFunction;
  let source: string;
  let bracket: { begin(): void; end(): void } | null = null;
  if (typeof src === "function") {
    const d = options.dim ?? options.spline?.dim;
    if (d === undefined) throw new RangeError("suggestCouplingStrength: with a Jacobian function, give dim (or a spline)");
    dim = d;
    jac = src;
    source = "function";
  } else if (isSystemWithJacobian(src)) {
    dim = src.dim;
    const params = options.theta ?? src.defaultParams;
    if (params.length !== src.nParams) throw new RangeError(`suggestCouplingStrength theta: system "${src.name}" has ${src.nParams} parameters, got ${params.length}`);
    jac = (t, u, out) => src.jacobian(t, u, params, out);
    source = `true system ${src.name}`;
  } else if (isVectorField(src)) {
    dim = src.dim;
    const theta = options.theta ?? new Float64Array(0);
    if (theta.length !== src.nParams) throw new RangeError(`suggestCouplingStrength theta: the vector field has ${src.nParams} parameters, got ${theta.length}`);
    jac = (t, u, out) => jacobianFromVjp(src, theta, t, u, out);
    bracket = { begin: () => src.begin?.(theta), end: () => src.end?.() };
    source = "vector field (vjp)";
  } else {
    throw new TypeError("suggestCouplingStrength jacobian: expected a function (t, u, out), a true system or a VectorField");
  }
  if (options.dim !== undefined && options.dim !== dim) throw new RangeError(`suggestCouplingStrength dim: given ${options.dim}, but the Jacobian source has dim ${dim}`);

  const points = evaluationPoints(options, dim);
  const J = new Float64Array(dim * dim);
  const perTime: { t: number; lambdaMax: number }[] = [];
  let best = -Infinity;
  let bestIndex = 0;
  bracket?.begin();
  try {
    for (let i = 0; i < points.t.length; i++) {
      J.fill(0);
      jac(points.t[i], points.u[i], J);
      const lam = maxSymmetricPartEigenvalue(J, dim);
      if (!Number.isFinite(lam)) throw new RangeError(`suggestCouplingStrength: the Jacobian at t = ${points.t[i]} is not finite`);
      perTime.push({ t: points.t[i], lambdaMax: lam });
      if (lam > best) {
        best = lam;
        bestIndex = i;
      }
    }
  } finally {
    bracket?.end();
  }
  let mean = perTime[0].lambdaMax;
  const span = perTime[perTime.length - 1].t - perTime[0].t;
  if (span > 0) {
    let area = 0;
    for (let i = 1; i < perTime.length; i++) area += 0.5 * (perTime[i].lambdaMax + perTime[i - 1].lambdaMax) * (perTime[i].t - perTime[i - 1].t);
    mean = area / span;
  }
  return {
    suggestedK: Math.max(best, 0) * (1 + margin),
    maxSymEigenvalue: best,
    atTime: points.t[bestIndex],
    atState: points.u[bestIndex],
    meanSymEigenvalue: mean,
    margin,
    perTime,
    source,
  };
}
