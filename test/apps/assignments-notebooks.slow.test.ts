/**
 * `homotopy-ode check` on the committed assignment notebooks, executed through Jupyter with the
 * project's tslab kernel (quick profile): every teacher version passes every exercise; every
 * untouched student version fails each exercise with its hint (exit code 1), and the only cells
 * that fail are the exercises' own "not implemented yet" stubs — no crash, no compile error.
 * Also a partly solved student notebook. About 2–4 minutes in all on two cores (seven notebook runs);
 * skipped when Jupyter is missing.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ASSIGNMENTS } from "../../lib/apps/assignments/registry";
import { jupyterProblem } from "../../lib/apps/assignments/execute";
import { checkCommand } from "../../lib/apps/cli/check";
import { tempDir } from "../helpers/temp";

const DIR = path.resolve(__dirname, "..", "..", "notebooks", "assignments");
const problem = jupyterProblem();
const skip = problem ? `Jupyter is not available here: ${problem}` : false;

interface Grade {
  notebook: string;
  assignment: string;
  passed: number;
  total: number;
  results: { id: string; pass: boolean; detail: string; hint?: string }[];
  execution: { ok: boolean; failure: string | null; seconds: number; failedCells: { index: number; message: string }[] } | null;
}

function check(argv: string[]): { code: number; grades: Grade[] } {
  const log = console.log;
  const out: string[] = [];
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  let code: number;
  try {
    code = checkCommand([...argv, "--json"]);
  } finally {
    console.log = log;
  }
  return { code, grades: JSON.parse(out.join("\n")) as Grade[] };
}

for (const assignment of ASSIGNMENTS) {
  test(`check ${assignment.id}: the teacher's version passes, the untouched student's version fails every exercise with its hint`, { skip }, () => {
    const teacher = path.join(DIR, `${assignment.id}.teacher.ipynb`);
    const student = path.join(DIR, `${assignment.id}.ipynb`);
    const out = tempDir(`check-${assignment.id}-`);
    const { code, grades } = check([teacher, student, "--out", out]);
    assert.equal(code, 1, "exit code 1: some exercise fails");
    const [t, s] = grades;

    assert.equal(t.assignment, assignment.id);
    assert.ok(t.execution?.ok, `the teacher notebook ran to the end: ${t.execution?.failure}`);
    assert.deepEqual(t.execution?.failedCells, [], "no cell of the teacher notebook fails");
    assert.deepEqual(t.results.filter((r) => !r.pass).map((r) => `${r.id}: ${r.detail}`), []);
    assert.equal(t.passed, assignment.exercises.length);

    assert.ok(s.execution?.ok, `the student notebook ran to the end: ${s.execution?.failure}`);
    assert.equal(s.passed, 0);
    for (const ex of assignment.exercises) {
      const r = s.results.find((x) => x.id === ex.id)!;
      assert.equal(r.pass, false);
      assert.equal(r.hint, ex.hint, `${ex.id} fails with its hint`);
      assert.match(r.detail, /not implemented yet: exercise \d\.\d/, `${ex.id}: ${r.detail}`);
    }
    for (const c of s.execution!.failedCells) {
      assert.match(c.message, /^Error: not implemented yet: exercise \d\.\d/, `student cell ${c.index} fails for another reason: ${c.message}`);
    }
    assert.ok(fs.existsSync(path.join(out, `${assignment.id}.teacher.ipynb`)), "--out keeps the executed notebooks");
  });
}

test("check 03-choosing-k: a student who solved only 3.2 and 3.4 passes those two (the notebook goes on with reference values)", { skip }, () => {
  const { parseNotebook, serializeNotebook, cellSource } = require("../../lib/apps/assignments/generate") as typeof import("../../lib/apps/assignments/generate");
  const read = (f: string) => parseNotebook(fs.readFileSync(path.join(DIR, f), "utf8"), f);
  const teacher = read("03-choosing-k.teacher.ipynb");
  const student = read("03-choosing-k.ipynb");
  for (const id of ["3.2", "3.4"]) {
    const solved = teacher.cells.find((c) => cellSource(c).includes(`BEGIN SOLUTION ${id}`) && c.cell_type === "code")!;
    const i = student.cells.findIndex((c) => c.id === solved.id);
    assert.ok(i >= 0 && cellSource(student.cells[i]).includes(`TODO (exercise ${id})`), `the stub cell of ${id} keeps the teacher cell's id`);
    student.cells[i] = { ...student.cells[i], source: cellSource(solved) };
  }
  const dir = tempDir("partial-");
  const file = path.join(dir, "bob.ipynb");
  fs.writeFileSync(file, serializeNotebook(student));
  const { code, grades } = check([file]);
  assert.equal(code, 1);
  const byId = Object.fromEntries(grades[0].results.map((r) => [r.id, r]));
  assert.equal(byId["3.2"].pass, true, byId["3.2"].detail);
  assert.equal(byId["3.4"].pass, true, byId["3.4"].detail);
  assert.match(byId["3.1"].detail, /^your code raised Error: not implemented yet: exercise 3\.1/);
  assert.match(byId["3.3"].detail, /^your code raised Error: not implemented yet: exercise 3\.3/);
  assert.deepEqual(grades[0].execution?.failedCells, [], "with 3.2 and 3.4 solved no cell fails");
});

test("check: a notebook whose kernel cannot start is a usage error (exit code 2), not a row of failures", { skip }, () => {
  const { UsageError } = require("../../lib/apps/cli/errors") as typeof import("../../lib/apps/cli/errors");
  const nb = JSON.parse(fs.readFileSync(path.join(DIR, "01-coupling-and-schedule.ipynb"), "utf8"));
  nb.metadata.kernelspec = { display_name: "none", language: "none", name: "no-such-kernel" };
  const file = path.join(tempDir("nokernel-"), "01-coupling-and-schedule.ipynb");
  fs.writeFileSync(file, JSON.stringify(nb));
  assert.throws(() => check([file]), (e: Error) => e instanceof UsageError && /could not be executed: NoSuchKernel/.test(e.message));
});
