/**
 * The training methods, defined once: their names, in the order tables and menus show them, with a
 * label, a one-line description and their relative cost. Types, schema enums, CLI choices, the
 * page's select and the worker pool's cost estimate derive from this list.
 *
 * `evaluations`: vector-field evaluations per epoch relative to vanilla (means over the LV
 * black-box runs of a full-profile grid: vanilla ≈ 670, multiple shooting ≈ 1620, homotopy ≈ 1790).
 */
export const TRAINING_METHODS = [
  { name: "vanilla", label: "vanilla", summary: "fit the whole trajectory from its initial state (plain NeuralODE training)", evaluations: 1 },
  { name: "multishoot", label: "multiple shooting", summary: "fit segments from learned starts, with a continuity penalty between them", evaluations: 2.4 },
  { name: "homotopy", label: "homotopy", summary: "couple the model to a spline of the data and lower the coupling λ from 1 to 0 in steps", evaluations: 2.7 },
] as const;

export type TrainingMethodName = (typeof TRAINING_METHODS)[number]["name"];

/** The method names in table order: vanilla, multishoot, homotopy. */
export const METHODS = TRAINING_METHODS.map((m) => m.name) as unknown as readonly ["vanilla", "multishoot", "homotopy"];

/** A method's entry (label and description). */
export function trainingMethod(name: TrainingMethodName): (typeof TRAINING_METHODS)[number] {
  return TRAINING_METHODS.find((m) => m.name === name) as (typeof TRAINING_METHODS)[number];
}
