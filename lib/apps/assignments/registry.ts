/**
 * The course assignments, and which assignment a notebook belongs to: its metadata
 * (`homotopy_assignment.id`) decides, else its file name (`NN-name.ipynb` or
 * `NN-name.teacher.ipynb`), so a renamed student submission is still recognised.
 */
import * as path from "node:path";
import { Assignment } from "./exercise";
import { A1 } from "./a1-coupling-and-schedule";
import { A2 } from "./a2-three-methods";
import { A3 } from "./a3-choosing-k";

export const ASSIGNMENTS: readonly Assignment[] = [A1, A2, A3];

/** Notebook metadata key holding { id, version: "teacher" | "student" }. */
export const ASSIGNMENT_METADATA_KEY = "homotopy_assignment";

export function findAssignment(id: string): Assignment | undefined {
  return ASSIGNMENTS.find((a) => a.id === id);
}

/** The stem of a notebook file: "01-coupling-and-schedule" for both versions. */
export function notebookStem(file: string): string {
  return path.basename(file).replace(/\.ipynb$/i, "").replace(/\.teacher$/i, "");
}

/** The assignment of a notebook (metadata first, then file name), or null. */
export function assignmentOfNotebook(file: string, metadata: Record<string, unknown> | undefined): Assignment | null {
  const meta = metadata?.[ASSIGNMENT_METADATA_KEY] as { id?: unknown } | undefined;
  if (meta && typeof meta.id === "string") return findAssignment(meta.id) ?? null;
  return findAssignment(notebookStem(file)) ?? null;
}
