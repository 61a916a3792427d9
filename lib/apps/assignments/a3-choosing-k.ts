/**
 * Assignment 3: a new system (the Brusselator) written as equations, the coupling strength k
 * picked with the Theorem-1 helper, and the choice defended with loss landscapes. Students write
 * the system definition, the largest eigenvalue of a 2 × 2 symmetric part (the helper's core),
 * their k, and a local-minimum counter for the landscapes. Reference values: defineSystem,
 * maxSymmetricPartEigenvalue, suggestCouplingStrength and parameterLandscape.
 */
import { Assignment } from "./exercise";
import { asArray, asNumber, asNumberArray, asObject, brief, close, fail, expectCaseAnswers } from "./expect";
import {
  defineSystem, SystemDataSuggestion, SystemDefinition, SystemDefinitionError, simulateDataset,
  parameterLandscape, linspace, TrueSystem,
} from "../../paper/index";
import {
  SmoothingSpline, CouplingStrengthResult, maxSymmetricPartEigenvalue, suggestCouplingStrength, Rng,
} from "../../core/index";

/** The data recipe of the assignment's system (100 samples on [0, 10), noise std 0.05). */
export const A3_DATA: SystemDataSuggestion = { tEnd: 10, dt: 0.1, noise: { kind: "absolute", amplitude: 0.05 }, noiseSeed: 10 };
/** Spline smoothing of the data for the helper (as customConfig). */
export const A3_ALPHA = 1e-3;

const BRUSSELATOR: SystemDefinition = {
  name: "brusselator",
  description: "Brusselator chemical oscillator (A = 1, B = 3: a limit cycle)",
  state: ["x", "y"],
  params: { A: 1, B: 3 },
  rhs: { x: "A + x^2*y - (B + 1)*x", y: "B*x - x^2*y" },
  u0: [1, 1],
  data: A3_DATA,
};

/** Exercise 3.2: 2 × 2 matrices (row-major) — random ones, a rotation, a diagonal, a symmetric, an oscillator. */
export const A3_MATRICES: readonly number[][] = (() => {
  const rng = new Rng(7);
  const random = Array.from({ length: 8 }, () => Array.from({ length: 4 }, () => Math.round(rng.uniformRange(-3, 3) * 1000) / 1000));
  return [...random, [0, 1, -1, 0], [2, 0, 0, -1], [1, 2, 2, 1], [0, 1, -98, -0.5]];
})();

/** Exercise 3.4: the landscape of the data MSE over one parameter of the system. */
export const A3_LANDSCAPE = { param: "B", factors: Array.from(linspace(0.5, 1.5, 51)), lengths: [50, 100, 200] };

/** Exercise 3.4: sequences whose local minima are counted by hand (plateaus, NaN, monotone). */
export const A3_MINIMA_CASES: readonly number[][] = [
  [3, 1, 2, 0, 4],
  [1, 2, 3],
  [5, 4, 3],
  [2, 1, 1, 1, 2],
  [2, 1, 1, 3, 1, 2],
  [3, NaN, 1, 2],
  [1, 0, 1, NaN, NaN, 0, 1],
  [1, 1, 1],
];

/**
 * The reference Brusselator definition: what the notebook continues with while exercise 3.1 is
 * not done, so that 3.2–3.4 can be worked on independently.
 */
export function a3ReferenceDefinition(): SystemDefinition {
  return JSON.parse(JSON.stringify(BRUSSELATOR)) as SystemDefinition;
}

/** The reference Brusselator, compiled (for checks). */
export function a3ReferenceSystem(): TrueSystem {
  return defineSystem(BRUSSELATOR);
}

/** The helper's reading of a system on the assignment's data recipe (smoothing spline, α = A3_ALPHA). */
export function a3Helper(system: TrueSystem = a3ReferenceSystem()): CouplingStrengthResult {
  const ds = simulateDataset(system, A3_DATA);
  const spline = new SmoothingSpline(ds.train.t, ds.train.u, ds.dim, A3_ALPHA);
  return suggestCouplingStrength({ jacobian: system, spline });
}

/** The range of k the check accepts: from the average contraction rate λ̄ to 4 × the helper's k. */
export function a3KRange(help: CouplingStrengthResult = a3Helper()): { low: number; high: number } {
  return { low: help.meanSymEigenvalue, high: 4 * help.suggestedK };
}

/**
 * Reference of exercise 3.4: local minima of a sequence. Non-finite values (failed solves) are
 * dropped first; a point, or a run of equal points, counts when both neighbours are strictly
 * larger; the first and last points never count.
 */
export function referenceCountLocalMinima(values: ArrayLike<number>): number {
  const v = Array.from(values).filter((x) => Number.isFinite(x));
  let count = 0;
  let i = 1;
  while (i < v.length - 1) {
    if (v[i] < v[i - 1]) {
      let j = i;
      while (j + 1 < v.length && v[j + 1] === v[i]) j++;
      if (j + 1 < v.length && v[j + 1] > v[i]) count++;
      i = j + 1;
    } else i++;
  }
  return count;
}

