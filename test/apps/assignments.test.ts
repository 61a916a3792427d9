/**
 * Course assignments without Jupyter: recording answers, every check on reference answers (pass)
 * and on typical wrong answers (fail with their hints), student versions generated from the
 * teacher notebooks (up to date, stubs in place, no solution left), and `check --answers`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ANSWERS_ENV, clearSessionAnswers, fromJsonValue, readAnswers, recordAnswer, recordAnswerOr, sessionAnswers, toJsonValue } from "../../lib/apps/assignments/answers";
import { Assignment, ExerciseResult, formatResult, runChecks } from "../../lib/apps/assignments/exercise";
import { A1, a1ReferenceAnswers, a1Setup } from "../../lib/apps/assignments/a1-coupling-and-schedule";
import { A2, a2ReferenceAnswers } from "../../lib/apps/assignments/a2-three-methods";
import { A3, a3Helper, a3ReferenceAnswers } from "../../lib/apps/assignments/a3-choosing-k";
import { ASSIGNMENTS, assignmentOfNotebook } from "../../lib/apps/assignments/registry";
import {
  AssignmentNotebookError, cellSource, NotebookJson, parseNotebook, serializeNotebook, studentNotebook, studentPath, teacherNotebooks,
} from "../../lib/apps/assignments/generate";
import { cellErrorsByExercise, errorMessage } from "../../lib/apps/assignments/execute";
import { selfCheckRows } from "../../lib/apps/assignments/self-check";
import { checkCommand } from "../../lib/apps/cli/check";
import { assignmentsCommand } from "../../lib/apps/cli/assignments";
import { UsageError } from "../../lib/apps/cli/errors";
import { tempDir } from "../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, "notebooks", "assignments");

/** JSON round trip, as answers travel from the kernel to `check`. */
function viaJson(answers: Record<string, unknown>): Record<string, unknown> {
  return fromJsonValue(JSON.parse(JSON.stringify(toJsonValue(answers)))) as Record<string, unknown>;
}

function result(assignment: Assignment, answers: Record<string, unknown>, id: string): ExerciseResult {
  const r = runChecks(assignment, answers).find((x) => x.id === id);
  assert.ok(r, `no result for ${id}`);
  return r;
}

function withChange(answers: Record<string, unknown>, id: string, change: (a: any) => unknown): Record<string, unknown> {
  const copy = viaJson(answers);
  const next = change(copy[id]);
  if (next !== undefined) copy[id] = next;
  return copy;
}

function assertFails(assignment: Assignment, answers: Record<string, unknown>, id: string, detail: RegExp, hint?: RegExp): void {
  const r = result(assignment, answers, id);
  assert.equal(r.pass, false, `${id} should fail: ${formatResult(r)}`);
  assert.match(r.detail, detail);
  assert.match(r.hint ?? "", hint ?? /\S/, `${id} fails with a hint`);
}

// Training histories shaped like the real ones: vanilla and multiple shooting still improving at the end, homotopy early.
function fakeRuns() {
  const curve = (n: number, best: number, floor: number) => Array.from({ length: n }, (_, e) => floor + Math.abs(e - best) / n + (e === 7 ? NaN : 0));
  return [
    { method: "vanilla", mse: curve(100, 99, 0.04), nfe: Array.from({ length: 100 }, (_, e) => 50 + e) },
    { method: "multishoot", mse: curve(100, 88, 0.045), nfe: Array.from({ length: 100 }, () => 300) },
    { method: "homotopy", mse: curve(30, 13, 0.008), nfe: Array.from({ length: 30 }, () => 600) },
  ];
}

const REFERENCE: Record<string, () => Record<string, unknown>> = {
  "01-coupling-and-schedule": () => a1ReferenceAnswers(),
  "02-three-methods": () => a2ReferenceAnswers(fakeRuns(), 0.041),
  "03-choosing-k": () => a3ReferenceAnswers(),
};
const referenceCache = new Map<string, Record<string, unknown>>();
function reference(id: string): Record<string, unknown> {
  if (!referenceCache.has(id)) referenceCache.set(id, viaJson(REFERENCE[id]()));
  return referenceCache.get(id)!;
}

// ---------------------------------------------------------------- answers

