/**
 * Student versions of assignment notebooks, generated from the teacher's version:
 *
 * - code between `// BEGIN SOLUTION 1.2` and `// END SOLUTION` becomes a `// TODO (exercise 1.2)`
 *   line and a `throw new Error("not implemented yet: exercise 1.2 …")`, at the same indentation.
 *   Put the markers inside function bodies: the function keeps its name and typed signature, so
 *   every later cell still compiles (tslab type-checks each cell) and fails only when it runs;
 * - markdown between `<!-- BEGIN SOLUTION 2.3 -->` and `<!-- END SOLUTION -->` becomes a
 *   "your answer here" line;
 * - cells tagged `teacher-only` are dropped (teacher notes, grading remarks);
 * - outputs and execution counts are cleared; the notebook metadata says which assignment it is.
 *
 * Cells holding solutions must carry the tag `solution` (and only they), so a forgotten marker
 * is caught. The output is written the way nbformat writes notebooks (sorted keys, one-space
 * indent, sources as line lists), so regenerating an unchanged teacher notebook changes nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Assignment } from "./exercise";
import { ASSIGNMENT_METADATA_KEY, assignmentOfNotebook, ASSIGNMENTS } from "./registry";
import { UsageError } from "../../core/index";

export interface NotebookCell {
  cell_type: string;
  id?: string;
  metadata: Record<string, unknown>;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface NotebookJson {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** A teacher notebook that cannot be turned into a student version; names the file and cell. */
export class AssignmentNotebookError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "AssignmentNotebookError";
  }
}

export const TEACHER_SUFFIX = ".teacher.ipynb";
export const SOLUTION_TAG = "solution";
export const TEACHER_ONLY_TAG = "teacher-only";
export const EXERCISE_TAG = "exercise";

