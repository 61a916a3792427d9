/** Fixed steps: `substeps` equal steps per output interval; outputs are the step end states. */
import { SolverError } from "./errors";
import { Integration } from "./integration";
import { StageLoop } from "./stages";
import { allFinite } from "../numeric";

export function integrateFixed(run: Integration, substeps: number): void {
  if (!Number.isInteger(substeps) || substeps < 1) {
    throw new RangeError(`solve: substeps must be a positive integer, got ${substeps}`);
  }
  const { ts, us, stats, tape, maxSteps, tableau } = run;
  const dim = run.field.dim;
  const { stages, b } = tableau;
  const loop = new StageLoop(run);
  const y = Float64Array.from(run.u0);
  let steps = 0;
  for (let n = 1; n < ts.length; n++) {
    const tStart = ts[n - 1];
    const h = (ts[n] - tStart) / substeps;
    for (let m = 0; m < substeps; m++) {
      if (++steps > maxSteps) {
        throw new SolverError("max-steps", { t: tStart + m * h, dt: h, ...stats }, `solve: more than ${maxSteps} steps`);
      }
      const t0 = tStart + m * h;
      const saving = tape !== null && tape.nextSlot(loop);
      loop.run(t0, h, y, 0);
      stats.nfe += stages;
      loop.addWeighted(b, h, y);
      stats.accepted++;
      tape?.recordStep(t0, h, loop.stageY, saving);
      if (!allFinite(y)) {
        throw new SolverError("non-finite", { t: t0 + h, dt: h, ...stats }, "solve: the state became non-finite");
      }
    }
    us.set(y, n * dim);
    tape?.recordOutput(n, NaN);
  }
}
