import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadRealPendulum, parsePendulumText, pendulumDataset, syntheticPendulum, resolvePendulumPath } from "../../lib/paper/systems/real-pendulum";

const file = resolvePendulumPath(undefined, { HOMOTOPY_DATA_DIR: process.env.HOMOTOPY_DATA_DIR ?? path.resolve(__dirname, "..", "..", "..", "shared", "data") });

test("the real recording: trajectory 0, 100 + 100 samples, time from 0, the paper's reference values", { skip: !file || !fs.existsSync(file) ? "data file not present" : false }, () => {
  const ds = loadRealPendulum(file as string);
  assert.equal(ds.train.t.length, 100);
  assert.equal(ds.extrap.t.length, 100);
  assert.equal(ds.train.t[0], 0);
  // paper_tables.json: t[99] = 1.0600004196166992, t[100] = 1.0699996948242188, t[199] = 2.140000343322754.
  assert.ok(Math.abs(ds.train.t[99] - 1.0600004196166992) < 1e-12);
  assert.ok(Math.abs(ds.extrap.t[0] - 1.0699996948242188) < 1e-12);
  assert.ok(Math.abs(ds.extrap.t[99] - 2.140000343322754) < 1e-12);
  assert.deepEqual(Array.from(ds.u0).map((v) => Math.round(v * 1e8) / 1e8), [-1.13361502, -1.30080473, -0.53853881, -6.15505838]);
  const means = [0, 1, 2, 3].map((j) => ds.train.u.filter((_, i) => i % 4 === j).reduce((a, b) => a + b, 0) / 100);
  [0.06646, -0.14848, 0.33562, -0.10096].forEach((m, j) => assert.ok(Math.abs(means[j] - m) < 1e-5, `mean ${j}: ${means[j]}`));
  // Non-uniform sampling inside the training window (gaps of 0.03 s and 0.06 s).
  const gaps = Array.from(ds.train.t.slice(1), (t, i) => t - ds.train.t[i]);
  assert.ok(gaps.some((g) => Math.abs(g - 0.03) < 1e-3) && gaps.some((g) => Math.abs(g - 0.06) < 1e-3));
});

test("the loader's errors name the line and the problem", () => {
  assert.throws(() => parsePendulumText("% h\n0 0 1 2 3\n"), /line 2: expected at least 6 space-separated columns/);
  assert.throws(() => parsePendulumText("% h\n0 0 1 2 3 4 5\n0 0.1 1 2 3 4\n"), /line 3: expected 7 columns like the first data line, got 6/);
  assert.throws(() => parsePendulumText("% h\n0 0 1 nan 3 4\n"), /line 2, column 4: expected a finite number, got "nan"/);
  const times = [0, 0.1, 0.2, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8];
  const rows = parsePendulumText(times.map((t) => `0 ${t} 1 2 3 4`).join("\n"));
  assert.throws(() => pendulumDataset(rows, 4), /times must be strictly increasing, but sample 3 \(t = 0.2\) follows t = 0.2/);
  assert.throws(() => pendulumDataset(rows, 5), /has 9 samples; 5 train \+ 5 extrapolation need 10/);
  assert.throws(() => pendulumDataset(rows, 2), /trainPoints must be at least 4, got 2/);
  assert.throws(() => loadRealPendulum("/nonexistent/real_double_pend_h_1.txt"), /file not found[\s\S]*HOMOTOPY_DATA_DIR/);
});

test("the synthetic pendulum is sampled like the recording and starts from its first state", () => {
  const ds = syntheticPendulum();
  assert.equal(ds.train.t.length, 100);
  assert.ok(Math.abs(ds.extrap.t[0] - 1.0) < 1e-12);
  assert.deepEqual(Array.from(ds.train.u.slice(0, 4)), Array.from(ds.u0));
});