const CODE_BEGIN = /^(\s*)\/\/\s*BEGIN SOLUTION\s+(\S+)\s*$/;
const CODE_END = /^\s*\/\/\s*END SOLUTION\s*$/;
const MD_BEGIN = /^(\s*)<!--\s*BEGIN SOLUTION\s+(\S+)\s*-->\s*$/;
const MD_END = /^\s*<!--\s*END SOLUTION\s*-->\s*$/;
const RECORD_CALL = /recordAnswer(?:Or)?\(\s*["'](\d+\.\d+)["']/g;

export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : (cell.source ?? "");
}

export function cellTags(cell: NotebookCell): string[] {
  const tags = (cell.metadata as { tags?: unknown })?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/** Exercise ids passed to recordAnswer in a piece of code. */
export function recordedExercises(source: string): string[] {
  return [...source.matchAll(RECORD_CALL)].map((m) => m[1]);
}

export function parseNotebook(text: string, file: string): NotebookJson {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new AssignmentNotebookError(`${file}: not a notebook (invalid JSON: ${(e as Error).message})`);
  }
  const o = nb as Partial<NotebookJson> | null;
  if (!o || typeof o !== "object" || !Array.isArray(o.cells) || typeof o.nbformat !== "number") {
    throw new AssignmentNotebookError(`${file}: not a notebook (expected a JSON object with "cells" and "nbformat")`);
  }
  return o as NotebookJson;
}

export function readNotebook(file: string): NotebookJson {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new AssignmentNotebookError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseNotebook(text, file);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Split into lines that keep their "\n" (nbformat's multiline-string form). */
export function sourceLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split("\n").map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
  return lines[lines.length - 1] === "" ? lines.slice(0, -1) : lines;
}

/** The notebook as nbformat writes it: sorted keys, indent 1, sources as line lists, final newline. */
export function serializeNotebook(nb: NotebookJson): string {
  const cells = nb.cells.map((c) => ({ ...c, source: sourceLines(cellSource(c)) }));
  return `${JSON.stringify(sortKeys({ ...nb, cells }), null, 1)}\n`;
}

function stubCode(indent: string, assignment: Assignment, id: string): string {
  const ex = assignment.exercises.find((e) => e.id === id);
  const task = ex ? ex.task : "";
  const message = `not implemented yet: exercise ${id}${ex ? ` (${ex.title})` : ""}`;
  return `${indent}// TODO (exercise ${id}): ${task}\n${indent}throw new Error(${JSON.stringify(message)});\n`;
}

function stubMarkdown(indent: string, id: string): string {
  return `${indent}*TODO (exercise ${id}): your answer here.*\n`;
}

/** Replace solution regions in one cell; returns the new source and the exercise ids found. */
function replaceRegions(source: string, kind: "code" | "markdown", assignment: Assignment, where: string): { text: string; ids: string[] } {
  const [begin, end] = kind === "code" ? [CODE_BEGIN, CODE_END] : [MD_BEGIN, MD_END];
  const lines = source.split("\n");
  const out: string[] = [];
  const ids: string[] = [];
  let open: { id: string; line: number } | null = null;
  lines.forEach((line, i) => {
    const b = begin.exec(line);
    if (b) {
      if (open) throw new AssignmentNotebookError(`${where}, line ${i + 1}: BEGIN SOLUTION ${b[2]} inside the region of exercise ${open.id} opened on line ${open.line} (close it with END SOLUTION first)`);
      const id = b[2];
      if (!assignment.exercises.some((e) => e.id === id)) {
        throw new AssignmentNotebookError(`${where}, line ${i + 1}: BEGIN SOLUTION names exercise "${id}", which ${assignment.id} does not have; expected one of ${assignment.exercises.map((e) => e.id).join(", ")}`);
      }
      open = { id, line: i + 1 };
      ids.push(id);
      const stub = kind === "code" ? stubCode(b[1], assignment, id) : stubMarkdown(b[1], id);
      out.push(stub.slice(0, -1));
      return;
    }
    if (end.test(line)) {
      if (!open) throw new AssignmentNotebookError(`${where}, line ${i + 1}: END SOLUTION without a BEGIN SOLUTION`);
      open = null;
      return;
    }
    if (!open) out.push(line);
  });
  if (open) {
    const o = open as { id: string; line: number };
    throw new AssignmentNotebookError(`${where}: the region of exercise ${o.id} opened on line ${o.line} is never closed (add a line "${kind === "code" ? "// END SOLUTION" : "<!-- END SOLUTION -->"}")`);
  }
  return { text: out.join("\n"), ids };
}

/** The student version of a teacher notebook (validated; throws AssignmentNotebookError). */
export function studentNotebook(teacher: NotebookJson, teacherFile: string): NotebookJson {
  const name = path.basename(teacherFile);
  const assignment = assignmentOfNotebook(teacherFile, teacher.metadata);
  if (!assignment) {
    throw new AssignmentNotebookError(`${name}: no assignment with this name; set metadata.${ASSIGNMENT_METADATA_KEY}.id to one of ${ASSIGNMENTS.map((a) => a.id).join(", ")}`);
  }
  const solved = new Set<string>();
  const recorded = new Set<string>();
  const cells: NotebookCell[] = [];
  teacher.cells.forEach((cell, index) => {
    const where = `${name} cell ${index} (${cell.cell_type})`;
    const tags = cellTags(cell);
    const source = cellSource(cell);
    if (tags.includes(TEACHER_ONLY_TAG)) {
      const leaks = cell.cell_type === "code" ? recordedExercises(source) : [];
      if (leaks.length) throw new AssignmentNotebookError(`${where}: a teacher-only cell records exercise ${leaks.join(", ")}; the student version would never record it`);
      return;
    }
    let text = source;
    let ids: string[] = [];
    if (cell.cell_type === "code" || cell.cell_type === "markdown") {
      ({ text, ids } = replaceRegions(source, cell.cell_type, assignment, where));
    }
    const isSolution = tags.includes(SOLUTION_TAG);
    if (ids.length && !isSolution) throw new AssignmentNotebookError(`${where}: holds solution regions (${ids.join(", ")}) but is not tagged "${SOLUTION_TAG}"`);
    if (!ids.length && isSolution) throw new AssignmentNotebookError(`${where}: tagged "${SOLUTION_TAG}" but has no BEGIN SOLUTION … END SOLUTION region`);
    ids.forEach((id) => solved.add(id));
    if (cell.cell_type === "code") recordedExercises(source).forEach((id) => recorded.add(id));
    const metadata: Record<string, unknown> = { ...cell.metadata };
    if (isSolution) metadata.tags = [...tags.filter((t) => t !== SOLUTION_TAG), EXERCISE_TAG];
    const out: NotebookCell = { ...cell, metadata, source: text };
    if (cell.cell_type === "code") {
      out.outputs = [];
      out.execution_count = null;
    }
    cells.push(out);
  });
  for (const ex of assignment.exercises) {
    if (!solved.has(ex.id)) throw new AssignmentNotebookError(`${name}: exercise ${ex.id} (${ex.title}) has no BEGIN SOLUTION ${ex.id} region, so the student version would contain its solution`);
    if (!recorded.has(ex.id)) throw new AssignmentNotebookError(`${name}: no code cell calls recordAnswer("${ex.id}", …) (or recordAnswerOr), so exercise ${ex.id} could never be checked`);
  }
  const metadata = { ...teacher.metadata, [ASSIGNMENT_METADATA_KEY]: { id: assignment.id, version: "student", generated_from: name } };
  return { ...teacher, metadata, cells };
}

export interface GeneratedVersion {
  teacher: string;
  student: string;
  /** written: (re)generated; unchanged: already up to date; stale: differs (check mode, nothing written). */
  status: "written" | "unchanged" | "stale";
}

/** The student file for a teacher file: NN-name.teacher.ipynb → NN-name.ipynb. */
export function studentPath(teacherFile: string): string {
  if (!teacherFile.endsWith(TEACHER_SUFFIX)) throw new AssignmentNotebookError(`${teacherFile}: a teacher notebook's name must end in ${TEACHER_SUFFIX}`);
  return teacherFile.slice(0, -TEACHER_SUFFIX.length) + ".ipynb";
}

export function teacherNotebooks(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new AssignmentNotebookError(`${dir}: cannot list the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return names.filter((n) => n.endsWith(TEACHER_SUFFIX)).sort().map((n) => path.join(dir, n));
}

/** Generate (or, with check, compare) the student version of every teacher notebook in dir. */
export function generateStudentVersions(dir: string, options: { check?: boolean } = {}): GeneratedVersion[] {
  const teachers = teacherNotebooks(dir);
  if (!teachers.length) throw new AssignmentNotebookError(`${dir}: no teacher notebooks (*${TEACHER_SUFFIX})`);
  return teachers.map((teacher) => {
    const student = studentPath(teacher);
    const text = serializeNotebook(studentNotebook(readNotebook(teacher), teacher));
    let current: string | null = null;
    try {
      current = fs.readFileSync(student, "utf8");
    } catch {
      current = null;
    }
    if (current === text) return { teacher, student, status: "unchanged" as const };
    if (options.check) return { teacher, student, status: "stale" as const };
    fs.writeFileSync(student, text);
    return { teacher, student, status: "written" as const };
  });
}
