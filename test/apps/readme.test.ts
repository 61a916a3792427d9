/**
 * Every code block of the README runs as written, so a new user's first commands work.
 *
 * - ```ts blocks run with tsx (their "./lib/…" imports point at this checkout).
 * - ```sh blocks run with bash -e in an empty temporary folder holding links to examples/ and
 *   notebooks/, with these rewrites so the smoke test stays short (the commands are otherwise the
 *   README's own): `npx homotopy-ode` → this checkout's bin/homotopy-ode.js; `npm run bench` → `bench`
 *   with 20 runs of one case; `--profile full` → `--profile quick`; `reproduce` without --only gets
 *   `--only lotka-volterra__blackbox__homotopy` (3 runs); `train` without --epochs or --resume gets
 *   `--epochs 30`; `spectrum` gets `--iters 10 --trace-probes 5`; `landscape` gets `--points 4 --iters 10`.
 * - A block right after the line `<!-- readme-test: skip (reason) -->` is not run (installs,
 *   the whole test suite, commands that need Jupyter or rewrite the repository). Blocks without a
 *   language (the layout tree) are text.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { compileGrayBox, parseGrayBoxDefinition } from "../../lib/paper/inputs/model-file";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = `node ${path.join(ROOT, "bin", "homotopy-ode.js")}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "readme-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Block {
  lang: string;
  code: string;
  line: number;
  skip: boolean;
}

export function readmeBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith("```"));
    assert.ok(end > i, `README line ${i + 1}: unclosed code block`);
    const skip = i > 0 && /^<!-- readme-test: skip \(.+\) -->$/.test(lines[i - 1]);
    blocks.push({ lang: open[1], code: lines.slice(i + 1, end).join("\n"), line: i + 1, skip });
    i = end;
  }
  return blocks;
}

/** The README's shell commands, rewritten as described above. */
export function smokeCommands(code: string): string[] {
  return code
    .split("\n")
    .map((l) => l.replace(/(^|\s+)#.*$/, "").trim())
    .filter(Boolean)
    .map((l) =>
      l
        .split(" && ")
        .map((cmd) => {
          let c = cmd.replace(/^npx homotopy-ode /, `${CLI} `).replace(/^npm run bench$/, `${CLI} bench --runs 20 --case rk4-lv-1000-h64`).replace(/--profile full/g, "--profile quick");
          const sub = /homotopy-ode\.js (\S+)/.exec(c)?.[1];
          if (sub === "reproduce" && !c.includes("--only")) c += " --only lotka-volterra__blackbox__homotopy";
          if (sub === "train" && !/--epochs|--resume/.test(c)) c += " --epochs 30";
          if (sub === "spectrum") c += " --iters 10 --trace-probes 5";
          if (sub === "landscape") c += " --points 4 --iters 10";
          return c;
        })
        .join(" && "),
    );
}

const blocks = readmeBlocks(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));

test("the README has runnable TypeScript and shell blocks, and marks the ones it does not run", () => {
  assert.ok(blocks.some((b) => b.lang === "ts" && !b.skip));
  assert.ok(blocks.some((b) => b.lang === "sh" && !b.skip));
  assert.ok(blocks.some((b) => b.skip));
  for (const b of blocks) assert.ok(["ts", "sh", "json", ""].includes(b.lang), `README line ${b.line}: a ${b.lang} block, which this test does not know how to run`);
  // The rewrites keep the smoke test short: no full profile, every reproduce on a few runs.
  const commands = blocks.filter((b) => b.lang === "sh" && !b.skip).flatMap((b) => smokeCommands(b.code)).flatMap((c) => c.split(" && "));
  assert.ok(commands.length >= 10, `${commands.length} commands`);
  for (const c of commands) {
    assert.doesNotMatch(c, /--profile full|^npx |^npm /, c);
    if (/homotopy-ode\.js reproduce/.test(c)) assert.match(c, /--only /, c);
    if (/homotopy-ode\.js train/.test(c)) assert.match(c, /--epochs 30|--resume/, c);
  }
});

for (const [k, b] of blocks.entries()) {
  if (b.skip || b.lang === "") continue;
  test(`README ${b.lang} block at line ${b.line} runs`, () => {
    if (b.lang === "json") {
      // A JSON block is a file the README shows: it must parse, and a gray-box model file must compile.
      const value = JSON.parse(b.code) as Record<string, unknown>;
      if ("networks" in value) compileGrayBox(parseGrayBoxDefinition(value, `README line ${b.line}`), `README line ${b.line}`);
      return;
    }
    if (b.lang === "ts") {
      const file = path.join(tmp, `block-${k}.ts`);
      fs.writeFileSync(file, b.code.replace(/from "\.\/lib\//g, `from "${ROOT}/lib/`));
      const r = spawnSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, encoding: "utf8", env: { ...process.env, HOMOTOPY_DATA_DIR: "" } });
      assert.equal(r.status, 0, r.stderr);
      // The numbers the README's comments promise.
      if (b.code.includes("6.863e-3 at epoch 299")) assert.match(r.stdout.split("\n")[0], /^0\.006863\d* 299$/);
      if (b.code.includes("162 parameters")) assert.match(r.stdout, /^162 2$/m);
      return;
    }
    const cwd = fs.mkdtempSync(path.join(tmp, "sh-"));
    for (const link of ["examples", "notebooks"]) fs.symlinkSync(path.join(ROOT, link), path.join(cwd, link));
    for (const command of smokeCommands(b.code)) {
      const r = spawnSync("bash", ["-e", "-c", command], { cwd, encoding: "utf8", env: { ...process.env, HOMOTOPY_DATA_DIR: "" } });
      assert.equal(r.status, 0, `${command}\n${r.stderr.slice(-2000)}`);
    }
  });
}
