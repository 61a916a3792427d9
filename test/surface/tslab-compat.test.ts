/**
 * tslab compiles lib/ itself with its bundled TypeScript 5.0.4, non-strict, Node10 resolution and
 * declaration emit. This compiles every index of lib (the public one and the four layers', so all of
 * lib) exactly that way.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as os from "node:os";
import * as fs from "node:fs";

test("lib compiles under tslab's TypeScript 5.0.4 with tslab's compiler options", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("@tslab/typescript-for-tslab") as typeof import("typescript");
  assert.equal(ts.version, "5.0.4");
  const root = path.resolve(__dirname, "..", "..");
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "tslab-compat-"));
  try {
    const options: import("typescript").CompilerOptions = {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      declaration: true,
      experimentalDecorators: true,
      resolveJsonModule: true,
      allowJs: true,
      checkJs: true,
      skipLibCheck: true,
      rootDir: root,
      outDir,
      typeRoots: [path.join(root, "node_modules", "@types")],
    };
    const indexes = ["index.ts", "core/index.ts", "paper/index.ts", "view/index.ts", "apps/index.ts"].map((f) => path.join(root, "lib", f));
    const program = ts.createProgram(indexes, options);
    const emitted = program.emit();
    const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
    const text = diagnostics.map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" }));
    assert.deepEqual(text, []);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});

test("every relative import in lib names a file, not a folder (tslab cannot load a folder's index)", () => {
  const lib = path.resolve(__dirname, "..", "..", "lib");
  const folderImports: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts")) {
        for (const m of fs.readFileSync(file, "utf8").matchAll(/from\s+"(\.{1,2}\/[^"]*)"/g)) {
          const target = path.resolve(path.dirname(file), m[1]);
          if (!fs.existsSync(`${target}.ts`) && fs.existsSync(path.join(target, "index.ts"))) folderImports.push(`${path.relative(lib, file)}: "${m[1]}"`);
        }
      }
    }
  };
  walk(lib);
  assert.deepEqual(folderImports, []);
});