/** The MSE landscapes over B at coupling k (one curve per data length). */
export function a3Landscape(k: number, system: TrueSystem = a3ReferenceSystem()): number[][] {
  return parameterLandscape(system, { param: A3_LANDSCAPE.param, factors: A3_LANDSCAPE.factors, k, lengths: A3_LANDSCAPE.lengths }).mse.map((m) => Array.from(m));
}

function checkDefinition(answer: unknown): string {
  const def = asObject(answer, "answer 3.1") as unknown as SystemDefinition;
  let system;
  try {
    system = defineSystem(def);
  } catch (e) {
    if (e instanceof SystemDefinitionError) fail(`defineSystem rejects your definition: ${e.message}`);
    throw e;
  }
  if (system.stateNames.join(",") !== "x,y") fail(`the state should be ["x", "y"] in that order, got ${brief(system.stateNames)}`);
  if (system.paramNames.slice().sort().join(",") !== "A,B") fail(`the parameters should be A and B, got ${brief(system.paramNames)}`, "put A and B in params (with their values) and use them by name in the equations.");
  const p = (name: string) => system.defaultParams[system.paramNames.indexOf(name)];
  if (p("A") !== 1 || p("B") !== 3) fail(`the parameter values should be A = 1, B = 3, got A = ${p("A")}, B = ${p("B")}`);
  if (system.defaultU0.length !== 2 || system.defaultU0[0] !== 1 || system.defaultU0[1] !== 1) fail(`u0 should be [1, 1], got ${brief(Array.from(system.defaultU0))}`);
  const ref = a3ReferenceSystem();
  const rng = new Rng(31);
  const got = new Float64Array(2);
  const want = new Float64Array(2);
  for (let i = 0; i < 25; i++) {
    const u = Float64Array.of(rng.uniformRange(0, 4), rng.uniformRange(0, 5));
    system.eval(0, u, system.defaultParams, got);
    ref.eval(0, u, ref.defaultParams, want);
    for (let c = 0; c < 2; c++) {
      if (!close(got[c], want[c], 1e-10, 1e-12)) {
        const name = ["x", "y"][c];
        fail(`d${name}/dt at (x, y) = ${brief(Array.from(u))} should be ${brief(want[c])}, got ${brief(got[c])}`, `compare your rhs.${name} with d${name}/dt in the equations above, term by term (signs, x^2*y, (B + 1)*x).`);
      }
    }
  }
  return "the equations match at 25 random states";
}

