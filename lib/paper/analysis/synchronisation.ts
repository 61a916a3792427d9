/**
 * Synchronisation of a response system to a drive (paper §2.3, Theorem 1; App. B, Figs. 10–11):
 * the coupled response du/dt = f(u; p') + K(û(t) − u), the largest Lyapunov exponent of the
 * linearised error dynamics dξ/dt = (J(û(t)) − K)ξ, the contraction threshold of K = kI, and 1-D
 * MSE landscapes over one physical parameter with and without coupling.
 */
import { maxSymmetricPartEigenvalue, VectorField, solve, SmoothingSpline, CoupledField } from "../../core/index";
import { TrueSystem, FixedParams } from "../systems/system";
import { arange } from "../systems/dataset";

/** A copy of the system's default parameters with one of them (by name or index) multiplied by factor. */
export function scaledParams(system: TrueSystem, param: number | string, factor: number): Float64Array {
  const index = typeof param === "number" ? param : system.paramNames.indexOf(param);
  if (!Number.isInteger(index) || index < 0 || index >= system.nParams) {
    throw new RangeError(`${system.name} parameter: expected an index < ${system.nParams} or one of ${system.paramNames.join(", ")}, got ${String(param)}`);
  }
  if (!Number.isFinite(factor)) throw new RangeError(`${system.name} parameter factor: expected a finite number, got ${factor}`);
  const p = Float64Array.from(system.defaultParams);
  p[index] *= factor;
  return p;
}

/**
 * The smallest k at which a sampled curve Λ(k) drops below 0 (linear interpolation between
 * samples); null if it never does. ks must increase.
 */
export function synchronisationThreshold(ks: ArrayLike<number>, exponents: ArrayLike<number>): number | null {
  if (ks.length !== exponents.length) throw new RangeError(`synchronisationThreshold: ${ks.length} k values but ${exponents.length} exponents`);
  for (let i = 0; i < ks.length; i++) {
    if (exponents[i] < 0) {
      if (i === 0) return ks[0];
      const [k0, k1, e0, e1] = [ks[i - 1], ks[i], exponents[i - 1], exponents[i]];
      return k0 + ((k1 - k0) * e0) / (e0 - e1);
    }
  }
  return null;
}

/** One gain per component from a scalar or a list (validated). */
function gains(k: number | ArrayLike<number>, dim: number, what: string): Float64Array {
  const g = typeof k === "number" ? new Float64Array(dim).fill(k) : Float64Array.from(k);
  if (g.length !== dim) throw new RangeError(`${what} k: expected a number or ${dim} gains, got ${g.length}`);
  for (const v of g) if (!Number.isFinite(v)) throw new RangeError(`${what} k: expected finite gains, got ${v}`);
  return g;
}