test("recordAnswer merges answers into the file named by HOMOTOPY_ANSWERS_FILE, as JSON with typed arrays and NaN", () => {
  const dir = tempDir("answers-");
  const file = path.join(dir, "answers.json");
  const before = process.env[ANSWERS_ENV];
  process.env[ANSWERS_ENV] = file;
  try {
    clearSessionAnswers();
    const v = recordAnswer("1.1", { values: Float64Array.of(1, 0.5, 0), bad: [NaN, Infinity, -Infinity] });
    assert.ok(v.values instanceof Float64Array, "recordAnswer returns the value unchanged");
    recordAnswer("1.2", 3);
    recordAnswer("1.2", 4); // a later answer replaces the earlier one
    const raw = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.deepEqual(raw, { "1.1": { values: [1, 0.5, 0], bad: ["NaN", "Infinity", "-Infinity"] }, "1.2": 4 });
    assert.deepEqual(readAnswers(file), { "1.1": { values: [1, 0.5, 0], bad: [NaN, Infinity, -Infinity] }, "1.2": 4 });
    assert.deepEqual(sessionAnswers()["1.2"], 4);
    assert.throws(() => recordAnswer("one", 1), /recordAnswer exercise: expected an id such as "1\.2", got "one"/);
  } finally {
    if (before === undefined) delete process.env[ANSWERS_ENV];
    else process.env[ANSWERS_ENV] = before;
    clearSessionAnswers();
  }
  assert.deepEqual(readAnswers(path.join(dir, "missing.json")), {}, "a missing file means no answers");
  fs.writeFileSync(path.join(dir, "list.json"), "[1, 2]");
  assert.throws(() => readAnswers(path.join(dir, "list.json")), /list\.json: expected a JSON object of exercise id → answer/);
});

test("without HOMOTOPY_ANSWERS_FILE answers stay in the session; recordAnswerOr records an error and falls back", () => {
  const before = process.env[ANSWERS_ENV];
  delete process.env[ANSWERS_ENV];
  try {
    clearSessionAnswers();
    recordAnswer("2.1", [1, 2]);
    const value = recordAnswerOr("3.1", () => { throw new Error("not implemented yet: exercise 3.1"); }, () => "reference");
    assert.equal(value, "reference");
    assert.deepEqual(sessionAnswers(), { "2.1": [1, 2], "3.1": { $error: "Error: not implemented yet: exercise 3.1" } });
    assert.throws(() => recordAnswerOr("3.2", () => { throw new RangeError("bad"); }), /bad/, "without a fallback the error is thrown again");
    assert.equal(recordAnswerOr("3.3", () => ({ k: 5 })).k, 5);
    const results = runChecks(A3, sessionAnswers());
    const r31 = results.find((r) => r.id === "3.1")!;
    assert.equal(r31.pass, false);
    assert.equal(r31.detail, "your code raised Error: not implemented yet: exercise 3.1");
    assert.equal(r31.hint, A3.exercises[0].hint);
    assert.equal(results.find((r) => r.id === "3.3")!.pass, true, "k = 5 is in the accepted range");
  } finally {
    if (before !== undefined) process.env[ANSWERS_ENV] = before;
    clearSessionAnswers();
  }
});

// ---------------------------------------------------------------- checks: reference answers pass, nothing crashes

for (const assignment of ASSIGNMENTS) {
  test(`${assignment.id}: the reference answers pass every check; missing or malformed answers fail with the hint`, () => {
    const ok = runChecks(assignment, reference(assignment.id));
    assert.deepEqual(ok.filter((r) => !r.pass).map(formatResult), []);
    assert.equal(ok.length, assignment.exercises.length);
    for (const r of runChecks(assignment, {})) {
      const ex = assignment.exercises.find((e) => e.id === r.id)!;
      assert.equal(r.pass, false);
      assert.match(r.detail, /^no answer recorded/);
      assert.equal(r.hint, ex.hint);
      assert.match(formatResult(r), new RegExp(`^FAIL ${r.id.replace(".", "\\.")} .* — hint: `));
    }
    for (const junk of [null, "text", 42, [], {}, [{ x: 1 }], { $error: 3 }]) {
      const answers = Object.fromEntries(assignment.exercises.map((e) => [e.id, junk]));
      for (const r of runChecks(assignment, answers)) assert.equal(r.pass, false, `${r.id} must not pass on ${JSON.stringify(junk)}`);
    }
    assert.deepEqual(
      runChecks(assignment, {}, { cellErrors: { [assignment.exercises[0].id]: "Error: not implemented yet (cell 5)" } })[0].detail,
      "no answer recorded: the cell that records it raised Error: not implemented yet (cell 5)",
    );
  });
}

