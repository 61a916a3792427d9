/**
 * Adaptive steps as torchdiffeq takes them: steps independent of the output grid, accepted or
 * rejected by the StepController, FSAL, and outputs by the tableau's dense interpolant. With
 * `replay`, exactly the given step sizes with no error control (a smooth function of θ and u0).
 */
import { DenseOutput } from "./dense-output";
import { SolverError } from "./errors";
import { Integration } from "./integration";
import { StageLoop } from "./stages";
import { StepControlOptions, StepController } from "./step-control";
import { allFinite } from "../numeric";

export interface AdaptiveOptions extends Omit<StepControlOptions, "order" | "errorWeights" | "dim"> {
  /** First step size; chosen automatically (one more evaluation) when undefined. */
  readonly firstStep?: number;
  /** Take exactly these step sizes instead. */
  readonly replay?: Float64Array;
}

export function integrateAdaptive(run: Integration, options: AdaptiveOptions): void {
  new AdaptiveIntegration(run, options).integrate();
}

class AdaptiveIntegration {
  private readonly run: Integration;
  private readonly options: AdaptiveOptions;
  private readonly loop: StageLoop;
  private readonly control: StepController;
  private readonly dense: DenseOutput;
  private readonly y: Float64Array;
  /** The last stage's input: the end state of an FSAL step. */
  private readonly y1: Float64Array;
  private t: number;
  private dt = 0;
  private attempts = 0;
  private replayed = 0;
  /** The attempted step's stages save into the tape's next slot (an accepted step keeps it). */
  private saving = false;

  constructor(run: Integration, options: AdaptiveOptions) {
    const { tableau, field } = run;
    this.run = run;
    this.options = options;
    this.loop = new StageLoop(run);
    const errorWeights = tableau.bErr as readonly number[];
    this.control = new StepController({ ...options, order: tableau.order, errorWeights, dim: field.dim });
    this.t = run.ts[0];
    this.dense = new DenseOutput(tableau, field.dim, this.t);
    this.y = Float64Array.from(run.u0);
    this.y1 = this.loop.stageY.subarray((tableau.stages - 1) * field.dim);
  }

  integrate(): void {
    const { ts, us, tape, field } = this.run;
    this.start();
    for (let n = 1; n < ts.length; n++) {
      while (ts[n] > this.dense.t1) this.attempt();
      const x = this.dense.evaluate(ts[n], us, n * field.dim);
      tape?.recordOutput(n, x);
    }
  }

  /** The first stage at (t0, u0), and the first step size. */
  private start(): void {
    const { run, loop, options } = this;
    this.saving = run.tape !== null && run.tape.nextSlot(loop);
    loop.evalStage(0, this.t, this.y);
    run.stats.nfe++;
    const replay = options.replay;
    if (replay) this.dt = replay.length > 0 ? replay[0] : 0;
    else if (options.firstStep !== undefined) this.dt = options.firstStep;
    else {
      this.dt = this.control.initialStep(run.field, run.theta, this.t, this.y, loop.k);
      run.stats.nfe++;
    }
  }

  /** Attempt one step of size dt from (t, y), then choose the next size. */
  private attempt(): void {
    const { run, loop, options, t } = this;
    const { stats, maxSteps } = run;
    const replay = options.replay;
    if (++this.attempts > maxSteps) {
      throw new SolverError("max-steps", { t, dt: this.dt, ...stats }, `solve: more than ${maxSteps} step attempts`);
    }
    if (replay) {
      if (this.replayed >= replay.length) {
        throw new SolverError("max-steps", { t, dt: this.dt, ...stats }, "solve: replaySteps ran out before the last output time");
      }
      this.dt = replay[this.replayed];
    }
    const dt = this.dt;
    if (!(t + dt > t)) throw new SolverError("step-underflow", { t, dt, ...stats }, "solve: step size underflow");
    loop.run(t, dt, this.y, 1);
    stats.nfe += run.tableau.stages - 1;
    const ratio = replay ? 0 : this.control.errorRatio(dt, this.y, this.y1, loop.k);
    if (!Number.isFinite(ratio)) {
      throw new SolverError("non-finite", { t, dt, ...stats }, "solve: the state or its derivative became non-finite");
    }
    if (ratio <= 1) this.accept();
    else stats.rejected++;
    if (!replay) this.dt = this.control.nextStep(dt, ratio);
  }

  private accept(): void {
    const { run, loop, y, dt } = this;
    const tape = run.tape;
    run.stats.accepted++;
    tape?.recordStep(this.t, dt, loop.stageY, this.saving);
    this.dense.keep(this.t, dt, y, loop.k);
    this.t += dt;
    y.set(this.y1);
    loop.carryLast();
    // The next step's first stage is this one's last (FSAL), saved in this slot; the sweep never reads it there.
    if (this.saving) this.saving = (tape as NonNullable<typeof tape>).nextSlot(loop);
    if (this.options.replay) {
      this.replayed++;
      if (!allFinite(y)) throw new SolverError("non-finite", { t: this.t, dt, ...run.stats }, "solve: the state became non-finite");
    }
  }
}
