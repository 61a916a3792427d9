/** Ctrl-C and SIGTERM during train and reproduce: what is finished is saved, one line says how to resume; one reproduce per folder. */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { lockFolder, LOCK_FILE, FolderLockedError } from "../../lib/apps/reproduce/lock";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "bin", "homotopy-ode.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "interrupt-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const env = { ...process.env, HOMOTOPY_DATA_DIR: "" };

/** Start the CLI, send `signal` once `ready(stderr)` holds, and collect the exit code and output. */
function interrupted(args: string[], cwd: string, ready: (stderr: string) => boolean, signal: NodeJS.Signals = "SIGINT") {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      if (!sent && ready(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const trainArgs = ["train", "--system", "lotka-volterra", "--model", "blackbox", "--method", "homotopy", "--epochs", "240"];

test("train: SIGINT mid-run saves a checkpoint and says how to resume; the resumed run ends where an uninterrupted one does", async () => {
  const cwd = fs.mkdtempSync(path.join(tmp, "train-"));
  const r = await interrupted(trainArgs, cwd, (err) => /\s(2[4-9]|[3-9]\d|1\d\d)\/240 /.test(err));
  assert.equal(r.code, 130, r.stderr);
  const file = "lotka-volterra__blackbox__homotopy__seed10.checkpoint.json";
  const last = r.stderr.trim().split("\n").pop() ?? "";
  assert.match(last, new RegExp(`^train: interrupted after epoch (\\d+) of 240; saved to ${file.replace(/\./g, "\\.")}\\. Resume with: homotopy-ode train --resume ${file.replace(/\./g, "\\.")}$`));
  const stoppedAt = Number(/after epoch (\d+)/.exec(last)?.[1]);
  assert.ok(stoppedAt >= 24 && stoppedAt < 240, `stopped at ${stoppedAt}`);
  assert.equal(JSON.parse(fs.readFileSync(path.join(cwd, file), "utf8")).state.epoch, stoppedAt);

  const resumed = spawnSync(process.execPath, [CLI, "train", "--resume", file, "--json"], { cwd, env, encoding: "utf8" });
  assert.equal(resumed.status, 0, resumed.stderr);
  const whole = spawnSync(process.execPath, [CLI, ...trainArgs, "--json"], { cwd, env, encoding: "utf8" });
  assert.equal(whole.status, 0, whole.stderr);
  const a = JSON.parse(resumed.stdout);
  const b = JSON.parse(whole.stdout);
  assert.equal(a.interpMse, b.interpMse);
  assert.equal(a.bestEpoch, b.bestEpoch);
  assert.equal(a.epochs, 240);
});

test("fit: SIGINT mid-run saves a checkpoint and says how to resume; the resumed fit equals an uninterrupted one bit for bit", async () => {
  const cwd = fs.mkdtempSync(path.join(tmp, "fit-"));
  const data = path.join(ROOT, "examples", "lotka-volterra.csv");
  const fitArgs = (out: string) => ["fit", data, "--epochs", "240", "--no-figures", "--out", out];
  const r = await interrupted(fitArgs("interrupted"), cwd, (err) => /\s(2[4-9]|[3-9]\d|1\d\d)\/240 /.test(err));
  assert.equal(r.code, 130, r.stderr);
  const file = "table-lotka-volterra__blackbox__homotopy__seed10.checkpoint.json";
  const last = r.stderr.trim().split("\n").pop() ?? "";
  assert.match(last, new RegExp(`^fit: interrupted after epoch (\\d+) of 240; saved to ${file.replace(/\./g, "\\.")}\\. Resume with: homotopy-ode fit --resume ${file.replace(/\./g, "\\.")}$`));
  assert.ok(!fs.existsSync(path.join(cwd, "interrupted", "model.json")), "no model.json from an interrupted fit");

  const resumed = spawnSync(process.execPath, [CLI, "fit", "--resume", file, "--json", "--no-figures"], { cwd, env, encoding: "utf8" });
  assert.equal(resumed.status, 0, resumed.stderr);
  const whole = spawnSync(process.execPath, [CLI, ...fitArgs("whole"), "--json"], { cwd, env, encoding: "utf8" });
  assert.equal(whole.status, 0, whole.stderr);
  const a = JSON.parse(resumed.stdout);
  const b = JSON.parse(whole.stdout);
  for (const key of ["interpMse", "extrapMse", "interpNmse", "extrapNmse", "bestEpoch", "epochs", "k"]) assert.equal(a[key], b[key], key);
  const theta = (dir: string) => JSON.parse(fs.readFileSync(path.join(cwd, dir, "model.json"), "utf8")).theta;
  assert.deepEqual(theta("interrupted"), theta("whole"));
});

test("reproduce: SIGTERM keeps the finished run files, names the resume command, and releases the folder", async () => {
  const out = path.join(tmp, "reproduce");
  const args = ["reproduce", "--only", "lotka-volterra__blackbox", "--jobs", "2", "--out", out];
  const r = await interrupted(args, ROOT, (err) => /^done /m.test(err), "SIGTERM");
  assert.equal(r.code, 143, r.stderr);
  const saved = fs.readdirSync(path.join(out, "runs")).filter((f) => f.endsWith(".json"));
  assert.ok(saved.length >= 1 && saved.length < 9, `runs saved: ${saved.length}`);
  for (const f of saved) assert.equal(JSON.parse(fs.readFileSync(path.join(out, "runs", f), "utf8")).status, "ok");
  const last = r.stderr.trim().split("\n").pop() ?? "";
  assert.equal(last, `reproduce: interrupted; ${saved.length} of 9 runs are saved in ${path.join(out, "runs")}. Resume with the same command: homotopy-ode ${args.join(" ")}`);
  assert.ok(!fs.existsSync(path.join(out, LOCK_FILE)), "the lock is released");
  assert.ok(!fs.existsSync(path.join(out, "report.md")), "no report of a partial run");
});

test("reproduce lock: a second process is refused with the owner's pid; a lock left by a dead process is taken over", () => {
  const dir = path.join(tmp, "locked");
  const release = lockFolder(dir);
  try {
    assert.throws(() => lockFolder(dir), (e: Error) => e instanceof FolderLockedError && e.message.includes(`pid ${process.pid}`));
    const cli = spawnSync(process.execPath, [CLI, "reproduce", "--only", "lorenz__blackbox__vanilla__seed10", "--out", dir], { env, encoding: "utf8" });
    assert.equal(cli.status, 2);
    assert.match(cli.stderr.trim(), new RegExp(`^homotopy-ode reproduce: --out ${dir} is in use by another reproduce \\(pid ${process.pid}, started [^)]+\\); wait for it to finish, or choose another --out$`));
  } finally {
    release();
  }
  assert.ok(!fs.existsSync(path.join(dir, LOCK_FILE)));
  // A process that has exited leaves its pid free: its lock is stale.
  const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(dead.stdout), host: os.hostname(), startedAt: "earlier" }));
  let staleOwner: number | undefined;
  const again = lockFolder(dir, (owner) => (staleOwner = owner?.pid));
  assert.equal(staleOwner, Number(dead.stdout));
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).pid, process.pid);
  again();
  // A half-written lock (a crash while writing it) is stale too.
  fs.writeFileSync(path.join(dir, LOCK_FILE), "{");
  lockFolder(dir)();
});