// ---------------------------------------------------------------- checks: wrong answers, specific hints

test("1.1 and 1.2: wrong schedule values fail naming the plateau or epoch", () => {
  const ref = reference("01-coupling-and-schedule");
  assertFails(A1, withChange(ref, "1.1", (a) => { a[0].values = [1, 0.5, 0.3, 0.2, 0.1, 0]; }), "1.1", /s = 6, κ = 0\.6: entry 1 should be 0\.566273, got 0\.5/, /decrements are κ\^j/);
  assertFails(A1, withChange(ref, "1.1", (a) => { a[0].values[5] = 1e-17; }), "1.1", /last plateau must be exactly λ = 0/);
  assertFails(A1, withChange(ref, "1.1", (a) => { a[5].values = []; }), "1.1", /s = 1, κ = 0\.5: expected 1 values/);
  assertFails(A1, withChange(ref, "1.1", (a) => a.slice(1)), "1.1", /no values recorded for s = 6, κ = 0\.6/);
  // Off by one at the plateau boundary: ceil instead of floor.
  const ceilAnswer = withChange(ref, "1.2", (a) => {
    for (const c of a) c.lambdas = c.epochs.map((e: number) => c.lambdas[Math.min(c.lambdas.length - 1, Math.ceil(e / c.epochsPerStep) * c.epochsPerStep)]);
  });
  assertFails(A1, ceilAnswer, "1.2", /λ at epoch 1 \(steps = 6, epochsPerStep = 50, decay = 0\.6\) should be 1, got 0\.566273/, /plateau j = floor\(epoch \/ n_epoch\)/);
  assertFails(A1, withChange(ref, "1.2", (a) => { a[0].lambdas[50] = 1; }), "1.2", /epoch 50 is the first epoch of plateau 1/);
});

