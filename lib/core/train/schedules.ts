import { pow } from "../libm";
/**
 * Homotopy schedules: λ as a function of the epoch. The paper's schedule is the power-law
 * stepwise one, with the official code's semantics: s plateaus, the last at λ = 0, s − 1
 * decrements κ^j / Σκ^i, each plateau n_epoch epochs long (total s·n_epoch).
 */

export interface HomotopySchedule {
  /** λ at this epoch (epochs past the end stay on the last value). */
  lambda(epoch: number): number;
  /** Epochs the schedule is defined for. */
  readonly totalEpochs: number;
  /** The distinct λ values and the epochs they start at (for plots and sliders). */
  readonly plateaus: readonly { start: number; lambda: number }[];
  describe(): string;
}

function stepwise(values: number[], epochsPerStep: number, description: string): HomotopySchedule {
  const plateaus = values.map((lambda, j) => ({ start: j * epochsPerStep, lambda }));
  return {
    totalEpochs: values.length * epochsPerStep,
    plateaus,
    lambda(epoch: number): number {
      const j = Math.floor(epoch / epochsPerStep);
      return values[Math.min(Math.max(j, 0), values.length - 1)];
    },
    describe: () => description,
  };
}

function checkPositiveInteger(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name}: expected a positive integer, got ${v}`);
}

/** The λ plateau values of the power-law schedule (s values, the last exactly 0). */
export function powerLawValues(steps: number, decay: number): number[] {
  checkPositiveInteger("schedule steps (s)", steps);
  if (!(decay > 0 && decay < 1)) throw new RangeError(`schedule decay (κ): expected a number in (0, 1), got ${decay}`);
  if (steps === 1) return [0];
  const raw = Array.from({ length: steps - 1 }, (_, j) => pow(decay, j));
  const total = raw.reduce((a, b) => a + b, 0);
  const values = [1];
  for (let j = 0; j < steps - 1; j++) values.push(values[j] - raw[j] / total);
  values[steps - 1] = 0;
  return values;
}

export interface PowerLawOptions {
  /** s: number of λ plateaus, including the final λ = 0. */
  steps: number;
  /** n_epoch: epochs per plateau. */
  epochsPerStep: number;
  /** κ: ratio of consecutive decrements, in (0, 1). */
  decay: number;
}

/** The paper's power-law stepwise schedule: `steps` plateaus of `epochsPerStep` epochs, the last at λ = 0. */
export function powerLawSchedule({ steps, epochsPerStep, decay }: PowerLawOptions): HomotopySchedule {
  checkPositiveInteger("schedule epochsPerStep (n_epoch)", epochsPerStep);
  return stepwise(powerLawValues(steps, decay), epochsPerStep, `power-law stepwise (s = ${steps}, n_epoch = ${epochsPerStep}, κ = ${decay})`);
}

/** The official code's "pedagogical" StepwiseSchedule: λ = 1, 1 − d, 1 − 2d, … clamped at 0. */
export function constantDecrementSchedule({ decrement, epochsPerStep }: { decrement: number; epochsPerStep: number }): HomotopySchedule {
  if (!(decrement > 0 && decrement <= 1)) throw new RangeError(`schedule decrement: expected a number in (0, 1], got ${decrement}`);
  checkPositiveInteger("schedule epochsPerStep (n_epoch)", epochsPerStep);
  const values: number[] = [];
  for (let j = 0; ; j++) {
    const v = 1 - j * decrement;
    if (v <= 1e-12) {
      values.push(0);
      break;
    }
    values.push(v);
  }
  return stepwise(values, epochsPerStep, `constant-decrement stepwise (Δλ = ${decrement}, n_epoch = ${epochsPerStep})`);
}

/** Any function epoch → λ over a fixed number of epochs. */
export function functionSchedule(fn: (epoch: number) => number, totalEpochs: number, description = "custom"): HomotopySchedule {
  checkPositiveInteger("schedule totalEpochs", totalEpochs);
  const plateaus: { start: number; lambda: number }[] = [];
  for (let e = 0; e < totalEpochs; e++) {
    const l = fn(e);
    if (!plateaus.length || plateaus[plateaus.length - 1].lambda !== l) plateaus.push({ start: e, lambda: l });
  }
  return { totalEpochs, plateaus, lambda: (e) => fn(Math.min(e, totalEpochs - 1)), describe: () => description };
}
