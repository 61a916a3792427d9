/** Systems of your own through the experiments runner and the CLI (--system-file). */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { customConfig } from "../../lib/paper/experiments/custom";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { buildDataset } from "../../lib/paper/experiments/build";
import { parseConfig } from "../../lib/paper/experiments/config";
import { VAN_DER_POL, LOTKA_VOLTERRA_EQUATIONS } from "../../lib/paper/systems/classic";
import { simulateDataset } from "../../lib/paper/systems/dataset";
import { LotkaVolterra } from "../../lib/paper/systems/lotka-volterra";

const ROOT = path.resolve(__dirname, "..", "..");

test("a custom config builds the same data as simulating the built-in system with that recipe", () => {
  const def = { ...LOTKA_VOLTERRA_EQUATIONS, data: { tEnd: 6.1, dt: 0.1, noise: { kind: "relative-to-mean" as const, amplitude: 0.05 }, noiseSeed: 10 } };
  const ds = buildDataset(customConfig(def, "vanilla"));
  const ref = simulateDataset(new LotkaVolterra(), { tEnd: 6.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed: 10 });
  assert.equal(ds.train.t.length, 61);
  for (let i = 0; i < ds.train.u.length; i++) assert.ok(Math.abs(ds.train.u[i] - ref.train.u[i]) < 1e-12);
});

test("the homotopy config of a custom system takes k from the Theorem-1 helper and trains", () => {
  const c = customConfig(VAN_DER_POL, "homotopy", { profile: "quick" });
  assert.ok((c.homotopy?.k ?? 0) > 2 && (c.homotopy?.k ?? 0) < 5, `k = ${c.homotopy?.k}`);
  const short = { ...c, epochs: 60, homotopy: { ...c.homotopy!, schedule: { kind: "power-law" as const, steps: 6, epochsPerStep: 10, decay: 0.6 } } };
  const r = runExperiment(short);
  assert.equal(r.id, "custom-van-der-pol__blackbox__homotopy__seed10");
  assert.equal(r.status, "ok");
  assert.ok(r.interpMse < r.history.mse[0], `improved from ${r.history.mse[0]} to ${r.interpMse}`);
});

test("a bad system definition inside a config is rejected naming the equation", () => {
  const c = JSON.parse(JSON.stringify(customConfig(VAN_DER_POL, "vanilla")));
  c.systemDefinition.rhs.y = "mu*(1 - x^2)*y - z";
  assert.throws(() => parseConfig(c), /config\.systemDefinition: .*unknown symbol "z"/);
});

test("CLI --system-file trains a system from a JSON file; a broken file exits 2 with the field named", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysfile-"));
  const good = path.join(dir, "vdp.json");
  fs.writeFileSync(good, JSON.stringify(VAN_DER_POL));
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "homotopy-ode.js"), "train", "--system-file", good, "--method", "vanilla", "--epochs", "5", "--json"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.config.system, "custom");
  assert.equal(out.epochs, 5);
  const bad = path.join(dir, "bad.json");
  fs.writeFileSync(bad, JSON.stringify({ ...VAN_DER_POL, rhs: { x: "y" } }));
  const r2 = spawnSync(process.execPath, [path.join(ROOT, "bin", "homotopy-ode.js"), "train", "--system-file", bad, "--method", "vanilla"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /--system-file .*bad\.json: .*missing an equation for state "y"/);
  fs.rmSync(dir, { recursive: true, force: true });
});
