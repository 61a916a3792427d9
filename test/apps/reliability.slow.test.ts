/** Determinism, exact resume from checkpoints, and reproduce killed mid-way then resumed. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { paperConfig, paperGrid } from "../../lib/paper/experiments/paper";
import { shardOf } from "../../lib/apps/cli/reproduce";
import { runExperiment, RunResult } from "../../lib/paper/experiments/runner";
import { runPool } from "../../lib/paper/experiments/run-pool";
import { reproduce } from "../../lib/apps/reproduce/reproduce";
import { ExperimentConfig } from "../../lib/paper/experiments/config";
import { saveCheckpoint, loadCheckpoint } from "../../lib/paper/experiments/checkpoint";
import { TrainState } from "../../lib/core/train/loop";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "bin", "homotopy-ode.js");

function small(method: "vanilla" | "multishoot" | "homotopy", seed: number, epochs = 60): ExperimentConfig {
  const c = paperConfig("lotka-volterra", "blackbox", method, { profile: "quick", seed });
  if (c.homotopy) c.homotopy.schedule.epochsPerStep = epochs / 6;
  return { ...c, epochs };
}

/** Everything in a result that must not depend on scheduling or wall time. */
function numbers(r: RunResult) {
  return { interp: r.interpMse, extrap: r.extrapMse, best: r.bestEpoch, theta: r.bestTheta, loss: r.history.loss, mse: r.history.mse, lambda: r.history.lambda, nfe: r.history.nfe };
}

test("the same config and seed give bit-identical metrics and histories with --jobs 1 and 2; other seeds differ", async () => {
  const configs = [small("homotopy", 10), small("multishoot", 10), small("homotopy", 20)];
  const collect = async (jobs: number) => {
    const out = new Map<string, RunResult>();
    await runPool(configs, jobs, { onDone: (r) => out.set(r.id, r), onError: (id, m) => assert.fail(`${id}: ${m}`) });
    return out;
  };
  const one = await collect(1);
  const two = await collect(2);
  for (const [id, r] of one) assert.deepEqual(numbers(two.get(id) as RunResult), numbers(r), id);
  const h10 = one.get("lotka-volterra__blackbox__homotopy__seed10") as RunResult;
  const h20 = one.get("lotka-volterra__blackbox__homotopy__seed20") as RunResult;
  assert.notDeepEqual(h10.history.mse, h20.history.mse);
});

test("a checkpoint saved mid-run and resumed continues bit-identically to an uninterrupted run", () => {
  for (const method of ["homotopy", "multishoot"] as const) {
    const config = small(method, 10, 60);
    const full = runExperiment(config);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-"));
    const file = path.join(dir, "ck.json");
    let saved = false;
    runExperiment({ ...config, epochs: 60 }, {
      checkpointEvery: 24,
      onState: (st: TrainState, final: boolean) => {
        if (!final && st.epoch === 24 && !saved) {
          saveCheckpoint(file, config, st);
          saved = true;
        }
      },
    });
    const ck = loadCheckpoint(file);
    assert.equal(ck.state.epoch, 24);
    const resumed = runExperiment(ck.config, { resume: ck.state });
    assert.deepEqual(numbers(resumed), numbers(full), method);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Table rows without the wall-time columns. */
function tableWithoutTimes(file: string): string[] {
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  const header = lines[0].split(",");
  const keep = header.map((h, i) => (h === "seconds" ? -1 : i)).filter((i) => i >= 0);
  return lines.map((l) => {
    const cells = l.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, "")) ?? [];
    return keep.map((i) => cells[i]).join(",");
  });
}

function runCli(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: "ignore", env: { ...process.env, HOMOTOPY_DATA_DIR: "" } });
    p.on("exit", (code) => resolve(code ?? -1));
  });
}