function positive(name: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name}: expected a finite number > 0, got ${v}`);
}

/**
 * The drive together with the linearised error: state [û, ξ], dû/dt = f(û; p),
 * dξ/dt = (J(û; p) − K) ξ. A fixed field with no trainable θ.
 */
class ErrorDynamics implements VectorField {
  readonly dim: number;
  readonly nParams = 0;
  private readonly n: number;
  private readonly jac: Float64Array;
  private readonly f: Float64Array;
  constructor(
    private readonly system: TrueSystem,
    private readonly params: Float64Array,
    private readonly k: Float64Array,
  ) {
    this.n = system.dim;
    this.dim = 2 * this.n;
    this.jac = new Float64Array(this.n * this.n);
    this.f = new Float64Array(this.n);
  }
  eval(t: number, y: Float64Array, _theta: Float64Array, out: Float64Array): void {
    const n = this.n;
    const u = y.subarray(0, n);
    this.system.eval(t, u, this.params, this.f);
    this.system.jacobian(t, u, this.params, this.jac);
    for (let i = 0; i < n; i++) {
      out[i] = this.f[i];
      let s = -this.k[i] * y[n + i];
      for (let j = 0; j < n; j++) s += this.jac[i * n + j] * y[n + j];
      out[n + i] = s;
    }
  }
  vjp(): void {
    throw new Error("error dynamics: gradients are not available (analysis only)");
  }
}

export interface LyapunovOptions {
  /** Coupling gains K = diag(k); a number means k·I. */
  k: number | ArrayLike<number>;
  /** System parameters (default the system's). */
  params?: Float64Array;
  /** Drive initial state (default the system's). */
  u0?: Float64Array;
  /** Time the drive runs before measuring, to reach its attractor (default 0). */
  transient?: number;
  /** Averaging time (default 100). */
  duration?: number;
  /** RK4 step (default 0.005). */
  dt?: number;
  /** Renormalise ξ every this much time (default 0.5). */
  renormEvery?: number;
  /** Initial error direction (default all ones, normalised). */
  xi0?: ArrayLike<number>;
}

export interface LyapunovResult {
  /** Λ = (1/T) Σ log(|ξ| growth per interval), Eq. 6. */
  exponent: number;
  /** Renormalisation times (since the end of the transient) and the running estimate there. */
  t: Float64Array;
  running: Float64Array;
}

/**
 * Largest Lyapunov exponent of the error dynamics dξ/dt = (J(û(t)) − K)ξ along the drive
 * trajectory û (Eq. 5–6), by integrating ξ with the drive (classic RK4) and renormalising it
 * every `renormEvery` time units. Negative Λ: the coupled response synchronises (Theorem 1).
 * For K = kI the exponent is exactly Λ(0) − k (kI commutes with J), a check on the estimate.
 * @example errorLyapunovExponent(new Lorenz(), { k: 2, transient: 10, duration: 100 }).exponent
 */
export function errorLyapunovExponent(system: TrueSystem, options: LyapunovOptions): LyapunovResult {
  const n = system.dim;
  const params = options.params ?? system.defaultParams;
  const K = gains(options.k, n, "errorLyapunovExponent");
  const dt = options.dt ?? 0.005;
  const duration = options.duration ?? 100;
  const every = options.renormEvery ?? 0.5;
  const transient = options.transient ?? 0;
  positive("errorLyapunovExponent dt", dt);
  positive("errorLyapunovExponent duration", duration);
  positive("errorLyapunovExponent renormEvery", every);
  if (!(transient >= 0)) throw new RangeError(`errorLyapunovExponent transient: expected a number ≥ 0, got ${transient}`);
  const field = new ErrorDynamics(system, params, K);
  const none = new Float64Array(0);
  let u = Float64Array.from(options.u0 ?? system.defaultU0);
  if (transient > 0) {
    const steps = Math.max(1, Math.round(transient / dt));
    u = Float64Array.from(
      solve(new FixedParams(system, params), u, Float64Array.of(0, transient), none, { method: "rk4", substeps: steps, record: false }).us.subarray(n),
    );
  }
  const y = new Float64Array(2 * n);
  y.set(u);
  const xi0 = options.xi0 ? Float64Array.from(options.xi0) : new Float64Array(n).fill(1);
  if (xi0.length !== n) throw new RangeError(`errorLyapunovExponent xi0: expected ${n} entries, got ${xi0.length}`);
  const norm0 = Math.hypot(...xi0);
  if (!(norm0 > 0)) throw new RangeError("errorLyapunovExponent xi0: expected a non-zero vector");
  for (let i = 0; i < n; i++) y[n + i] = xi0[i] / norm0;
  const intervals = Math.max(1, Math.round(duration / every));
  const substeps = Math.max(1, Math.round(every / dt));
  const h = duration / intervals;
  const ts = new Float64Array(intervals);
  const running = new Float64Array(intervals);
  let sumLog = 0;
  const span = new Float64Array(2);
  for (let j = 0; j < intervals; j++) {
    span[0] = j * h;
    span[1] = (j + 1) * h;
    const next = solve(field, y, span, none, { method: "rk4", substeps, record: false }).us.subarray(2 * n);
    y.set(next);
    let s = 0;
    for (let i = 0; i < n; i++) s += y[n + i] * y[n + i];
    const norm = Math.sqrt(s);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      throw new RangeError(`errorLyapunovExponent: |ξ| became ${norm} at t = ${span[1]}; use a smaller renormEvery or dt`);
    }
    sumLog += Math.log(norm);
    for (let i = 0; i < n; i++) y[n + i] /= norm;
    ts[j] = span[1];
    running[j] = sumLog / span[1];
  }
  return { exponent: running[intervals - 1], t: ts, running };
}

/** λ_max of a symmetric matrix (n × n row-major); the one routine lives with the k helper. */
export function largestSymmetricEigenvalue(matrix: ArrayLike<number>, n: number): number {
  if (matrix.length !== n * n) throw new RangeError(`largestSymmetricEigenvalue: expected ${n}×${n} = ${n * n} entries, got ${matrix.length}`);
  return maxSymmetricPartEigenvalue(matrix, n);
}

/**
 * The smallest k for which A = J(û(t)) − kI is negative definite at every sample of a drive
 * trajectory: max over t of the largest eigenvalue of (J + Jᵀ)/2. Above it |ξ| shrinks
 * monotonically (the sufficient condition in Theorem 1's proof); Λ < 0 can already hold below it.
 * @param trajectory drive states, (samples × dim) row-major
 */
export function contractionThreshold(system: TrueSystem, trajectory: ArrayLike<number>, params: Float64Array = system.defaultParams): number {
  const n = system.dim;
  if (trajectory.length % n !== 0 || trajectory.length === 0) {
    throw new RangeError(`contractionThreshold trajectory: expected (samples × ${n}) values, got ${trajectory.length}`);
  }
  const J = new Float64Array(n * n);
  const S = new Float64Array(n * n);
  const u = new Float64Array(n);
  let worst = -Infinity;
  for (let s = 0; s < trajectory.length / n; s++) {
    for (let i = 0; i < n; i++) u[i] = trajectory[s * n + i];
    system.jacobian(0, u, params, J);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S[i * n + j] = 0.5 * (J[i * n + j] + J[j * n + i]);
    worst = Math.max(worst, largestSymmetricEigenvalue(S, n));
  }
  return worst;
}

export interface CoupledResponseOptions {
  /** Sample times of the drive (they also carry the interpolating spline). */
  t: Float64Array;
  /** Coupling gains; a number means k·I. 0 gives the free-running response. */
  k: number | ArrayLike<number>;
  /** Response parameters (the mismatch: e.g. one parameter × 0.5). */
  responseParams: Float64Array;
  /** Drive parameters (default the system's). */
  driveParams?: Float64Array;
  /** Initial state of both (default the system's). */
  u0?: Float64Array;
  /** Response initial state (default u0). */
  responseU0?: Float64Array;
  /** Spline smoothing of the drive samples (default 0: interpolation, as Fig. 11). */
  alpha?: number;
  /** dopri5 tolerances (default the paper's 1e-7 / 1e-9). */
  rtol?: number;
  atol?: number;
}

export interface CoupledResponse {
  t: Float64Array;
  /** Drive and response states at t, (t.length × dim) row-major. */
  drive: Float64Array;
  response: Float64Array;
  /** |u(t) − û(t)|₂ at each time. */
  error: Float64Array;
}

/** Drive trajectory of a true system at t (dopri5, the paper's tolerances). */
export function driveTrajectory(system: TrueSystem, t: Float64Array, params: Float64Array = system.defaultParams, u0: Float64Array = system.defaultU0, tol: { rtol?: number; atol?: number } = {}): Float64Array {
  return solve(new FixedParams(system, params), u0, t, new Float64Array(0), { method: "dopri5", rtol: tol.rtol ?? 1e-7, atol: tol.atol ?? 1e-9, record: false }).us;
}

/**
 * A response with mismatched parameters coupled to the drive through an interpolating spline of
 * the drive samples: du/dt = f(u; p') + K(û(t) − u) (Eq. 4). With K large enough the error stays
 * small despite the mismatch (Theorem 1); with K = 0 the two drift apart.
 */
export function coupledResponse(system: TrueSystem, options: CoupledResponseOptions): CoupledResponse {
  const n = system.dim;
  const t = options.t;
  const u0 = options.u0 ?? system.defaultU0;
  const tol = { rtol: options.rtol, atol: options.atol };
  const drive = driveTrajectory(system, t, options.driveParams ?? system.defaultParams, u0, tol);
  const spline = new SmoothingSpline(t, drive, n, options.alpha ?? 0);
  const k = gains(options.k, n, "coupledResponse");
  for (const g of k) if (g < 0) throw new RangeError(`coupledResponse k: expected gains ≥ 0, got ${g}`);
  const field = new CoupledField(new FixedParams(system, options.responseParams), spline, k, 1);
  const response = solve(field, options.responseU0 ?? u0, t, new Float64Array(0), {
    method: "dopri5",
    rtol: tol.rtol ?? 1e-7,
    atol: tol.atol ?? 1e-9,
    record: false,
  }).us;
  const error = new Float64Array(t.length);
  for (let s = 0; s < t.length; s++) {
    let e = 0;
    for (let i = 0; i < n; i++) e += (response[s * n + i] - drive[s * n + i]) ** 2;
    error[s] = Math.sqrt(e);
  }
  return { t, drive, response, error };
}

export interface ParameterLandscapeOptions {
  /** Index (or name) of the physical parameter to scale. */
  param: number | string;
  /** Multipliers of that parameter (e.g. 50 values from 0.5 to 1.5). */
  factors: ArrayLike<number>;
  /** Coupling gain (0: the plain MSE of Fig. 10). */
  k: number;
  /** Data lengths in samples (each a prefix of the grid), e.g. [25, 50, 100]. */
  lengths: readonly number[];
  /** Sample spacing of the reference data (default 0.1, as Figs. 10–11). */
  dt?: number;
  u0?: Float64Array;
  /** Spline smoothing of the reference samples for the coupling (default 0). */
  alpha?: number;
}

export interface ParameterLandscape {
  factors: Float64Array;
  lengths: number[];
  /** mse[i][j]: data length i, factor j (elementwise mean over components and samples; NaN if the solve failed). */
  mse: Float64Array[];
}

/**
 * The 1-D loss landscapes of App. B: MSE between the (coupled) model with one parameter scaled
 * and the noise-free reference, for several data lengths. Long data makes the plain MSE
 * landscape rugged; coupling smooths it (Figs. 10, 11).
 */
export function parameterLandscape(system: TrueSystem, options: ParameterLandscapeOptions): ParameterLandscape {
  const n = system.dim;
  scaledParams(system, options.param, 1); // validates the parameter name
  const lengths = [...options.lengths];
  for (const L of lengths) if (!Number.isInteger(L) || L < 2) throw new RangeError(`parameterLandscape lengths: expected integers ≥ 2, got ${L}`);
  if (!(options.k >= 0) || !Number.isFinite(options.k)) throw new RangeError(`parameterLandscape k: expected a finite number ≥ 0, got ${options.k}`);
  const dt = options.dt ?? 0.1;
  positive("parameterLandscape dt", dt);
  const maxLen = Math.max(...lengths);
  const t = arange(0, maxLen * dt - dt / 2, dt);
  const u0 = options.u0 ?? system.defaultU0;
  const reference = driveTrajectory(system, t, system.defaultParams, u0);
  const spline = new SmoothingSpline(t, reference, n, options.alpha ?? 0);
  const factors = Float64Array.from(options.factors);
  const mse = lengths.map(() => new Float64Array(factors.length));
  factors.forEach((factor, j) => {
    const p = scaledParams(system, options.param, factor);
    const field = new CoupledField(new FixedParams(system, p), spline, options.k, 1);
    let us: Float64Array | null = null;
    try {
      us = solve(field, u0, t, new Float64Array(0), { method: "dopri5", rtol: 1e-7, atol: 1e-9, record: false, maxSteps: 200000 }).us;
    } catch {
      us = null;
    }
    lengths.forEach((L, i) => {
      if (!us) {
        mse[i][j] = NaN;
        return;
      }
      let s = 0;
      for (let q = 0; q < L * n; q++) s += (us[q] - reference[q]) ** 2;
      mse[i][j] = s / (L * n);
    });
  });
  return { factors, lengths, mse };
}
