/**
 * The layer rule (.dependency-cruiser.cjs): imports in lib/ only go down, apps → view → paper → core,
 * and reach another layer only through its index. The real tree must pass, and a tree with one import
 * against the grain, or past an index, must fail with the rule named. The indexes hold what the layers
 * above use (tools/layer-interfaces.ts --check).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = path.resolve(__dirname, "..", "..");
const DEPCRUISE = path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

function cruise(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [DEPCRUISE, "lib", "--config", path.join(ROOT, ".dependency-cruiser.cjs"), "--output-type", "err"], { cwd, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test("lib/ has no import against the layers and no cycle", () => {
  const r = cruise(ROOT);
  assert.equal(r.status, 0, r.out);
});

test("an import from core up into paper is refused, naming the rule", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "homotopy-layers-"));
  try {
    fs.mkdirSync(path.join(dir, "lib", "core"), { recursive: true });
    fs.mkdirSync(path.join(dir, "lib", "paper"), { recursive: true });
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }));
    fs.writeFileSync(path.join(dir, "lib", "paper", "system.ts"), "export const k = 1;\n");
    fs.writeFileSync(path.join(dir, "lib", "core", "solver.ts"), 'import { k } from "../paper/system";\nexport const twice = 2 * k;\n');
    const bad = cruise(dir);
    assert.notEqual(bad.status, 0, bad.out);
    assert.match(bad.out, /core-is-the-bottom/);
    assert.match(bad.out, /lib\/core\/solver\.ts → lib\/paper\/system\.ts/);
    // Going down, but into a module file past core's index: refused too.
    fs.writeFileSync(path.join(dir, "lib", "core", "solver.ts"), "export const k = 1;\n");
    fs.writeFileSync(path.join(dir, "lib", "core", "index.ts"), 'export { k } from "./solver";\n');
    fs.writeFileSync(path.join(dir, "lib", "paper", "system.ts"), 'import { k } from "../core/solver";\nexport const twice = 2 * k;\n');
    const past = cruise(dir);
    assert.notEqual(past.status, 0, past.out);
    assert.match(past.out, /through-the-index/);
    assert.match(past.out, /lib\/paper\/system\.ts → lib\/core\/solver\.ts/);
    // The same import through core's index passes, and so does an import within a layer.
    fs.writeFileSync(path.join(dir, "lib", "paper", "system.ts"), 'import { k } from "../core/index";\nimport { half } from "./half";\nexport const twice = 2 * k * half;\n');
    fs.writeFileSync(path.join(dir, "lib", "paper", "half.ts"), "export const half = 0.5;\n");
    const good = cruise(dir);
    assert.equal(good.status, 0, good.out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the layer indexes hold what the layers above use, and nothing imports past them (tools/layer-interfaces.ts --check)", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "tools", "layer-interfaces.ts"), "--check"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}\nrun \`npx tsx tools/layer-interfaces.ts\` to rewrite the imports and indexes`);
});
