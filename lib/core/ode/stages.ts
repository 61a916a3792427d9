/**
 * The stage loop of an explicit Runge–Kutta step, shared by fixed and adaptive steps: stage inputs
 * Y_i = y + dt Σ_j a_ij k_j, slopes k_i = f(t + c_i dt, Y_i), each stage saving the field's
 * intermediate values (evalSaving) into the slot it is pointed at.
 */
import { ButcherTableau } from "./butcher";
import { VectorField } from "./types";

const NOTHING_SAVED = new Float64Array(0);

export interface StageLoopOptions {
  readonly field: VectorField;
  readonly theta: Float64Array;
  readonly tableau: ButcherTableau;
}

export class StageLoop {
  /** Slopes k_i of the current step, stages × dim. */
  readonly k: Float64Array;
  /** Stage inputs Y_i of the current step, stages × dim. */
  readonly stageY: Float64Array;
  private readonly kViews: Float64Array[];
  private readonly stageViews: Float64Array[];
  private readonly field: VectorField;
  private readonly theta: Float64Array;
  private readonly dim: number;
  // The tableau's arrays, read here so the loop sees one object shape whatever the tableau.
  private readonly stages: number;
  private readonly a: readonly (readonly number[])[];
  private readonly c: readonly number[];
  private slot: Float64Array = NOTHING_SAVED;
  private slotAt = 0;
  private slotSize = 0;

  constructor(options: StageLoopOptions) {
    this.field = options.field;
    this.theta = options.theta;
    const { tableau } = options;
    this.stages = tableau.stages;
    this.a = tableau.a;
    this.c = tableau.c;
    const dim = (this.dim = options.field.dim);
    const S = tableau.stages;
    this.k = new Float64Array(S * dim);
    this.kViews = Array.from({ length: S }, (_, i) => this.k.subarray(i * dim, (i + 1) * dim));
    this.stageY = new Float64Array(S * dim);
    this.stageViews = Array.from({ length: S }, (_, i) => this.stageY.subarray(i * dim, (i + 1) * dim));
  }

  /** Stages save `size` doubles each into slot[at + i·size …) from now on. */
  saveInto(slot: Float64Array, at: number, size: number): void {
    this.slot = slot;
    this.slotAt = at;
    this.slotSize = size;
  }

  /** Stages save nothing from now on. */
  saveNothing(): void {
    this.slotSize = 0;
  }

  /** k_i ← f(t, u), saving into stage i's part of the slot. */
  evalStage(i: number, t: number, u: Float64Array): void {
    const size = this.slotSize;
    if (size > 0) (this.field.evalSaving as NonNullable<VectorField["evalSaving"]>).call(this.field, t, u, this.theta, this.kViews[i], this.slot, this.slotAt + i * size);
    else this.field.eval(t, u, this.theta, this.kViews[i]);
  }

  /** Stages first … S−1 of the step of size dt from (t, y); an FSAL step starts at 1 with k_0 carried over. */
  run(t: number, dt: number, y: Float64Array, first: number): void {
    const { a, c, k, dim, stages, stageViews, kViews, field, theta } = this;
    const saving = this.slotSize > 0;
    if (first > 0) this.stageY.set(y, 0); // the carried first stage was evaluated at y
    for (let i = first; i < stages; i++) {
      const row = a[i];
      const yStage = stageViews[i];
      for (let d = 0; d < dim; d++) {
        let acc = 0;
        for (let j = 0; j < row.length; j++) acc += row[j] * k[j * dim + d];
        yStage[d] = y[d] + dt * acc;
      }
      if (saving) this.evalStage(i, t + c[i] * dt, yStage);
      else field.eval(t + c[i] * dt, yStage, theta, kViews[i]);
    }
  }

  /** y ← y + dt Σ_i w_i k_i. */
  addWeighted(w: readonly number[], dt: number, y: Float64Array): void {
    const { k, dim } = this;
    for (let d = 0; d < dim; d++) {
      let acc = 0;
      for (let i = 0; i < w.length; i++) acc += w[i] * k[i * dim + d];
      y[d] += dt * acc;
    }
  }

  /** FSAL: the last stage's slope becomes the next step's first. */
  carryLast(): void {
    this.kViews[0].set(this.kViews[this.stages - 1]);
  }
}
