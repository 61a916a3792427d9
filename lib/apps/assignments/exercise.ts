/**
 * Assignments and their auto-checks: an exercise's check reads the recorded answer, compares it
 * with reference values computed by the library, and either returns (pass, optionally with a
 * note) or throws a CheckFailure naming what is wrong. runChecks never throws: a missing answer,
 * an answer of the wrong shape or a check that crashes is a failure with the exercise's hint.
 */
import { Answers, isErrorAnswer } from "./answers";

/** A failed check: what is wrong (detail) and, optionally, a hint more specific than the exercise's. */
export class CheckFailure extends Error {
  constructor(
    readonly detail: string,
    readonly hint?: string,
  ) {
    super(detail);
    this.name = "CheckFailure";
  }
}

export interface Exercise {
  /** "1.2": assignment number, exercise number. */
  id: string;
  title: string;
  /** What to implement, one imperative sentence (used in the student's TODO stub). */
  task: string;
  /** Shown on failure unless the check gives a more specific one. */
  hint: string;
  /** Pass: return (optionally a short note); fail: throw CheckFailure (or anything). */
  check(answer: unknown): string | void;
}

export interface Assignment {
  /** The notebook stem, e.g. "01-coupling-and-schedule". */
  id: string;
  number: number;
  title: string;
  /** Expected working time for a student, in minutes. */
  minutes: number;
  /** What the assignment teaches, one or two sentences. */
  summary: string;
  exercises: readonly Exercise[];
}

export interface ExerciseResult {
  id: string;
  title: string;
  pass: boolean;
  /** Why it failed, or a note on the pass. */
  detail: string;
  /** On failure: what to look at. */
  hint?: string;
}

export interface CheckContext {
  /** Exercise id → error text of the notebook cell that should have recorded it (if that cell failed). */
  cellErrors?: Record<string, string>;
}

/** First line of a message, shortened (hints and details are one-liners). */
export function oneLine(text: string, max = 300): string {
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line.trim();
}

/** Check every exercise of the assignment against the answers. */
export function runChecks(assignment: Assignment, answers: Answers, context: CheckContext = {}): ExerciseResult[] {
  return assignment.exercises.map((ex) => {
    const base = { id: ex.id, title: ex.title };
    if (!Object.prototype.hasOwnProperty.call(answers, ex.id)) {
      const err = context.cellErrors?.[ex.id];
      const detail = err ? `no answer recorded: the cell that records it raised ${oneLine(err)}` : "no answer recorded (implement the exercise, then run the cell that records its answer)";
      return { ...base, pass: false, detail, hint: ex.hint };
    }
    const answer = answers[ex.id];
    if (isErrorAnswer(answer)) return { ...base, pass: false, detail: `your code raised ${oneLine(answer.$error)}`, hint: ex.hint };
    try {
      const note = ex.check(answer);
      return { ...base, pass: true, detail: typeof note === "string" ? note : "" };
    } catch (e) {
      if (e instanceof CheckFailure) return { ...base, pass: false, detail: e.detail, hint: e.hint ?? ex.hint };
      return { ...base, pass: false, detail: `the check could not read this answer (${oneLine((e as Error)?.message ?? String(e))})`, hint: ex.hint };
    }
  });
}

/** One line per exercise: `PASS 1.1 title` or `FAIL 1.2 title — detail — hint: …`. */
export function formatResult(r: ExerciseResult): string {
  if (r.pass) return `PASS ${r.id} ${r.title}${r.detail ? ` — ${r.detail}` : ""}`;
  return `FAIL ${r.id} ${r.title} — ${r.detail}${r.hint ? ` — hint: ${r.hint}` : ""}`;
}

export function summaryLine(results: readonly ExerciseResult[]): string {
  const passed = results.filter((r) => r.pass).length;
  return `${passed} of ${results.length} exercises pass`;
}
