/** The solver stays in small pieces: no function, method or constructor in lib/core/ode is longer than 60 lines. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ODE = path.resolve(__dirname, "..", "..", "lib", "core", "ode");
const MAX_LINES = 60;

/** Lines (first to last) of every function-like node with a body in one file. */
function functionLengths(file: string): { name: string; lines: number }[] {
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = src.getLineAndCharacterOfPosition(node.getStart(src)).line;
      const last = src.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name ? node.name.getText(src) : "(anonymous)";
      out.push({ name: `${path.basename(file)}:${first + 1} ${name}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

test(`lib/core/ode: every function is at most ${MAX_LINES} lines`, () => {
  const files = fs.readdirSync(ODE).filter((f) => f.endsWith(".ts")).map((f) => path.join(ODE, f));
  const all = files.flatMap(functionLengths);
  assert.ok(all.length > 30, `only ${all.length} functions found: the scan looks broken`);
  const long = all.filter((f) => f.lines > MAX_LINES).map((f) => `${f.name} (${f.lines} lines)`);
  assert.deepEqual(long, []);
});
