/** `homotopy-ode assignments`: list the course assignments; generate student versions from teacher versions. */
import * as path from "node:path";
import { ASSIGNMENTS } from "../assignments/registry";
import { generateStudentVersions, TEACHER_SUFFIX } from "../assignments/generate";
import { UsageError } from "./errors";
import { flag, flagHelp, parseCommandFlags } from "./flags";

const DEFAULT_DIR = path.join("notebooks", "assignments");

const FLAGS = {
  dir: flag.string({ placeholder: "DIR", shownDefault: DEFAULT_DIR, help: "generate: the folder of the teacher notebooks" }),
  check: flag.boolean({ help: "generate: write nothing; exit 1 if a student version is out of date (for CI)" }),
};

export const ASSIGNMENTS_HELP = `homotopy-ode assignments list
homotopy-ode assignments generate [--dir ${DEFAULT_DIR}] [--check]

list      the assignments, their expected working time and their exercises.
generate  writes the student version NN-name.ipynb of every teacher notebook NN-name${TEACHER_SUFFIX}
          in --dir: code between "// BEGIN SOLUTION 1.2" and "// END SOLUTION" becomes a TODO stub
          that throws "not implemented yet: exercise 1.2 …", markdown between
          "<!-- BEGIN SOLUTION 2.3 -->" and "<!-- END SOLUTION -->" becomes "your answer here",
          cells tagged teacher-only are dropped and outputs are cleared. Cells with solutions must
          be tagged "solution". --check writes nothing and exits 1 if a student version is out of
          date (for CI).
Exit code 2 for bad usage or a malformed teacher notebook (the message names the cell).

${flagHelp(FLAGS)}`;

export const ASSIGNMENTS_SUMMARY = "list the course assignments; generate the student notebooks from the teacher versions";

function list(): number {
  for (const a of ASSIGNMENTS) {
    console.log(`${a.id}  (about ${a.minutes} min)  ${a.title}`);
    console.log(`  ${a.summary}`);
    for (const ex of a.exercises) console.log(`  ${ex.id}  ${ex.title}: ${ex.task}`);
  }
  return 0;
}

export function assignmentsCommand(argv: string[]): number {
  const { values, positionals } = parseCommandFlags(argv, FLAGS, { positionals: true });
  const [action, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  if (action === "list") {
    if (values.dir !== undefined || values.check) throw new UsageError("list takes no flags");
    return list();
  }
  if (action !== "generate") throw new UsageError(`expected an action, list or generate${action ? `, got "${action}"` : ""}`);
  const dir = values.dir ?? DEFAULT_DIR;
  const results = generateStudentVersions(dir, { check: values.check });
  for (const r of results) {
    const label = { written: "wrote     ", unchanged: "up to date", stale: "OUT OF DATE" }[r.status];
    console.log(`${label} ${r.student}  (from ${path.basename(r.teacher)})`);
  }
  const stale = results.filter((r) => r.status === "stale");
  if (stale.length) {
    console.log(`${stale.length} student version(s) differ from their teacher notebook; run: homotopy-ode assignments generate${values.dir !== undefined ? ` --dir ${values.dir}` : ""}`);
    return 1;
  }
  return 0;
}

export const ASSIGNMENTS_COMMAND = { run: assignmentsCommand, help: ASSIGNMENTS_HELP, summary: ASSIGNMENTS_SUMMARY };