test("1.3: a flipped coupling sign and a missing λ get their own hints", () => {
  const ref = reference("01-coupling-and-schedule");
  const s = a1Setup();
  const answerWith = (g: (f: ArrayLike<number>, u: number[], uh: Float64Array, k: number, lambda: number, c: number) => number) =>
    withChange(ref, "1.3", () => s.probes.map((p) => {
      const f = s.f(p.t, Float64Array.from(p.u));
      const uh = s.uHat(p.t);
      return { ...p, value: Array.from(f, (_, c) => g(f, p.u, uh, p.k, p.lambda, c)) };
    }));
  assertFails(A1, answerWith((f, u, uh, k, l, c) => f[c] + l * k * (u[c] - uh[c])), "1.3", /you return f \+ λk\(u − û\)/, /sign of the coupling is flipped/);
  assertFails(A1, answerWith((f, u, uh, k, _l, c) => f[c] - k * (u[c] - uh[c])), "1.3", /you return f − k\(u − û\)/, /scaled by λ as well/);
  assertFails(A1, answerWith((f, _u, _uh, _k, _l, c) => f[c]), "1.3", /expected \[.*\], got \[/);
  assertFails(A1, withChange(ref, "1.3", (a) => { a[0].t = 1; }), "1.3", /other inputs than the probe points/);
});

test("1.4: errors averaged over the whole window are told apart from wrong errors", () => {
  const ref = reference("01-coupling-and-schedule");
  const errors = (ref["1.4"] as { errors: number[] }).errors;
  assert.ok(errors.every((e, i) => i === 0 || e < errors[i - 1]), `the reference errors fall with k: ${errors}`);
  const s = a1Setup();
  const { coupledResponse } = require("../../lib/paper/analysis/synchronisation") as typeof import("../../lib/paper/analysis/synchronisation");
  const whole = s.ks.map((k) => {
    const e = coupledResponse(s.system, { t: s.t, k, responseParams: s.responseParams }).error;
    return e.reduce((a, b) => a + b, 0) / e.length;
  });
  assertFails(A1, withChange(ref, "1.4", (a) => { a.errors = whole; }), "1.4", /at k = 0 you averaged over all samples/, /second half of the samples/);
  assertFails(A1, withChange(ref, "1.4", (a) => { a.errors[3] *= 1.01; }), "1.4", /the mean error at k = 3 should be 0\.34\d+/);
  assertFails(A1, withChange(ref, "1.4", (a) => { a.ks = [0, 1]; }), "1.4", /ks should be \[0,0\.3,1,3,10,30\]/);
});

test("2.1 and 2.2: ties, NaN and off-by-one costs fail with the case named", () => {
  const ref = reference("02-three-methods");
  // `<=` keeps the last of equal values: [3, 1, 2, 1, 5] → 3 instead of 1.
  assertFails(A2, withChange(ref, "2.1", (a) => { a.cases[0].answer = 3; }), "2.1", /bestEpoch\(\[3,1,2,1,5\]\) should be 1, got 3/, /earliest index on ties/);
  assertFails(A2, withChange(ref, "2.1", (a) => { a.cases[2].answer = 0; }), "2.1", /bestEpoch\(\[NaN,NaN\]\) should be -1, got 0/);
  assertFails(A2, withChange(ref, "2.1", (a) => { a.runs[2].answer = 12; }), "2.1", /best epoch of the homotopy run is 13 .*you found 12/);
  assertFails(A2, withChange(ref, "2.1", (a) => { a.runs = a.runs.slice(0, 2); }), "2.1", /expected the three methods' histories, got 2/);
  // Counting the evaluations before the hit only: {epoch 2, nfe 20} instead of 30.
  assertFails(A2, withChange(ref, "2.2", (a) => { a.cases[0].answer = { epoch: 2, nfe: 20 }; }), "2.2", /should be \{"epoch":2,"nfe":30\}, got \{"epoch":2,"nfe":20\}/, /including the epoch that first reaches/);
  assertFails(A2, withChange(ref, "2.2", (a) => { a.cases[2].answer = { epoch: 1, nfe: 2 }; }), "2.2", /should be null/);
  assertFails(A2, withChange(ref, "2.2", (a) => { a.runs[0].answer = null; }), "2.2", /for the vanilla run and target 0\.041 the answer is \{"epoch":\d+,"nfe":\d+\}, you found null/);
});

test("2.3: each wrong explanation gets its own hint; the letter is case-insensitive", () => {
  const ref = reference("02-three-methods");
  assert.equal(result(A2, withChange(ref, "2.3", () => " c "), "2.3").pass, true);
  assertFails(A2, withChange(ref, "2.3", () => "A"), "2.3", /A is not supported by the numbers/, /both use lr = 0\.05/);
  assertFails(A2, withChange(ref, "2.3", () => "B"), "2.3", /B is not/, /not just the shorter budget/);
  assertFails(A2, withChange(ref, "2.3", () => "D"), "2.3", /D is not/, /not by chance/);
  assertFails(A2, withChange(ref, "2.3", () => "E"), "2.3", /should be one of A, B, C, D, got "E"/);
});

test("3.1 and 3.2: wrong equations, rejected definitions and the wrong eigenvalue are named", () => {
  const ref = reference("03-choosing-k");
  assertFails(A3, withChange(ref, "3.1", (d) => { d.rhs.y = "B*x + x^2*y"; }), "3.1", /dy\/dt at \(x, y\) = \[.*\] should be -?\d.*, got/, /compare your rhs\.y/);
  assertFails(A3, withChange(ref, "3.1", (d) => { d.rhs.x = "A + x^2*y - (B + 1)*z"; }), "3.1", /defineSystem rejects your definition: .*unknown symbol "z"/);
  assertFails(A3, withChange(ref, "3.1", (d) => { d.state = ["y", "x"]; d.rhs = { y: d.rhs.y, x: d.rhs.x }; }), "3.1", /state should be \["x", "y"\] in that order/);
  assertFails(A3, withChange(ref, "3.1", (d) => { d.params = { A: 1, B: 2.5 }; }), "3.1", /A = 1, B = 3, got A = 1, B = 2\.5/);
  assertFails(A3, withChange(ref, "3.1", (d) => { d.u0 = [1, 2]; }), "3.1", /u0 should be \[1, 1\], got \[1,2\]/);
  const eigOfJ = (J: number[]) => { const [a, b, c, d] = J; return (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * c); };
  assertFails(A3, withChange(ref, "3.2", (rows) => rows.map((r: { J: number[] }) => ({ J: r.J, value: ((a: number) => (Number.isFinite(a) ? a : 0))(eigOfJ(r.J)) }))), "3.2", /you return the largest eigenvalue of J itself/, /replace b and c by their mean/);
  assertFails(A3, withChange(ref, "3.2", (rows) => rows.map((r: { J: number[] }) => { const [a, b, c, d] = r.J; return { J: r.J, value: (a + d) / 2 - Math.sqrt(((a - d) / 2) ** 2 + ((b + c) / 2) ** 2) }; })), "3.2", /you return the smaller eigenvalue/, /larger of the two/);
});

test("3.3 and 3.4: k outside [λ̄, 4·k_helper] and miscounted minima fail; a too-weak k leaves two minima", () => {
  const ref = reference("03-choosing-k");
  const help = a3Helper();
  assert.ok(help.meanSymEigenvalue > 0.9 && help.meanSymEigenvalue < 1.2, `λ̄ = ${help.meanSymEigenvalue}`);
  assert.ok(help.suggestedK > 11 && help.suggestedK < 12.5, `k = ${help.suggestedK}`);
  assertFails(A3, withChange(ref, "3.3", () => ({ k: 0.5 })), "3.3", /k = 0\.5 is below the average contraction rate λ̄ = 1\.0\d+/, /choose at least λ̄/);
  assertFails(A3, withChange(ref, "3.3", () => ({ k: 100 })), "3.3", /k = 100 is above 4 × the helper's k \(46\.\d+\)/, /Choose a k you can justify from the helper/);
  assertFails(A3, withChange(ref, "3.4", (a) => { a.cases[3].answer = 3; }), "3.4", /countLocalMinima\(\[2,1,1,1,2\]\) should be 1, got 3/, /a run of equal points/);
  assertFails(A3, withChange(ref, "3.4", (a) => { a.uncoupled.counts[2] = 1; }), "3.4", /uncoupled landscape for 200 samples has 2 local minima, you counted 1/);
  // k = 0.05 smooths the shorter windows but leaves two minima on the longest one.
  assertFails(A3, withChange(ref, "3.4", (a) => { a.k = 0.05; }), "3.4", /with k = 0\.05 the landscape on the longest data has 2 local minima/, /revisit exercise 3\.3/);
});

test("the self-check table shows PASS, or FAIL with the hint", () => {
  const rows = selfCheckRows(runChecks(A2, { "2.3": "C" }));
  assert.deepEqual(rows.map((r) => r.result), ["FAIL", "FAIL", "PASS"]);
  assert.match(rows[0].details, /no answer recorded .* — hint: loop over the epochs/);
});

// ---------------------------------------------------------------- student versions

test("every teacher notebook has a committed student version that is up to date, with stubs and no solutions", () => {
  const teachers = teacherNotebooks(DIR);
  assert.deepEqual(teachers.map((t) => path.basename(t)), ASSIGNMENTS.map((a) => `${a.id}.teacher.ipynb`));
  for (const teacherFile of teachers) {
    const teacher = parseNotebook(fs.readFileSync(teacherFile, "utf8"), teacherFile);
    const assignment = assignmentOfNotebook(teacherFile, teacher.metadata)!;
    const studentFile = studentPath(teacherFile);
    const committed = fs.readFileSync(studentFile, "utf8");
    const regenerated = serializeNotebook(studentNotebook(teacher, teacherFile));
    assert.ok(committed === regenerated, `${path.basename(studentFile)} is out of date: run homotopy-ode assignments generate`);
    const student = parseNotebook(committed, studentFile);
    const code = student.cells.filter((c) => c.cell_type === "code").map(cellSource).join("\n");
    const all = student.cells.map(cellSource).join("\n");
    assert.doesNotMatch(all, /BEGIN SOLUTION|END SOLUTION/);
    assert.doesNotMatch(all, /Teacher's version|Teacher notes/, "teacher-only cells are dropped");
    for (const ex of assignment.exercises) {
      assert.ok(code.includes(`// TODO (exercise ${ex.id}): ${ex.task}`), `${ex.id} has a TODO line`);
      assert.ok(code.includes(`throw new Error("not implemented yet: exercise ${ex.id} (${ex.title})");`), `${ex.id} has a throwing stub`);
    }
    // No line of a solution region survives in the student version.
    for (const cell of teacher.cells) {
      const src = cellSource(cell);
      for (const region of src.matchAll(/BEGIN SOLUTION[^\n]*\n([\s\S]*?)\n[^\n]*END SOLUTION/g)) {
        for (const line of region[1].split("\n").map((l) => l.trim()).filter((l) => l.length > 25)) {
          assert.ok(!all.includes(line), `solution line leaked into ${path.basename(studentFile)}: ${line}`);
        }
      }
    }
    for (const cell of student.cells) {
      if (cell.cell_type === "code") {
        assert.deepEqual(cell.outputs, []);
        assert.equal(cell.execution_count, null);
      }
    }
    for (const cell of teacher.cells) if (cell.cell_type === "code") assert.deepEqual(cell.outputs, [], "teacher notebooks are committed without outputs");
    assert.deepEqual(student.metadata.homotopy_assignment, { id: assignment.id, version: "student", generated_from: path.basename(teacherFile) });
    assert.deepEqual(student.metadata.kernelspec, { display_name: "TypeScript (tslab)", language: "typescript", name: "tslab" });
  }
});

test("assignments generate --check reports up-to-date versions; a stale one exits 1 and is rewritten without --check", () => {
  const dir = tempDir("assignments-");
  for (const f of fs.readdirSync(DIR).filter((f) => f.endsWith(".ipynb"))) fs.copyFileSync(path.join(DIR, f), path.join(dir, f));
  const log = console.log;
  const lines: string[] = [];
  console.log = (...a: unknown[]) => lines.push(a.join(" "));
  try {
    assert.equal(assignmentsCommand(["generate", "--dir", dir, "--check"]), 0);
    fs.writeFileSync(path.join(dir, "02-three-methods.ipynb"), "{}");
    assert.equal(assignmentsCommand(["generate", "--dir", dir, "--check"]), 1);
    assert.ok(lines.some((l) => /^OUT OF DATE .*02-three-methods\.ipynb/.test(l)), lines.join("\n"));
    assert.equal(assignmentsCommand(["generate", "--dir", dir]), 0);
    assert.equal(fs.readFileSync(path.join(dir, "02-three-methods.ipynb"), "utf8"), fs.readFileSync(path.join(DIR, "02-three-methods.ipynb"), "utf8"));
    assert.equal(assignmentsCommand(["list"]), 0);
    assert.ok(lines.some((l) => /^03-choosing-k {2}\(about 90 min\)/.test(l)));
  } finally {
    console.log = log;
  }
  assert.throws(() => assignmentsCommand(["generate", "--dir", path.join(dir, "nope")]), (e: Error) => e instanceof UsageError && /cannot list the folder \(ENOENT\)/.test(e.message));
  assert.throws(() => assignmentsCommand(["publish"]), /expected an action, list or generate, got "publish"/);
});

function teacherFixture(): NotebookJson {
  const file = path.join(DIR, "01-coupling-and-schedule.teacher.ipynb");
  return parseNotebook(fs.readFileSync(file, "utf8"), file);
}

function solutionCell(nb: NotebookJson, id: string) {
  return nb.cells.find((c) => cellSource(c).includes(`BEGIN SOLUTION ${id}`))!;
}

test("malformed teacher notebooks are rejected with the cell and the problem named", () => {
  const name = "01-coupling-and-schedule.teacher.ipynb";
  const broken = (edit: (nb: NotebookJson) => void) => {
    const nb = teacherFixture();
    edit(nb);
    return () => studentNotebook(nb, name);
  };
  assert.throws(broken((nb) => { const c = solutionCell(nb, "1.2"); c.source = cellSource(c).replace(/\s*\/\/ END SOLUTION/, ""); }), (e: Error) => e instanceof AssignmentNotebookError && /cell \d+ \(code\): the region of exercise 1\.2 opened on line \d+ is never closed/.test(e.message));
  assert.throws(broken((nb) => { const c = solutionCell(nb, "1.2"); c.source = cellSource(c).replace("BEGIN SOLUTION 1.2", "BEGIN SOLUTION 1.9"); }), /names exercise "1\.9", which 01-coupling-and-schedule does not have; expected one of 1\.1, 1\.2, 1\.3, 1\.4/);
  assert.throws(broken((nb) => { solutionCell(nb, "1.3").metadata = {}; }), /holds solution regions \(1\.3\) but is not tagged "solution"/);
  assert.throws(broken((nb) => { const c = solutionCell(nb, "1.4"); c.source = cellSource(c).replace(/.*BEGIN SOLUTION 1\.4\n/, "").replace(/.*END SOLUTION\n/, ""); }), /tagged "solution" but has no BEGIN SOLUTION … END SOLUTION region/);
  assert.throws(broken((nb) => { const c = solutionCell(nb, "1.4"); c.metadata = {}; c.source = cellSource(c).replace(/.*BEGIN SOLUTION 1\.4\n/, "").replace(/.*END SOLUTION\n/, ""); }), /exercise 1\.4 \(synchronisation error against k\) has no BEGIN SOLUTION 1\.4 region/);
  assert.throws(broken((nb) => { nb.cells = nb.cells.filter((c) => !cellSource(c).includes('recordAnswer("1.3"')); }), /no code cell calls recordAnswer\("1\.3", …\)/);
  assert.throws(broken((nb) => { const c = nb.cells.find((x) => cellSource(x).includes('recordAnswer("1.1"'))!; c.metadata = { tags: ["teacher-only"] }; }), /a teacher-only cell records exercise 1\.1/);
  assert.doesNotThrow(() => studentNotebook(teacherFixture(), "renamed.teacher.ipynb"), "the metadata decides, so a renamed teacher file still works");
  const renamed = teacherFixture();
  renamed.metadata = { ...renamed.metadata, homotopy_assignment: { id: "no-such" } };
  assert.throws(() => studentNotebook(renamed, name), /no assignment with this name; set metadata\.homotopy_assignment\.id to one of 01-coupling-and-schedule, 02-three-methods, 03-choosing-k/);
  assert.throws(() => parseNotebook("{", "x.ipynb"), /x\.ipynb: not a notebook \(invalid JSON/);
});

// ---------------------------------------------------------------- execution reports and the check command

test("tslab error texts are reduced to their message and attributed to the exercise whose cell failed", () => {
  const runtime = 'evalmachine.<anonymous>:3\nfunction f() { throw new Error("x"); }\n               ^\n\nError: not implemented yet: exercise 1.1 (power-law λ values)\n    at f (evalmachine.<anonymous>:3:22)';
  assert.equal(errorMessage(runtime), "Error: not implemented yet: exercise 1.1 (power-law λ values)");
  assert.equal(errorMessage("1:13 - Cannot find name 'r'."), "1:13 - Cannot find name 'r'.");
  assert.equal(errorMessage("evalmachine.<anonymous>:1\nRangeError: bad k"), "RangeError: bad k");
  const errors = cellErrorsByExercise({
    ok: true, failure: null, seconds: 1,
    cells: [
      { index: 3, status: "ok", source: 'recordAnswer("1.1", 1)', error: "" },
      { index: 5, status: "error", source: 'const a = f();\nrecordAnswer("1.2", a);\nrecordAnswerOr("1.3", () => 1);', error: runtime },
      { index: 7, status: "abort", source: 'recordAnswer("1.4", 2)', error: "" },
    ],
  });
  assert.deepEqual(errors, {
    "1.2": "Error: not implemented yet: exercise 1.1 (power-law λ values) (cell 5)",
    "1.3": "Error: not implemented yet: exercise 1.1 (power-law λ values) (cell 5)",
    "1.4": "the kernel aborted it (cell 7)",
  });
});

function runCheck(argv: string[]): { code: number; out: string[] } {
  const log = console.log;
  const out: string[] = [];
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  try {
    return { code: checkCommand(argv), out };
  } finally {
    console.log = log;
  }
}

test("check --answers grades a saved answers file: exit 0 when all pass, 1 with FAIL lines and hints otherwise", () => {
  const dir = tempDir("check-");
  const good = path.join(dir, "good.json");
  fs.writeFileSync(good, JSON.stringify(toJsonValue(REFERENCE["02-three-methods"]())));
  const student = path.join(DIR, "02-three-methods.ipynb");
  const pass = runCheck([student, "--answers", good]);
  assert.equal(pass.code, 0, pass.out.join("\n"));
  assert.deepEqual(pass.out.filter((l) => /^(PASS|FAIL) /.test(l)).map((l) => l.slice(0, 8)), ["PASS 2.1", "PASS 2.2", "PASS 2.3"]);
  assert.equal(pass.out[pass.out.length - 1], "3 of 3 exercises pass");
  const partial = path.join(dir, "partial.json");
  fs.writeFileSync(partial, JSON.stringify({ "2.3": "B" }));
  const fail = runCheck([student, "--answers", partial]);
  assert.equal(fail.code, 1);
  assert.match(fail.out.join("\n"), /FAIL 2\.1 best epoch — no answer recorded .* — hint: loop over the epochs/);
  assert.match(fail.out.join("\n"), /FAIL 2\.3 why homotopy's best epoch comes early — B is not supported by the numbers — hint: look at your exercise 2\.2 table/);
  const json = runCheck([student, "--answers", partial, "--json"]);
  const parsed = JSON.parse(json.out.join("\n"));
  assert.equal(parsed[0].assignment, "02-three-methods");
  assert.equal(parsed[0].passed, 0);
  assert.equal(parsed[0].total, 3);
});

test("check: bad usage is a UsageError (exit code 2) naming the problem", () => {
  const dir = tempDir("check-usage-");
  const other = path.join(dir, "homework.ipynb");
  fs.writeFileSync(other, JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
  const usage = (argv: string[], pattern: RegExp) => assert.throws(() => checkCommand(argv), (e: Error) => e instanceof UsageError && pattern.test(e.message), `${argv.join(" ")}`);
  usage([], /give the notebook to grade/);
  usage([path.join(dir, "missing.ipynb")], /missing\.ipynb: no such file/);
  usage([other], /homework\.ipynb: not an assignment notebook; expected metadata homotopy_assignment\.id or a file name starting with one of 01-coupling-and-schedule, 02-three-methods, 03-choosing-k/);
  fs.writeFileSync(path.join(dir, "bad.ipynb"), "not json");
  usage([path.join(dir, "bad.ipynb")], /bad\.ipynb: not a notebook \(invalid JSON/);
  const nb = path.join(DIR, "01-coupling-and-schedule.ipynb");
  usage([nb, "--profile", "slow"], /--profile: expected one of quick, full, got "slow"/);
  usage([nb, "--timeout", "0"], /--timeout: expected a whole number ≥ 1, got "0"/);
  usage([nb, nb, "--answers", "x.json"], /give exactly one NOTEBOOK/);
  usage([nb, "--answers", path.join(dir, "none.json")], /--answers: .*none\.json: no such file/);
  // The metadata names the assignment, so a renamed submission is still graded.
  const renamed = path.join(dir, "alice.ipynb");
  fs.copyFileSync(nb, renamed);
  const answers = path.join(dir, "a.json");
  fs.writeFileSync(answers, "{}");
  const r = runCheck([renamed, "--answers", answers]);
  assert.equal(r.code, 1);
  assert.match(r.out[0], /alice\.ipynb: assignment 1, Coupling and the power-law schedule/);
});

test("check and assignments: unknown flags are usage errors listing the accepted flags", () => {
  assert.throws(() => checkCommand(["x.ipynb", "--bogus"]), (e: Error) => e instanceof UsageError && /Unknown option '--bogus'; accepted flags: --out VALUE, --profile VALUE, --timeout VALUE, --answers VALUE, --verbose, --json$/.test(e.message));
  assert.throws(() => assignmentsCommand(["generate", "--force"]), (e: Error) => e instanceof UsageError && /accepted flags: --dir VALUE, --check$/.test(e.message));
});
