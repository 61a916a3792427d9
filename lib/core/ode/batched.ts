/**
 * Several trajectories as one solve (torchdiffeq's way): B states of size d are stacked into one
 * state of size B·d and share the solver's steps; the wrapped field evaluates all B rows in one
 * call (matrix–matrix in the network) when it can. With a fixed-step method every trajectory gets
 * exactly the bits of its own solve; with an adaptive method the shared steps (and the RMS error
 * norm over all B·d components) make the discretisation differ from B separate solves.
 *
 * Layout: a batched state is B rows of d (row b = trajectory b); a batched solve's `us` is
 * times × (B·d), i.e. at each output time the B states one after another.
 */
import { VectorField } from "./types";

/** A vector field that can also evaluate B stacked states (batch × dim, row-major) in one call. */
export interface BatchableField extends VectorField {
  /** out (batch × dim) ← f(t, u_b; θ) for each row b of u. */
  evalBatch?(t: number, u: Float64Array, theta: Float64Array, out: Float64Array, batch: number): void;
  /** Row-wise vjp: uGrad row b += uBar row b·∂f/∂u (at row b); thetaGrad += the sum over rows. */
  vjpBatch?(
    t: number,
    u: Float64Array,
    theta: Float64Array,
    uBar: Float64Array,
    uGrad: Float64Array | null,
    thetaGrad: Float64Array | null,
    batch: number,
  ): void;
  /** Doubles evalBatchSaving saves for `batch` rows. */
  savedSizeFor?(batch: number): number;
  /** evalBatch, also saving savedSizeFor(batch) values for vjpBatchSaved (see VectorField.evalSaving). */
  evalBatchSaving?(t: number, u: Float64Array, theta: Float64Array, out: Float64Array, batch: number, saved: Float64Array, at: number): void;
  /** vjpBatch at the rows of an evalBatchSaving call, from what it saved. */
  vjpBatchSaved?(
    t: number,
    u: Float64Array,
    theta: Float64Array,
    uBar: Float64Array,
    uGrad: Float64Array | null,
    thetaGrad: Float64Array | null,
    batch: number,
    saved: Float64Array,
    at: number,
  ): void;
}

/** B copies of one field on B stacked states, as one vector field of dimension B·d for `solve`. */
export class BatchedField implements VectorField {
  readonly inner: BatchableField;
  readonly batch: number;
  readonly dim: number;
  readonly nParams: number;

  constructor(inner: BatchableField, batch: number) {
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batched field: batch must be a positive integer, got ${batch}`);
    this.inner = inner;
    this.batch = batch;
    this.dim = batch * inner.dim;
    this.nParams = inner.nParams;
  }

  eval(t: number, u: Float64Array, theta: Float64Array, out: Float64Array): void {
    const f = this.inner;
    if (f.evalBatch) {
      f.evalBatch(t, u, theta, out, this.batch);
      return;
    }
    // Fields without a batched path: one call per row.
    const d = f.dim;
    for (let b = 0; b < this.batch; b++) f.eval(t, u.subarray(b * d, (b + 1) * d), theta, out.subarray(b * d, (b + 1) * d));
  }

  vjp(t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null): void {
    const f = this.inner;
    if (f.vjpBatch) {
      f.vjpBatch(t, u, theta, uBar, uGrad, thetaGrad, this.batch);
      return;
    }
    const d = f.dim;
    for (let b = 0; b < this.batch; b++) {
      const rows = (a: Float64Array) => a.subarray(b * d, (b + 1) * d);
      f.vjp(t, rows(u), theta, rows(uBar), uGrad && rows(uGrad), thetaGrad);
    }
  }

  /** What the inner field saves for the whole batch, when it can (0: it cannot). */
  get savedSize(): number {
    const f = this.inner;
    return f.evalBatchSaving && f.vjpBatchSaved && f.savedSizeFor ? f.savedSizeFor(this.batch) : 0;
  }

  evalSaving(t: number, u: Float64Array, theta: Float64Array, out: Float64Array, saved: Float64Array, at: number): void {
    (this.inner.evalBatchSaving as NonNullable<BatchableField["evalBatchSaving"]>).call(this.inner, t, u, theta, out, this.batch, saved, at);
  }

  vjpSaved(t: number, u: Float64Array, theta: Float64Array, uBar: Float64Array, uGrad: Float64Array | null, thetaGrad: Float64Array | null, saved: Float64Array, at: number): void {
    (this.inner.vjpBatchSaved as NonNullable<BatchableField["vjpBatchSaved"]>).call(this.inner, t, u, theta, uBar, uGrad, thetaGrad, this.batch, saved, at);
  }

  begin(theta: Float64Array): void {
    this.inner.begin?.(theta);
  }

  end(): void {
    this.inner.end?.();
  }
}

/**
 * Stack B trajectories that share their output times: each `parts[b]` is times × d (row-major);
 * the result is times × (B·d), the layout of a batched solve's `us` (also stacks B initial states).
 */
export function stackTrajectories(parts: readonly Float64Array[], d: number): Float64Array {
  if (!parts.length) throw new RangeError("stackTrajectories: needs at least one trajectory");
  const len = parts[0].length;
  if (len % d !== 0) throw new RangeError(`stackTrajectories: a trajectory's length ${len} is not a multiple of the state size ${d}`);
  for (const p of parts) {
    if (p.length !== len) throw new RangeError(`stackTrajectories: all trajectories must have ${len} values (same output times), got ${p.length}`);
  }
  const B = parts.length;
  const nT = len / d;
  const out = new Float64Array(B * len);
  for (let i = 0; i < nT; i++) {
    for (let b = 0; b < B; b++) out.set(parts[b].subarray(i * d, (i + 1) * d), (i * B + b) * d);
  }
  return out;
}

/** Trajectory b (times × d) out of a stacked times × (B·d) array (the inverse of stackTrajectories). */
export function unstackTrajectory(stacked: Float64Array, b: number, batch: number, d: number): Float64Array {
  if (!Number.isInteger(b) || b < 0 || b >= batch) throw new RangeError(`unstackTrajectory: b must be an integer in [0, ${batch}), got ${b}`);
  const row = batch * d;
  if (stacked.length % row !== 0) throw new RangeError(`unstackTrajectory: length ${stacked.length} is not a multiple of batch × d = ${row}`);
  const nT = stacked.length / row;
  const out = new Float64Array(nT * d);
  for (let i = 0; i < nT; i++) out.set(stacked.subarray(i * row + b * d, i * row + (b + 1) * d), i * d);
  return out;
}
