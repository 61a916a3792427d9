/**
 * The public surface a notebook user reads: lib/index.ts names at most 150 exports, each documented
 * where it is declared, none from the apps layer; no index in lib re-exports with `export *`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const LIB = path.resolve(__dirname, "..", "..", "lib");
const INDEXES = ["index.ts", "core/index.ts", "paper/index.ts", "view/index.ts", "apps/index.ts"].map((f) => path.join(LIB, f));

function publicNames(): { name: string; declFile: string; documented: boolean }[] {
  const program = ts.createProgram([INDEXES[0]], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, esModuleInterop: true, resolveJsonModule: true, noEmit: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(INDEXES[0])!)!;
  return checker.getExportsOfModule(moduleSymbol).map((alias) => {
    const target = alias.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(alias) : alias;
    const decl = target.declarations?.[0];
    const docHost = decl && ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
    const documented = docHost !== undefined && ts.getJSDocCommentsAndTags(docHost).some((d) => (typeof d.comment === "string" ? d.comment.trim() : d.comment?.length ?? 0) !== "" && d.comment !== undefined);
    return { name: alias.name, declFile: decl ? path.relative(LIB, decl.getSourceFile().fileName) : "", documented };
  });
}

test("every index names its exports (no export *)", () => {
  for (const file of INDEXES) {
    const src = fs.readFileSync(file, "utf8");
    assert.doesNotMatch(src, /export\s+\*/, `${path.relative(LIB, file)} re-exports with export *`);
  }
});

test("lib/index.ts: at most 150 names, each with a doc comment, none from the apps", () => {
  const names = publicNames();
  assert.ok(names.length >= 60, `only ${names.length} public names: the index looks broken`);
  assert.ok(names.length <= 150, `${names.length} public names (at most 150)`);
  const fromApps = names.filter((n) => n.declFile.startsWith("apps/"));
  assert.deepEqual(fromApps.map((n) => n.name), [], "names from lib/apps in the public index");
  const undocumented = names.filter((n) => !n.documented).map((n) => `${n.name} (${n.declFile})`);
  assert.deepEqual(undocumented, [], "public names without a doc comment where they are declared");
});
