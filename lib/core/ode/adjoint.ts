/** The discrete adjoint: sweep back through a tape's recorded steps (discretise-then-optimise). */
import { denseWeights } from "./dense-output";
import { Tape } from "./tape";
import { VectorField } from "./types";

export interface Gradients {
  /** dLoss/dθ. */
  theta: Float64Array;
  /** dLoss/du0. */
  u0: Float64Array;
}

/** dLoss/dθ and dLoss/du0 from dLoss/dus (outputs × dim) for the tape's exact discretisation. */
export function sweepBack(tape: Tape, usBar: Float64Array): Gradients {
  const sweep = new AdjointSweep(tape, usBar);
  for (let n = tape.steps - 1; n >= 0; n--) sweep.step(n);
  return sweep.finish();
}

class AdjointSweep {
  private readonly tape: Tape;
  private readonly usBar: Float64Array;
  private readonly dim: number;
  private readonly thetaGrad: Float64Array;
  /** Adjoint of the current step's end state. */
  private readonly yBar: Float64Array;
  private readonly y0Bar: Float64Array;
  private readonly kBar: Float64Array;
  private readonly kBarViews: Float64Array[];
  private readonly stageBar: Float64Array;
  private readonly yStage: Float64Array;
  /** FSAL: adjoint of the next step's first stage. */
  private readonly carry: Float64Array;
  private readonly denseW: Float64Array;
  /** Next output to seed, counting down. */
  private out: number;

  constructor(tape: Tape, usBar: Float64Array) {
    const dim = (this.dim = tape.field.dim);
    const S = tape.tableau.stages;
    this.tape = tape;
    this.usBar = usBar;
    this.thetaGrad = new Float64Array(tape.field.nParams);
    this.yBar = new Float64Array(dim);
    this.y0Bar = new Float64Array(dim);
    this.kBar = new Float64Array(S * dim);
    this.kBarViews = Array.from({ length: S }, (_, i) => this.kBar.subarray(i * dim, (i + 1) * dim));
    this.stageBar = new Float64Array(dim);
    this.yStage = new Float64Array(dim);
    this.carry = new Float64Array(dim);
    this.denseW = new Float64Array(tape.tableau.dense ? S : 0);
    this.out = tape.outStep.length - 1;
  }

  /** Step n's adjoint: from its end state's (yBar) to its start state's. */
  step(n: number): void {
    const { tape, kBar, y0Bar, yBar } = this;
    const tab = tape.tableau;
    const dt = tape.dts.data[n];
    kBar.fill(0);
    y0Bar.fill(0);
    if (tab.fsal && n < tape.steps - 1) this.kBarViews[tab.stages - 1].set(this.carry);
    this.seedOutputs(n, dt);
    if (!tab.fsal) this.seedEndState(dt);
    this.stages(n, tape.t0s.data[n], dt);
    yBar.set(y0Bar);
  }

  /** Outputs taken from step n: end states add to yBar, dense outputs to y0Bar and kBar. */
  private seedOutputs(n: number, dt: number): void {
    const { tape, usBar, dim, yBar, y0Bar, kBar, denseW: w } = this;
    const S = tape.tableau.stages;
    for (; this.out >= 1 && tape.outStep[this.out] === n; this.out--) {
      const x = tape.outX[this.out];
      const base = this.out * dim;
      if (Number.isNaN(x)) {
        for (let d = 0; d < dim; d++) yBar[d] += usBar[base + d];
        continue;
      }
      denseWeights(tape.tableau, x, dt, w);
      for (let d = 0; d < dim; d++) {
        const g = usBar[base + d];
        y0Bar[d] += g;
        for (let i = 0; i < S; i++) kBar[i * dim + d] += w[i] * g;
      }
    }
  }

  /** Without FSAL, y1 = y0 + dt Σ b_i k_i. */
  private seedEndState(dt: number): void {
    const { tape, dim, yBar, y0Bar, kBar } = this;
    const b = tape.tableau.b;
    for (let d = 0; d < dim; d++) y0Bar[d] += yBar[d];
    for (let i = 0; i < b.length; i++) {
      const c = dt * b[i];
      for (let d = 0; d < dim; d++) kBar[i * dim + d] += c * yBar[d];
    }
  }

  /** Back through the stages, last first; an FSAL step's first stage (but the solve's) passes its adjoint to the step before. */
  private stages(n: number, t0: number, dt: number): void {
    const { tape, dim, kBar, kBarViews, stageBar, yStage, y0Bar, yBar } = this;
    const { field, theta, saved, savedSize, tableau: tab } = tape;
    const S = tab.stages;
    const stageY = tape.stageY.data;
    const stepBase = n * S * dim;
    for (let i = S - 1; i >= 0; i--) {
      if (tab.fsal && i === 0 && n > 0) {
        this.carry.set(kBarViews[0]);
        continue;
      }
      if (tab.fsal && i === S - 1) stageBar.set(yBar);
      else stageBar.fill(0);
      for (let d = 0; d < dim; d++) yStage[d] = stageY[stepBase + i * dim + d];
      const ti = t0 + tab.c[i] * dt;
      if (n < saved.steps) {
        (field.vjpSaved as NonNullable<VectorField["vjpSaved"]>).call(field, ti, yStage, theta, kBarViews[i], stageBar, this.thetaGrad, saved.chunk(n), saved.offset(n) + i * savedSize);
      } else {
        field.vjp(ti, yStage, theta, kBarViews[i], stageBar, this.thetaGrad);
      }
      for (let d = 0; d < dim; d++) y0Bar[d] += stageBar[d];
      const row = tab.a[i];
      for (let j = 0; j < row.length; j++) {
        const c = dt * row[j];
        if (c === 0) continue;
        for (let d = 0; d < dim; d++) kBar[j * dim + d] += c * stageBar[d];
      }
    }
  }

  /** The initial state's own output, and the gradients. */
  finish(): Gradients {
    const { yBar, usBar, dim } = this;
    for (let d = 0; d < dim; d++) yBar[d] += usBar[d];
    return { theta: this.thetaGrad, u0: yBar };
  }
}
