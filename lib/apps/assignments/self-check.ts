/**
 * The last cell of an assignment notebook: the same checks `homotopy-ode check` runs, on the
 * answers recorded in this kernel session, shown as a table (PASS, or FAIL with the hint).
 * Takes the assignment object rather than its id so a notebook compiles only its own assignment
 * (tslab type-checks every imported file; the registry would pull in all of them).
 */
import { sessionAnswers } from "./answers";
import { Assignment, ExerciseResult, runChecks, summaryLine } from "./exercise";
import { showTable } from "../../view/index";

/** Check this session's answers (never throws for wrong or missing answers). */
export function selfCheck(assignment: Assignment): ExerciseResult[] {
  return runChecks(assignment, sessionAnswers());
}

/** Rows for the self-check table. */
export function selfCheckRows(results: readonly ExerciseResult[]): Record<string, string>[] {
  return results.map((r) => ({
    exercise: `${r.id} ${r.title}`,
    result: r.pass ? "PASS" : "FAIL",
    details: r.pass ? r.detail : `${r.detail}${r.hint ? ` — hint: ${r.hint}` : ""}`,
  }));
}

/** Show the self-check table in the notebook (returns nothing, so the cell prints nothing else). */
export function showSelfCheck(assignment: Assignment): void {
  const results = selfCheck(assignment);
  showTable(selfCheckRows(results), { caption: `Self-check, assignment ${assignment.number}: ${summaryLine(results)}` });
}
