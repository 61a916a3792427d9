/** One error rule: input errors extend UsageError (exit 2, one line); anything else is a bug (exit 1, one line; --debug adds the stack). */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/apps/cli/main";
import { UsageError } from "../../lib/core/errors";
import { UsageError as CliUsageError } from "../../lib/apps/cli/errors";
import { ConfigError, parseConfig } from "../../lib/paper/experiments/config";
import { DataFileError } from "../../lib/paper/systems/real-pendulum";
import { FitInputError } from "../../lib/paper/inputs/table";
import { SystemDefinitionError } from "../../lib/paper/systems/expressions";
import { SystemEvaluationError } from "../../lib/paper/systems/defined-system";
import { FolderLockedError } from "../../lib/apps/reproduce/lock";
import { PrecomputedError } from "../../lib/view/report/precomputed";
import { AssignmentNotebookError } from "../../lib/apps/assignments/generate";
import { JupyterMissingError } from "../../lib/apps/assignments/execute";
import { SolverError } from "../../lib/core/ode/errors";
import { tempDir } from "../helpers/temp";

const tmp = tempDir("errors-");

/** Run the CLI in-process, capturing stderr; `log` replaces console.log (to make a command fail from inside). */
async function run(args: string[], log: (...a: unknown[]) => void = () => {}): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const saved = { log: console.log, error: console.error, write: process.stderr.write };
  console.log = log;
  console.error = (...a: unknown[]) => void err.push(a.map(String).join(" ") + "\n");
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, err: err.join("").trimEnd() };
  } finally {
    console.log = saved.log;
    console.error = saved.error;
    process.stderr.write = saved.write;
  }
}

test("every input error of the library is a UsageError (the CLI's is the same class)", () => {
  assert.equal(CliUsageError, UsageError);
  const inputErrors = [
    new ConfigError("m"), new DataFileError("m"), new FitInputError("m"), new SystemDefinitionError("m"),
    new SystemEvaluationError("m", "x", 0, new Float64Array(1)), new FolderLockedError("m"), new PrecomputedError("m"),
    new AssignmentNotebookError("m"), new JupyterMissingError("m"),
  ];
  for (const e of inputErrors) {
    assert.ok(e instanceof UsageError, `${e.name} extends UsageError`);
    assert.ok(e.name !== "UsageError" && e.name !== "Error", `${e.constructor.name} keeps its own name`);
  }
  // A solve that cannot finish is the numerics' report, not by itself the user's input (callers that know the input translate it).
  assert.ok(!(new SolverError("max-steps", { t: 0, dt: 0, nfe: 0, accepted: 0, rejected: 0 }, "m") instanceof UsageError));
  assert.throws(() => parseConfig({ system: "lorenz" }), (e: Error) => e instanceof ConfigError && e instanceof UsageError);
});

test("a schema error (config, zod) exits 2 with one line", async () => {
  const r = await run(["train", "--system", "lotka-volterra", "--model", "blackbox", "--method", "vanilla", "--lr", "-0.1"]);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /^homotopy-ode train: --lr: lr must be > 0, got -0\.1$/);
  assert.equal(r.err.split("\n").length, 1, r.err);
});

test("a table error (fit's data file) exits 2 with one line", async () => {
  const csv = path.join(tmp, "header-only.csv");
  fs.writeFileSync(csv, "t,x,y\n");
  const r = await run(["fit", csv, "--out", path.join(tmp, "out")]);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /^homotopy-ode fit: .*header-only\.csv/);
  assert.equal(r.err.split("\n").length, 1, r.err);
  assert.ok(!fs.existsSync(path.join(tmp, "out")), "nothing written");
});

// A genuine internal error, without a hook in the CLI: the command's own printing fails with a plain Error.
const broken = () => {
  throw new TypeError("printing broke");
};

test("an error that is not the user's input exits 1 with one line saying it is a bug, no stack", async () => {
  const r = await run(["assignments", "list"], broken);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err.split("\n").length, 1, r.err);
  assert.match(r.err, /^homotopy-ode assignments: internal error, please report it .*--debug.*: TypeError: printing broke$/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});

test("--debug adds the stack trace of an internal error", async () => {
  const r = await run(["assignments", "list", "--debug"], broken);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /^homotopy-ode assignments: internal error/);
  assert.match(r.err, /\n\s+at /);
});