export const A3: Assignment = {
  id: "03-choosing-k",
  number: 3,
  title: "Choosing k for a new system",
  minutes: 90,
  summary:
    "Write the Brusselator as equations, compute the Theorem-1 contraction rate λ_max((J + Jᵀ)/2) along its data, choose a coupling strength with the helper, and defend the choice with loss landscapes; then compare the helper with the paper's k (Table 4) and homotopy with vanilla training.",
  exercises: [
    {
      id: "3.1",
      title: "the Brusselator as equations",
      task: "return the SystemDefinition of the Brusselator (state x, y; params A = 1, B = 3; u0 = [1, 1]; data: dataRecipe)",
      hint: 'a SystemDefinition is { name, state: ["x", "y"], params: { A: 1, B: 3 }, rhs: { x: "…", y: "…" }, u0: [1, 1], data: dataRecipe }; each rhs is a mathjs expression such as "A + x^2*y - (B + 1)*x".',
      check: checkDefinition,
    },
    {
      id: "3.2",
      title: "largest eigenvalue of the symmetric part",
      task: "return the largest eigenvalue of (J + Jᵀ)/2 for the 2 × 2 matrix J = [a, b, c, d] (row-major)",
      hint: "the symmetric part (J + Jᵀ)/2 keeps a and d on its diagonal and has (b + c)/2 off it; the eigenvalues of a symmetric [[p, m], [m, q]] solve (p − λ)(q − λ) − m² = 0: take the larger root. Check yourself: a rotation [0, 1, −1, 0] gives 0.",
      check(answer) {
        const rows = asArray(answer, "answer 3.2", A3_MATRICES.length);
        A3_MATRICES.forEach((J, i) => {
          const row = asObject(rows[i], `answer 3.2[${i}]`);
          const got = asNumber(row.value, `your eigenvalue for J = ${brief(J)}`, false);
          const expected = maxSymmetricPartEigenvalue(J, 2);
          if (close(got, expected, 1e-9, 1e-12)) return;
          const [a, b, c, d] = J;
          const tr = (a + d) / 2;
          const disc = ((a - d) / 2) ** 2 + b * c;
          if (disc >= 0 && close(got, tr + Math.sqrt(disc), 1e-9, 1e-12) && b !== c) fail(`for J = ${brief(J)} you return the largest eigenvalue of J itself (${brief(got)})`, "Theorem 1 needs the symmetric part (J + Jᵀ)/2: replace b and c by their mean.");
          if (close(got, tr - Math.sqrt(((a - d) / 2) ** 2 + ((b + c) / 2) ** 2), 1e-9, 1e-12)) fail(`for J = ${brief(J)} you return the smaller eigenvalue (${brief(got)})`, "take + sqrt(…), the larger of the two eigenvalues.");
          fail(`for J = ${brief(J)} the largest eigenvalue of (J + Jᵀ)/2 is ${brief(expected)}, got ${brief(got)}`);
        });
        return `${A3_MATRICES.length} matrices match`;
      },
    },
    {
      id: "3.3",
      title: "your coupling strength",
      task: "return your k, chosen with the helper's reading of the data (and defend it in the markdown cell below)",
      hint: "Theorem 1 contracts everywhere above λ* = help.maxSymEigenvalue (the helper adds a 10 % margin); on average the error already shrinks above λ̄ = help.meanSymEigenvalue. Pick k between λ̄ and 4 × help.suggestedK and say why.",
      check(answer) {
        const a = asObject(answer, "answer 3.3");
        const k = asNumber(a.k, "your k");
        const help = a3Helper();
        const { low, high } = a3KRange(help);
        if (k < low) {
          fail(`k = ${brief(k)} is below the average contraction rate λ̄ = ${brief(low)}`, "below λ̄ the coupling does not contract the error even on average along the data (λ_max((J + Jᵀ)/2) averaged over time); the exercise asks for a k the helper's reading supports, so choose at least λ̄.");
        }
        if (k > high) {
          fail(`k = ${brief(k)} is above 4 × the helper's k (${brief(high)})`, "the helper's k already contracts the error everywhere along the data, with a margin; a much stronger coupling only flattens the loss in θ further (its curvature falls like 1/k², the depth column of §4). Choose a k you can justify from the helper's reading.");
        }
        return `k = ${brief(k)} lies in [λ̄, 4·k_helper] = [${brief(low)}, ${brief(high)}]`;
      },
    },
    {
      id: "3.4",
      title: "landscape evidence",
      task: "return the number of local minima of the sequence (non-finite values dropped, runs of equal values counted once, ends never counted)",
      hint: "drop NaN/±Infinity first; then a point, or a run of equal points, is a local minimum when the values on both sides are strictly larger; the first and last points have one neighbour only and never count.",
      check(answer) {
        const a = asObject(answer, "answer 3.4");
        expectCaseAnswers(a, "3.4", A3_MINIMA_CASES, (values) => `countLocalMinima(${brief(values)})`, referenceCountLocalMinima);
        const k = asNumber(a.k, "answer 3.4 k");
        if (!(k > 0)) fail(`answer 3.4 k should be your k > 0, got ${brief(k)}`);
        for (const which of ["uncoupled", "coupled"]) {
          const part = asObject(a[which], `answer 3.4 ${which}`);
          const curves = asArray(part.curves, `answer 3.4 ${which}.curves`, A3_LANDSCAPE.lengths.length);
          const counts = asNumberArray(part.counts, `answer 3.4 ${which}.counts`, curves.length);
          curves.forEach((c, i) => {
            const expected = referenceCountLocalMinima(asNumberArray(c, `answer 3.4 ${which}.curves[${i}]`, A3_LANDSCAPE.factors.length, false));
            if (counts[i] !== expected) fail(`the ${which} landscape for ${A3_LANDSCAPE.lengths[i]} samples has ${expected} local minima, you counted ${counts[i]}`);
          });
        }
        const longest = a3Landscape(k)[A3_LANDSCAPE.lengths.length - 1];
        const minima = referenceCountLocalMinima(longest);
        let best = 0;
        for (let i = 1; i < longest.length; i++) if (longest[i] < longest[best]) best = i;
        if (minima !== 1 || Math.abs(A3_LANDSCAPE.factors[best] - 1) > 0.021) {
          fail(`with k = ${brief(k)} the landscape on the longest data has ${minima} local minima, the lowest at B × ${brief(A3_LANDSCAPE.factors[best])}`, "this k does not smooth the landscape into one valley around the true B; revisit exercise 3.3.");
        }
        return `one valley at B × 1 with k = ${brief(k)}`;
      },
    },
  ],
};

/** For tests and the teacher notes: the reference answers of assignment 3, with k = the helper's suggestion. */
export function a3ReferenceAnswers(k: number = a3Helper().suggestedK): Record<string, unknown> {
  const landscape = (kk: number) => {
    const curves = a3Landscape(kk);
    return { curves, counts: curves.map(referenceCountLocalMinima) };
  };
  return {
    "3.1": a3ReferenceDefinition(),
    "3.2": A3_MATRICES.map((J) => ({ J, value: maxSymmetricPartEigenvalue(J, 2) })),
    "3.3": { k },
    "3.4": { k, cases: A3_MINIMA_CASES.map((values) => ({ values, answer: referenceCountLocalMinima(values) })), uncoupled: landscape(0), coupled: landscape(k) },
  };
}