test("reproduce killed (SIGKILL) mid-way and re-run into the same folder ends with the uninterrupted run's table", async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "reproduce-kill-"));
  const only = ["--profile", "quick", "--jobs", "2", "--only", "lotka-volterra__blackbox__homotopy", "--only", "lotka-volterra__graybox__homotopy"];
  const a = path.join(base, "a");
  const b = path.join(base, "b");
  assert.equal(await runCli(["reproduce", ...only, "--out", a]), 0);

  // Start the same job, kill it as soon as the first run is on disk.
  const child = spawn(process.execPath, [CLI, "reproduce", ...only, "--out", b], { cwd: ROOT, stdio: "ignore", env: { ...process.env, HOMOTOPY_DATA_DIR: "" } });
  const runsDir = path.join(b, "runs");
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (fs.existsSync(runsDir) && fs.readdirSync(runsDir).some((f) => f.endsWith(".json"))) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGKILL");
  await new Promise((r) => child.on("exit", r));
  const doneAfterKill = fs.readdirSync(runsDir).filter((f) => f.endsWith(".json"));
  assert.ok(doneAfterKill.length >= 1 && doneAfterKill.length < 6, `runs on disk after the kill: ${doneAfterKill.length}`);
  // Whatever is on disk is whole: every run file parses, and runs.csv (if written) has complete rows.
  for (const f of doneAfterKill) JSON.parse(fs.readFileSync(path.join(runsDir, f), "utf8"));
  if (fs.existsSync(path.join(b, "runs.csv"))) {
    const rows = fs.readFileSync(path.join(b, "runs.csv"), "utf8").trim().split("\n");
    assert.ok(rows.length >= 2 && rows.every((r) => r.split(",").length >= 16));
  }

  assert.equal(await runCli(["reproduce", ...only, "--out", b]), 0);
  assert.deepEqual(tableWithoutTimes(path.join(b, "table5.csv")), tableWithoutTimes(path.join(a, "table5.csv")));
  assert.deepEqual(tableWithoutTimes(path.join(b, "runs.csv")), tableWithoutTimes(path.join(a, "runs.csv")));
  assert.match(fs.readFileSync(path.join(b, "report.md"), "utf8"), /^6 runs \([0-5] trained by this invocation, [1-6] found already finished in this folder\)/m);
  fs.rmSync(base, { recursive: true, force: true });
});

test("a solver failure ends the run as diverged with the typed error's details; reproduce goes on and marks it", async () => {
  const bad = { ...small("vanilla", 10, 50), lr: 20 };
  const r = runExperiment(bad);
  assert.equal(r.status, "diverged");
  assert.match(r.failure ?? "", /epoch 1: solve: the state or its derivative became non-finite \(t = [\d.]+, dt = [\d.e-]+, \d+ accepted \/ \d+ rejected steps, \d+ evaluations\)/);
  assert.equal(r.bestEpoch, 0);
  assert.ok(Number.isFinite(r.interpMse) && r.extrapMse !== null);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reproduce-diverged-"));
  const summary = await reproduce({ profile: "quick", outDir: dir, jobs: 1, configs: [bad, small("homotopy", 10, 30)], writeFigures: () => ({ files: [] }) });
  assert.equal(summary.diverged.length, 1);
  assert.equal(summary.errors.length, 0);
  assert.equal(summary.ran, 2);
  const report = fs.readFileSync(path.join(dir, "report.md"), "utf8");
  assert.match(report, /## Diverged runs \(⚠\)[\s\S]*lotka-volterra__blackbox__vanilla__seed10: epoch 1: solve:/);
  assert.match(report, /\| LV black-box \| vanilla ⚠ \|/);
  // The backup-seed policy tried seeds 40, 50, 60 for the diverged cell; at lr 20 they diverge too.
  for (const seed of [40, 50, 60]) assert.ok(fs.existsSync(path.join(dir, "runs", `lotka-volterra__blackbox__vanilla__seed${seed}.json`)), `backup seed ${seed} ran`);
  assert.match(report, /### With the paper's backup-seed policy[\s\S]*\| LV black-box \| vanilla \|[^\n]*\| no stable backup \|/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("--shard I/N splits the Table 5 grid into disjoint shares that cover it", () => {
  const grid = paperGrid({ profile: "quick", data: "synthetic" });
  const ids = (cs: ExperimentConfig[]) => cs.map((c) => `${c.system}/${c.model.kind}/${c.method}/${c.seed}`);
  const shards = [1, 2, 3, 4].map((i) => ids(shardOf(grid, `${i}/4`)));
  assert.deepEqual(shards.flat().sort(), ids(grid).sort());
  assert.equal(new Set(shards.flat()).size, grid.length);
  assert.deepEqual(shards.map((s) => s.length), [12, 11, 11, 11]);
  for (const bad of ["0/4", "5/4", "2", "a/b", "1/0"]) assert.throws(() => shardOf(grid, bad), /--shard: expected I\/N with 1 ≤ I ≤ N/);
});
