/**
 * The training methods, defined once: their names, in the order tables and menus show them, with a
 * label and a one-line description. Types, schema enums, CLI choices and the page's select derive
 * from this list.
 */
export const TRAINING_METHODS = [
  { name: "vanilla", label: "vanilla", summary: "fit the whole trajectory from its initial state (plain NeuralODE training)" },
  { name: "multishoot", label: "multiple shooting", summary: "fit segments from learned starts, with a continuity penalty between them" },
  { name: "homotopy", label: "homotopy", summary: "couple the model to a spline of the data and lower the coupling λ from 1 to 0 in steps" },
] as const;

export type TrainingMethodName = (typeof TRAINING_METHODS)[number]["name"];

/** The method names in table order: vanilla, multishoot, homotopy. */
export const METHODS = TRAINING_METHODS.map((m) => m.name) as unknown as readonly ["vanilla", "multishoot", "homotopy"];

/** A method's entry (label and description). */
export function trainingMethod(name: TrainingMethodName): (typeof TRAINING_METHODS)[number] {
  return TRAINING_METHODS.find((m) => m.name === name) as (typeof TRAINING_METHODS)[number];
}
