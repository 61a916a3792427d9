/**
 * Assignment 1: the two ingredients of homotopy training written by hand. Students implement
 * the power-law λ schedule (values and lookup by epoch) and the coupled right-hand side
 * f(t, u) − λ·k·(u − û(t)), then use it to watch a mismatched Lotka–Volterra response
 * synchronise with the data as k grows. Reference values: powerLawValues, powerLawSchedule,
 * CoupledField and coupledResponse.
 */
import { Assignment } from "./exercise";
import { asArray, asNumberArray, asObject, brief, close, expectArrayClose, fail } from "./expect";
import { RhsFunction } from "./toolkit";
import { powerLawSchedule, powerLawValues, CoupledField, SmoothingSpline, Rng } from "../../core/index";
import { LotkaVolterra, FixedParams, arange, coupledResponse, driveTrajectory, scaledParams } from "../../paper/index";

/** Exercise 1.1: (s, κ) pairs whose λ values are recorded; the paper uses s = 6, 7, 8 with κ = 0.6. */
export const A1_SCHEDULE_CASES: readonly { steps: number; decay: number }[] = [
  { steps: 6, decay: 0.6 },
  { steps: 7, decay: 0.6 },
  { steps: 8, decay: 0.6 },
  { steps: 4, decay: 0.3 },
  { steps: 2, decay: 0.9 },
  { steps: 1, decay: 0.5 },
];

/** Exercise 1.2: schedules looked up at every epoch from 0 to 20 past their end. */
export const A1_LAMBDA_CASES: readonly { steps: number; epochsPerStep: number; decay: number; epochs: number[] }[] = [
  { steps: 6, epochsPerStep: 50, decay: 0.6 },
  { steps: 3, epochsPerStep: 10, decay: 0.5 },
].map((c) => ({ ...c, epochs: Array.from({ length: c.steps * c.epochsPerStep + 20 }, (_, e) => e) }));

/** Exercise 1.4: coupling strengths of the synchronisation experiment. */
export const A1_KS: readonly number[] = [0, 0.3, 1, 3, 10, 30];

/** The synchronisation experiment: LV drive with the paper's parameters, response with a × 0.5. */
export interface A1Setup {
  system: LotkaVolterra;
  /** The mismatched parameter and its factor. */
  param: string;
  factor: number;
  /** Response parameters (a × 0.5). */
  responseParams: Float64Array;
  /** Drive samples: t = 0, 0.05, …, 9.95. */
  t: Float64Array;
  u0: Float64Array;
  /** Drive states at t, (t.length × 2) row-major. */
  drive: Float64Array;
  /** Interpolating spline of the drive samples: û(t). */
  spline: SmoothingSpline;
  /** The response's own dynamics f(t, u) (with the wrong a). */
  f: RhsFunction;
  /** û(t) as a new array. */
  uHat: (t: number) => Float64Array;
  /** Index of the first sample of the second half (t ≥ 5), where errors are averaged. */
  secondHalfStart: number;
  /** Exercise 1.3: inputs at which the coupled right-hand side is evaluated. */
  probes: { t: number; u: number[]; k: number; lambda: number }[];
  ks: readonly number[];
}

export function a1Setup(): A1Setup {
  const system = new LotkaVolterra();
  const param = "a";
  const factor = 0.5;
  const responseParams = scaledParams(system, param, factor);
  const t = arange(0, 10, 0.05);
  const u0 = Float64Array.from(system.defaultU0);
  const drive = driveTrajectory(system, t);
  const spline = new SmoothingSpline(t, drive, system.dim, 0);
  const f: RhsFunction = (time, u) => {
    const out = new Float64Array(system.dim);
    system.eval(time, u, responseParams, out);
    return out;
  };
  const uHat = (time: number) => {
    const out = new Float64Array(system.dim);
    spline.evaluate(time, out);
    return out;
  };
  const rng = new Rng(2023);
  const ks = [6, 2, 0.5, 0];
  const lambdas = [1, 0.5663, 0.3, 0];
  const probes = Array.from({ length: 12 }, (_, i) => {
    const time = rng.uniformRange(0, 10);
    const near = uHat(time);
    return { t: time, u: Array.from(near, (v) => v * rng.uniformRange(0.5, 1.5)), k: ks[i % 4], lambda: lambdas[Math.floor(i / 3) % 4] };
  });
  return { system, param, factor, responseParams, t, u0, drive, spline, f, uHat, secondHalfStart: Math.floor(t.length / 2), probes, ks: A1_KS };
}

function mean(xs: ArrayLike<number>, from = 0): number {
  let s = 0;
  for (let i = from; i < xs.length; i++) s += xs[i];
  return s / (xs.length - from);
}

