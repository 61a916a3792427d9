/**
 * bench's PyTorch side: --problem exports exactly the problem our step solves (with our step's
 * value for the reference to match), and --torch without PyTorch says so in one line and still
 * times ours. The reference itself (tools/torch_bench.py) needs python3-torch and is not run here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { BENCH_CASES } from "../../lib/apps/bench/cases";
import { MLP } from "../../lib/core/nn/mlp";

const ROOT = path.resolve(__dirname, "..", "..");
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "homotopy-ode.js"), ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  return { code: r.status, err: r.stderr.trim(), out: r.stdout };
}

test("bench --problem: the b16 case exports 16 trajectories on one grid, θ of the [2, 64, 64, 2] network, and our step's value", () => {
  const r = cli(["bench", "--problem", "rk4-lv-1000-h64-b16"]);
  assert.equal(r.code, 0, r.err);
  const p = JSON.parse(r.out);
  assert.equal(p.theta.length, new MLP([2, 64, 64, 2]).nParams);
  assert.equal(p.t.length, 1000);
  assert.equal(p.u0.length, 16 * 2);
  assert.equal(p.data.length, 16 * 1000 * 2);
  assert.equal(p.splines.length, 16);
  assert.equal(new Set(p.u0.map(String)).size, 32, "16 different initial conditions");
  const step = BENCH_CASES.find((c) => c.name === "rk4-lv-1000-h64-b16")!.setup();
  assert.equal(p.ourStepValue, step(), "the exported value is what our step returns");
});

test("every bench case has a PyTorch reference problem", () => {
  assert.deepEqual(BENCH_CASES.filter((c) => !c.torch).map((c) => c.name), []);
});

test("bench --torch without PyTorch: one line naming the package, ours still timed, exit 0", () => {
  const r = cli(["bench", "--torch", "--case", "lv-homotopy-epoch", "--runs", "20"], { HOMOTOPY_PYTHON: path.join(ROOT, "no-such-python") });
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err.split("\n").length, 1, r.err);
  assert.match(r.err, /need PyTorch .*apt-get install python3-torch/);
  assert.match(r.out, /^lv-homotopy-epoch +median [\d.]+ ms/m);
});
