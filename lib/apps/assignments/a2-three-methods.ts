/**
 * Assignment 2: Lotka–Volterra trained with vanilla gradient descent, multiple shooting and
 * homotopy (the given code runs the paper's configs). Students write the two measurements the
 * comparison rests on (the best epoch; the first epoch and solver cost to reach a target MSE)
 * and explain why homotopy's best epoch comes so much earlier than the baselines'. The checks
 * recompute every measurement from the training histories the notebook recorded.
 */
import { Assignment } from "./exercise";
import { asArray, asNumber, asNumberArray, asObject, asString, brief, fail, expectCaseAnswers } from "./expect";

/** Exercise 2.1: histories with NaN (a failed solve), ties and no finite value. */
export const A2_BEST_EPOCH_CASES: readonly number[][] = [
  [3, 1, 2, 1, 5],
  [NaN, 2, 1, NaN, 1],
  [NaN, NaN],
  [0.5],
  [Infinity, 3, Infinity],
  [],
];

/** Exercise 2.2: small histories whose answers can be checked by hand. */
export const A2_COST_CASES: readonly { mse: number[]; nfe: number[]; target: number }[] = [
  { mse: [5, 4, 3, 2, 1], nfe: [10, 10, 10, 10, 10], target: 3 },
  { mse: [5, NaN, 1], nfe: [1, 2, 3], target: 2 },
  { mse: [5, 4], nfe: [1, 1], target: 1 },
  { mse: [1, 2], nfe: [7, 1], target: 1 },
];

/** Exercise 2.3: the explanation of the best-epoch gap (the options are in the notebook). */
export const A2_GAP_OPTIONS = ["A", "B", "C", "D"] as const;
export type GapOption = (typeof A2_GAP_OPTIONS)[number];
const GAP_ANSWER: GapOption = "C";
const GAP_WRONG: Record<string, string> = {
  A: "compare the learning rates in the configuration table: vanilla and homotopy both use lr = 0.05.",
  B: "look at your exercise 2.2 table: homotopy reaches vanilla's final MSE after a small fraction of its epochs and solver evaluations, so the gap is not just the shorter budget.",
  D: "look at vanilla's MSE curve: its spikes go up, not down, and its lower envelope keeps falling to the end of the budget (the second-half column of the gap table); the best epoch is late because training is still improving, not by chance.",
};

/** Reference of exercise 2.1: index of the smallest finite value (the earliest on ties), −1 if none. */
export function referenceBestEpoch(mse: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < mse.length; i++) if (Number.isFinite(mse[i]) && (best < 0 || mse[i] < mse[best])) best = i;
  return best;
}

/** Reference of exercise 2.2: the first epoch with MSE ≤ target and the evaluations of epochs 0 … that epoch. */
export function referenceCostToReach(mse: ArrayLike<number>, nfe: ArrayLike<number>, target: number): { epoch: number; nfe: number } | null {
  let spent = 0;
  for (let e = 0; e < mse.length; e++) {
    spent += nfe[e];
    if (mse[e] <= target) return { epoch: e, nfe: spent };
  }
  return null;
}

function sameCost(a: unknown, b: { epoch: number; nfe: number } | null, what: string): boolean {
  if (b === null) return a === null;
  if (a === null) return false;
  const o = asObject(a, what);
  return asNumber(o.epoch, `${what}.epoch`) === b.epoch && asNumber(o.nfe, `${what}.nfe`) === b.nfe;
}

