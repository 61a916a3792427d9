/**
 * The record of a solve that its backward sweep replays: each accepted step's start, size and stage
 * inputs, the field's saved values of the first steps, and which step (and where in it) each output came from.
 */
import { ButcherTableau } from "./butcher";
import { SavedSteps } from "./saved-steps";
import { StageLoop } from "./stages";
import { VectorField } from "./types";

/** A growable Float64Array. */
export class Buffer64 {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    this.reserve(1);
    this.data[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export interface TapeOptions {
  readonly field: VectorField;
  readonly theta: Float64Array;
  readonly tableau: ButcherTableau;
  /** Number of output times. */
  readonly outputs: number;
  /** Doubles the field saves per stage evaluation (0: it saves nothing). */
  readonly savedSize: number;
  /** Cap on saved doubles per solve. */
  readonly maxSaved: number;
}

export class Tape {
  readonly field: VectorField;
  /** A copy: θ may be updated in place before backward() runs. */
  readonly theta: Float64Array;
  readonly tableau: ButcherTableau;
  readonly t0s: Buffer64;
  readonly dts: Buffer64;
  /** Stage inputs Y_i, (steps × stages × dim). */
  readonly stageY: Buffer64;
  /** For output i ≥ 1: index of the step it belongs to. */
  readonly outStep: Int32Array;
  /** For output i ≥ 1: dense-output position x in [0, 1], or NaN for "the step's end state". */
  readonly outX: Float64Array;
  /**
   * The field's saved values of the first saved.steps steps, savedSize per stage. An FSAL step's first
   * stage is left unwritten: the sweep carries its adjoint over to the step before, and reads the values saved there.
   */
  readonly saved: SavedSteps;
  readonly savedSize: number;

  constructor(options: TapeOptions) {
    const { tableau, outputs, savedSize } = options;
    this.field = options.field;
    this.theta = Float64Array.from(options.theta);
    this.tableau = tableau;
    this.t0s = new Buffer64(outputs);
    this.dts = new Buffer64(outputs);
    this.stageY = new Buffer64(outputs * tableau.stages * options.field.dim);
    this.outStep = new Int32Array(outputs);
    this.outX = new Float64Array(outputs);
    this.saved = new SavedSteps(tableau.stages * savedSize, options.maxSaved);
    this.savedSize = savedSize;
  }

  /** Recorded steps. */
  get steps(): number {
    return this.dts.length;
  }

  /**
   * Point the stage loop at the next step's slot of saved values, written in place while the step is
   * attempted; false (and the loop saves nothing) when the field saves nothing or the cap is reached.
   */
  nextSlot(loop: StageLoop): boolean {
    const saved = this.saved;
    if (this.savedSize > 0 && saved.reserve()) {
      loop.saveInto(saved.chunk(saved.steps), saved.offset(saved.steps), this.savedSize);
      return true;
    }
    loop.saveNothing();
    return false;
  }

  /** Record an accepted step with its stage inputs; `savedSlot`: its stages wrote into the slot of nextSlot(). */
  recordStep(t0: number, dt: number, stageY: Float64Array, savedSlot: boolean): void {
    this.t0s.push(t0);
    this.dts.push(dt);
    const buf = this.stageY;
    buf.reserve(stageY.length);
    buf.data.set(stageY, buf.length);
    buf.length += stageY.length;
    if (savedSlot) this.saved.add();
  }

  /** Output i came from the last recorded step, at dense position x (NaN: its end state). */
  recordOutput(i: number, x: number): void {
    this.outStep[i] = this.dts.length - 1;
    this.outX[i] = x;
  }
}
