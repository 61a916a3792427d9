/** `homotopy-ode check`: execute assignment notebooks and grade the answers their cells record. */
import * as fs from "node:fs";
import { Answers, readAnswers } from "../assignments/answers";
import { Assignment, ExerciseResult, formatResult, runChecks, summaryLine } from "../assignments/exercise";
import { ASSIGNMENTS, ASSIGNMENT_METADATA_KEY, assignmentOfNotebook } from "../assignments/registry";
import { readNotebook } from "../assignments/generate";
import { executeAssignmentNotebook, ExecutionReport, errorMessage, JupyterMissingError } from "../assignments/execute";
import { UsageError } from "./errors";
import { ensureWritableDir } from "./output-paths";
import { flag, flagHelp, parseCommandFlags } from "./flags";
import { PROFILES } from "../../paper/index";

const FLAGS = {
  out: flag.string({ placeholder: "DIR", help: "keep the executed notebooks (with outputs) in DIR, e.g. to read a student's plots" }),
  profile: flag.choice({ choices: PROFILES, default: "quick", help: "HOMOTOPY_PROFILE of the run; with quick each assignment takes under a minute" }),
  timeout: flag.integer({ min: 1, placeholder: "S", default: 600, help: "per-cell timeout in seconds" }),
  answers: flag.string({ placeholder: "FILE", help: "check a saved answers file (JSON, exercise id → answer) instead of executing; give exactly one NOTEBOOK to name the assignment" }),
  verbose: flag.boolean({ help: "also print the error of every cell that failed" }),
  json: flag.boolean({ help: "print one JSON array (per notebook: results, passed, total, cell errors)" }),
};

export const CHECK_HELP = `homotopy-ode check NOTEBOOK.ipynb [NOTEBOOK.ipynb …] [--out DIR] [--profile quick|full]
                   [--timeout 600] [--answers FILE] [--verbose] [--json]

Grades assignment notebooks (notebooks/assignments/). Each notebook is executed through Jupyter
with the project's tslab kernel, every cell in turn even after a failing one; the answers its
cells pass to recordAnswer are collected and the assignment's checks run against them. Prints
one line per exercise, "PASS 1.1 …" or "FAIL 1.2 … — what is wrong — hint: …", and a summary.

The assignment is read from the notebook's metadata (${ASSIGNMENT_METADATA_KEY}.id), else from
its file name (NN-name.ipynb or NN-name.teacher.ipynb), so renamed submissions that keep their
metadata are recognised. Assignments: ${ASSIGNMENTS.map((a) => a.id).join(", ")}.

${flagHelp(FLAGS)}

Needs Jupyter (Debian): apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client
python3-nbclient. Exit code: 0 if every exercise passes, 1 if any fails, 2 for bad usage (unknown
or unreadable notebook, Jupyter missing, a notebook whose kernel cannot start).`;

export const CHECK_SUMMARY = "execute an assignment notebook and grade its exercises (PASS/FAIL with hints)";

interface NotebookGrade {
  notebook: string;
  assignment: string;
  passed: number;
  total: number;
  results: ExerciseResult[];
  execution: { ok: boolean; failure: string | null; seconds: number; failedCells: { index: number; message: string }[] } | null;
}

function resolveAssignment(file: string): Assignment {
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  const a = assignmentOfNotebook(file, readNotebook(file).metadata);
  if (!a) {
    throw new UsageError(`${file}: not an assignment notebook; expected metadata ${ASSIGNMENT_METADATA_KEY}.id or a file name starting with one of ${ASSIGNMENTS.map((x) => x.id).join(", ")}`);
  }
  return a;
}

function failedCells(report: ExecutionReport): { index: number; message: string }[] {
  return report.cells.filter((c) => c.status !== "ok").map((c) => ({ index: c.index, message: c.status === "error" ? errorMessage(c.error) : c.status }));
}

export function checkCommand(argv: string[]): number {
  const { values, positionals } = parseCommandFlags(argv, FLAGS, { positionals: true });
  if (!positionals.length) throw new UsageError("give the notebook to grade, e.g. homotopy-ode check notebooks/assignments/01-coupling-and-schedule.ipynb");
  if (values.answers !== undefined && positionals.length !== 1) throw new UsageError(`--answers checks one answers file: give exactly one NOTEBOOK (to name the assignment), got ${positionals.length}`);
  const { profile, timeout } = values;
  if (values.out !== undefined) ensureWritableDir("--out", values.out);
  // Resolve every notebook before executing any, so a typo fails at once.
  const targets = positionals.map((file) => ({ file, assignment: resolveAssignment(file) }));
  let savedAnswers: Answers | null = null;
  if (values.answers !== undefined) {
    if (!fs.existsSync(values.answers)) throw new UsageError(`--answers: ${values.answers}: no such file`);
    try {
      savedAnswers = readAnswers(values.answers);
    } catch (e) {
      throw new UsageError(`--answers: ${(e as Error).message}`);
    }
  }
  const grades: NotebookGrade[] = [];
  for (const { file, assignment } of targets) {
    let answers: Answers;
    let cellErrors: Record<string, string> = {};
    let execution: NotebookGrade["execution"] = null;
    if (savedAnswers) answers = savedAnswers;
    else {
      if (!values.json) console.log(`== ${file}: assignment ${assignment.number}, ${assignment.title} (running the notebook, profile ${profile}) …`);
      try {
        const run = executeAssignmentNotebook(file, { profile, timeout, outDir: values.out });
        if (!run.report.cells.length && run.report.failure) throw new UsageError(`${file}: the notebook could not be executed: ${run.report.failure}`);
        answers = run.answers;
        cellErrors = run.cellErrors;
        execution = { ok: run.report.ok, failure: run.report.failure, seconds: run.report.seconds, failedCells: failedCells(run.report) };
      } catch (e) {
        if (e instanceof JupyterMissingError) throw new UsageError(`cannot execute notebooks: ${e.message}`);
        throw e;
      }
    }
    const results = runChecks(assignment, answers, { cellErrors });
    const passed = results.filter((r) => r.pass).length;
    grades.push({ notebook: file, assignment: assignment.id, passed, total: results.length, results, execution });
    if (values.json) continue;
    if (savedAnswers) console.log(`== ${file}: assignment ${assignment.number}, ${assignment.title} (answers from ${values.answers})`);
    if (execution && !execution.ok) console.log(`note: the run stopped early: ${execution.failure}`);
    for (const r of results) console.log(formatResult(r));
    if (execution && execution.failedCells.length) {
      if (values.verbose) for (const c of execution.failedCells) console.log(`  cell ${c.index}: ${c.message}`);
      else console.log(`  cells with errors: ${execution.failedCells.map((c) => c.index).join(", ")} (--verbose shows the messages)`);
    }
    console.log(`${summaryLine(results)}${execution ? ` (notebook ran in ${execution.seconds.toFixed(1)} s)` : ""}`);
  }
  if (values.json) console.log(JSON.stringify(grades, null, 1));
  else if (grades.length > 1) {
    const complete = grades.filter((g) => g.passed === g.total).length;
    console.log(`\n${grades.length} notebooks: ${complete} pass every exercise, ${grades.length - complete} do not`);
  }
  return grades.every((g) => g.passed === g.total) ? 0 : 1;
}

export const CHECK_COMMAND = { run: checkCommand, help: CHECK_HELP, summary: CHECK_SUMMARY };