export const A2: Assignment = {
  id: "02-three-methods",
  number: 2,
  title: "Three training methods and the best-epoch gap",
  minutes: 75,
  summary:
    "Train the paper's Lotka–Volterra black-box model with vanilla gradient descent, multiple shooting and homotopy, measure the best epoch and the cost to reach a target error, and explain why homotopy's best epoch comes so early.",
  exercises: [
    {
      id: "2.1",
      title: "best epoch",
      task: "return the epoch with the smallest finite MSE (the earliest on ties), or −1 if there is none",
      hint: "loop over the epochs and keep the index of the smallest finite value; skip NaN and ±Infinity (diverged solves), keep the earliest index on ties (compare with <, not ≤), and return −1 for an empty or all-NaN history.",
      check(answer) {
        const a = asObject(answer, "answer 2.1");
        expectCaseAnswers(a, "2.1", A2_BEST_EPOCH_CASES, (mse) => `bestEpoch(${brief(mse)})`, referenceBestEpoch);
        const runs = asArray(a.runs, "answer 2.1 runs");
        if (runs.length < 3) fail(`answer 2.1 runs: expected the three methods' histories, got ${runs.length}`);
        for (const [i, r] of runs.entries()) {
          const run = asObject(r, `answer 2.1 runs[${i}]`);
          const method = asString(run.method, `answer 2.1 runs[${i}].method`);
          const mse = asNumberArray(run.mse, `${method} MSE history`, undefined, false);
          const expected = referenceBestEpoch(mse);
          const got = asNumber(run.answer, `your best epoch of ${method}`);
          if (got !== expected) fail(`the best epoch of the ${method} run is ${expected} (MSE ${brief(mse[expected])}), you found ${got}`);
        }
        return "the edge cases and all three runs match";
      },
    },
    {
      id: "2.2",
      title: "cost to reach a target",
      task: "return the first epoch whose MSE ≤ target and the solver evaluations of epochs 0 … that epoch, or null",
      hint: "walk through the epochs adding up nfe (including the epoch that first reaches the target) and stop at the first epoch with mse ≤ target; NaN never reaches it; return null when no epoch does.",
      check(answer) {
        const a = asObject(answer, "answer 2.2");
        const cases = asArray(a.cases, "answer 2.2 cases", A2_COST_CASES.length);
        A2_COST_CASES.forEach((c, i) => {
          const expected = referenceCostToReach(c.mse, c.nfe, c.target);
          const got = asObject(cases[i], `answer 2.2 cases[${i}]`).answer;
          if (!sameCost(got, expected, `your costToReach for case ${i}`)) {
            fail(`costToReach(mse ${brief(c.mse)}, nfe ${brief(c.nfe)}, target ${c.target}) should be ${brief(expected)}, got ${brief(got)}`);
          }
        });
        const runs = asArray(a.runs, "answer 2.2 runs");
        if (runs.length < 3) fail(`answer 2.2 runs: expected the three methods' histories, got ${runs.length}`);
        for (const [i, r] of runs.entries()) {
          const run = asObject(r, `answer 2.2 runs[${i}]`);
          const method = asString(run.method, `answer 2.2 runs[${i}].method`);
          const mse = asNumberArray(run.mse, `${method} MSE history`, undefined, false);
          const nfe = asNumberArray(run.nfe, `${method} nfe history`, mse.length);
          const target = asNumber(run.target, `${method} target`);
          const expected = referenceCostToReach(mse, nfe, target);
          if (!sameCost(run.answer, expected, `your costToReach for ${method}`)) {
            fail(`for the ${method} run and target ${brief(target)} the answer is ${brief(expected)}, you found ${brief(run.answer)}`);
          }
        }
        return "the edge cases and all three runs match";
      },
    },
    {
      id: "2.3",
      title: "why homotopy's best epoch comes early",
      task: "return the letter of the explanation that the numbers support",
      hint: "compare where each method's best epoch falls within its budget, the λ at homotopy's best epoch, and how many epochs homotopy needs to reach vanilla's final MSE (exercise 2.2).",
      check(answer) {
        const letter = asString(answer, "answer 2.3").trim().toUpperCase();
        if (!(A2_GAP_OPTIONS as readonly string[]).includes(letter)) fail(`answer 2.3 should be one of ${A2_GAP_OPTIONS.join(", ")}, got ${brief(answer)}`);
        if (letter !== GAP_ANSWER) fail(`${letter} is not supported by the numbers`, GAP_WRONG[letter]);
        return "";
      },
    },
  ],
};

/** For tests: the reference answers for given training histories. */
export function a2ReferenceAnswers(runs: readonly { method: string; mse: number[]; nfe: number[] }[], target: number): Record<string, unknown> {
  return {
    "2.1": { cases: A2_BEST_EPOCH_CASES.map((mse) => ({ mse, answer: referenceBestEpoch(mse) })), runs: runs.map((r) => ({ method: r.method, mse: r.mse, answer: referenceBestEpoch(r.mse) })) },
    "2.2": {
      cases: A2_COST_CASES.map((c) => ({ ...c, answer: referenceCostToReach(c.mse, c.nfe, c.target) })),
      runs: runs.map((r) => ({ method: r.method, mse: r.mse, nfe: r.nfe, target, answer: referenceCostToReach(r.mse, r.nfe, target) })),
    },
    "2.3": GAP_ANSWER,
  };
}