/** Reference answer of exercise 1.4: the mean synchronisation error over the second half, per k. */
export function a1ReferenceSyncErrors(setup: A1Setup = a1Setup()): number[] {
  return setup.ks.map((k) => mean(coupledResponse(setup.system, { t: setup.t, k, responseParams: setup.responseParams }).error, setup.secondHalfStart));
}

function caseKey(c: Record<string, unknown>, keys: string[]): string {
  return keys.map((k) => `${k} = ${brief(c[k])}`).join(", ");
}

export const A1: Assignment = {
  id: "01-coupling-and-schedule",
  number: 1,
  title: "Coupling and the power-law schedule",
  minutes: 60,
  summary:
    "Implement the power-law λ schedule and the coupled vector field f − λk(u − û) by hand, check them against the library, and watch a response with a wrong parameter synchronise with the data as k grows (Theorem 1).",
  exercises: [
    {
      id: "1.1",
      title: "power-law λ values",
      task: "return the s plateau values of the power-law schedule (1 first, exactly 0 last)",
      hint: "λ starts at 1 and the last of the s values is exactly 0; the s − 1 decrements are κ^j / Σ_{i<s−1} κ^i for j = 0 … s − 2, so they add up to 1. For s = 1 the only value is 0.",
      check(answer) {
        const cases = asArray(answer, "answer 1.1");
        for (const req of A1_SCHEDULE_CASES) {
          const c = cases.map((x, i) => asObject(x, `answer 1.1[${i}]`)).find((x) => x.steps === req.steps && x.decay === req.decay);
          if (!c) fail(`no values recorded for s = ${req.steps}, κ = ${req.decay} (run the recording cell unchanged)`);
          const values = asNumberArray(c.values, `λ values for s = ${req.steps}, κ = ${req.decay}`, undefined, false);
          const expected = powerLawValues(req.steps, req.decay);
          const what = `λ values for s = ${req.steps}, κ = ${req.decay}`;
          if (values.length !== expected.length) fail(`${what}: expected ${expected.length} values (one per plateau, the last 0), got ${values.length}: ${brief(values)}`);
          if (req.steps > 1 && !close(values[0], 1)) fail(`${what}: the first plateau must be λ = 1, got ${brief(values[0])}`);
          if (values[values.length - 1] !== 0) fail(`${what}: the last plateau must be exactly λ = 0, got ${brief(values[values.length - 1])}`);
          expectArrayClose(values, expected, what, { rtol: 1e-9, atol: 1e-12 });
        }
        return `${A1_SCHEDULE_CASES.length} schedules match powerLawValues`;
      },
    },
    {
      id: "1.2",
      title: "λ at an epoch",
      task: "return λ at this epoch: plateau floor(epoch / n_epoch) of the power-law schedule, the last value after the end",
      hint: "plateau j = floor(epoch / n_epoch) covers epochs j·n_epoch … (j + 1)·n_epoch − 1, starting at j = 0 with λ = 1; epochs past s·n_epoch stay on the last plateau (λ = 0).",
      check(answer) {
        const cases = asArray(answer, "answer 1.2");
        for (const req of A1_LAMBDA_CASES) {
          const c = cases.map((x, i) => asObject(x, `answer 1.2[${i}]`)).find((x) => x.steps === req.steps && x.epochsPerStep === req.epochsPerStep && x.decay === req.decay);
          const what = caseKey(req as unknown as Record<string, unknown>, ["steps", "epochsPerStep", "decay"]);
          if (!c) fail(`no values recorded for ${what} (run the recording cell unchanged)`);
          const epochs = asNumberArray(c.epochs, `epochs (${what})`);
          const lambdas = asNumberArray(c.lambdas, `λ values (${what})`, epochs.length, false);
          if (epochs.length < req.epochs.length) fail(`${what}: expected λ at ${req.epochs.length} epochs, got ${epochs.length}`);
          const schedule = powerLawSchedule(req);
          epochs.forEach((e, i) => {
            const expected = schedule.lambda(e);
            if (!close(lambdas[i], expected, 1e-9, 1e-12)) {
              const boundary = e % req.epochsPerStep === 0 && e > 0 ? ` (epoch ${e} is the first epoch of plateau ${Math.floor(e / req.epochsPerStep)})` : "";
              fail(`λ at epoch ${e} (${what}) should be ${brief(expected)}, got ${brief(lambdas[i])}${boundary}`);
            }
          });
        }
        return "λ matches powerLawSchedule at every epoch";
      },
    },
    {
      id: "1.3",
      title: "coupled right-hand side",
      task: "return the function (t, u) => f(t, u) − λ·k·(u − û(t)) as a new Float64Array",
      hint: "test your function at a point with k·λ = 0: it must give f(t, u) exactly. Where k·λ > 0, the extra term must push u towards û(t), not away from it, and grow with k and with λ. Build the result in a new array; u belongs to the solver.",
      check(answer) {
        const setup = a1Setup();
        const rows = asArray(answer, "answer 1.3", setup.probes.length);
        const field = new FixedParams(setup.system, setup.responseParams);
        const n = setup.system.dim;
        rows.forEach((x, i) => {
          const row = asObject(x, `answer 1.3[${i}]`);
          const probe = setup.probes[i];
          const u = asNumberArray(row.u, `answer 1.3[${i}].u`, n);
          if (row.t !== probe.t || row.k !== probe.k || row.lambda !== probe.lambda || u.some((v, c) => v !== probe.u[c])) {
            fail(`answer 1.3[${i}] was evaluated at other inputs than the probe points (run the recording cell unchanged)`);
          }
          const value = asNumberArray(row.value, `your coupled right-hand side at probe ${i}`, n, false);
          const expected = new Float64Array(n);
          new CoupledField(field, setup.spline, probe.k, probe.lambda).eval(probe.t, Float64Array.from(u), new Float64Array(0), expected);
          if (value.every((v, c) => close(v, expected[c], 1e-9, 1e-12))) return;
          const f = setup.f(probe.t, Float64Array.from(u));
          const uh = setup.uHat(probe.t);
          const at = `at t = ${brief(probe.t)}, k = ${probe.k}, λ = ${probe.lambda}`;
          const like = (g: (c: number) => number) => value.every((v, c) => close(v, g(c), 1e-9, 1e-12));
          if (probe.k * probe.lambda !== 0 && like((c) => f[c] + probe.lambda * probe.k * (u[c] - uh[c]))) {
            fail(`${at} you return f + λk(u − û)`, "the sign of the coupling is flipped: it must pull u towards û, so subtract λ·k·(u − û).");
          }
          if (probe.lambda !== 1 && like((c) => f[c] - probe.k * (u[c] - uh[c]))) {
            fail(`${at} you return f − k(u − û)`, "the coupling term is scaled by λ as well: f − λ·k·(u − û).");
          }
          fail(`${at}, u = ${brief(u)}: expected ${brief(Array.from(expected))}, got ${brief(value)}`);
        });
        return `${rows.length} probe points match CoupledField`;
      },
    },
    {
      id: "1.4",
      title: "synchronisation error against k",
      task: "solve the coupled response (λ = 1) for this k and return the mean of |u(t_i) − û(t_i)| over the second half of the samples",
      hint: "three steps: a trajectory of the coupled response (which λ?), its distance to the drive at every sample, and a mean over the right samples only (where does the second half start?). Plot the distance over time for one k if the numbers look off. The error should fall as k grows.",
      check(answer) {
        const a = asObject(answer, "answer 1.4");
        const ks = asNumberArray(a.ks, "answer 1.4 ks");
        if (ks.length !== A1_KS.length || ks.some((k, i) => k !== A1_KS[i])) fail(`answer 1.4 ks should be ${brief(A1_KS)}, got ${brief(ks)} (run the recording cell unchanged)`);
        const errors = asNumberArray(a.errors, "answer 1.4 errors", ks.length, false);
        const setup = a1Setup();
        const expected = a1ReferenceSyncErrors(setup);
        for (let i = 0; i < ks.length; i++) {
          if (close(errors[i], expected[i], 1e-3, 1e-6)) continue;
          const whole = mean(coupledResponse(setup.system, { t: setup.t, k: ks[i], responseParams: setup.responseParams }).error);
          if (close(errors[i], whole, 1e-3, 1e-6)) fail(`at k = ${ks[i]} you averaged over all samples (${brief(errors[i])})`, "average only over the second half of the samples (index setup.secondHalfStart on), after the transient.");
          fail(`the mean error at k = ${ks[i]} should be ${brief(expected[i])}, got ${brief(errors[i])} (all: ${brief(expected)})`);
        }
        return `errors fall from ${brief(errors[0])} (k = 0) to ${brief(errors[errors.length - 1])} (k = ${ks[ks.length - 1]})`;
      },
    },
  ],
};

/** For tests and the teacher notes: the reference answers of assignment 1, computed by the library. */
export function a1ReferenceAnswers(): Record<string, unknown> {
  const setup = a1Setup();
  const n = setup.system.dim;
  const field = new FixedParams(setup.system, setup.responseParams);
  return {
    "1.1": A1_SCHEDULE_CASES.map((c) => ({ ...c, values: powerLawValues(c.steps, c.decay) })),
    "1.2": A1_LAMBDA_CASES.map((c) => ({ ...c, lambdas: c.epochs.map((e) => powerLawSchedule(c).lambda(e)) })),
    "1.3": setup.probes.map((p) => {
      const out = new Float64Array(n);
      new CoupledField(field, setup.spline, p.k, p.lambda).eval(p.t, Float64Array.from(p.u), new Float64Array(0), out);
      return { ...p, value: Array.from(out) };
    }),
    "1.4": { ks: [...A1_KS], errors: a1ReferenceSyncErrors(setup) },
  };
}
