/**
 * The backup-seed policy: unstable (diverged) runs of seeds 10, 20, 30 are replaced by the stable
 * runs of the first backup seeds 40, 50, …; the plain Table 5 cell is unchanged and the backup
 * column marks substituted best epochs with "*".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { RunResult } from "../../lib/paper/experiments/runner";
import { applyBackupPolicy, backupConfigsNeeded, isUnstable } from "../../lib/paper/experiments/backup-seeds";
import { table5 } from "../../lib/view/report/table5";

/** A run result with just the fields the policy and Table 5 read. */
function run(seed: number, status: "ok" | "diverged", interpMse: number, bestEpoch: number, method: "homotopy" | "vanilla" = "homotopy"): RunResult {
  const config = paperConfig("lotka-volterra", "graybox", method, { profile: "full", seed });
  return {
    id: `lv-gray-${method}-${seed}`,
    config,
    status,
    interpMse,
    extrapMse: 2 * interpMse,
    extrapMseClean: interpMse,
    bestEpoch,
    epochs: 600,
    seconds: 1,
    totalNfe: 0,
    dataSource: "test",
    modelDescription: "test",
    history: { loss: [], mse: [], lambda: [], nfe: [], ms: [] } as unknown as RunResult["history"],
    prediction: null,
    bestTheta: [],
  };
}

test("the rule: a run is unstable exactly when it diverged (a late best epoch alone is not instability)", () => {
  assert.equal(isUnstable(run(10, "diverged", 0.01, 100)), true);
  assert.equal(isUnstable(run(10, "ok", 0.01, 599)), false);
});

test("backups needed: one per unstable primary run, in seed order, skipping seeds already tried, capped per cell", () => {
  const primary = [run(10, "ok", 0.007, 291), run(20, "diverged", 0.5, 120), run(30, "diverged", 0.9, 80)];
  assert.deepEqual(backupConfigsNeeded(primary, []).map((c) => c.seed), [40, 50]);
  // Seed 40 diverged as well: the next round asks for 60 (50 still pending counts as tried only once run).
  const afterRound1 = [run(40, "diverged", 1, 3), run(50, "ok", 0.008, 265)];
  assert.deepEqual(backupConfigsNeeded(primary, afterRound1).map((c) => c.seed), [60]);
  assert.deepEqual(backupConfigsNeeded(primary, afterRound1, 2).map((c) => c.seed), [], "only 2 backups allowed");
  assert.deepEqual(backupConfigsNeeded(primary.slice(0, 1), []), [], "a stable cell needs none");
  const needed = backupConfigsNeeded(primary, [])[0];
  assert.deepEqual({ ...needed, seed: 10 }, primary[0].config, "a backup differs from its cell's runs only by its seed");
  assert.throws(() => backupConfigsNeeded(primary, [], -1), /backups: expected a whole number from 0 to 6, got -1/);
});

test("substitution and the two Table 5 columns: plain cells unchanged, backup cells with * on replaced seeds", () => {
  const primary = [run(10, "ok", 0.007, 291), run(20, "ok", 0.0072, 265), run(30, "diverged", 0.03, 599)];
  const backups = [run(40, "diverged", 1, 3), run(50, "ok", 0.0071, 216)];
  const { runs, substitutions } = applyBackupPolicy(primary, backups);
  assert.deepEqual(runs.map((r) => r.config.seed), [10, 20, 50]);
  assert.deepEqual([...substitutions.values()][0], [{ original: 30, backup: 50 }]);
  const [cell] = table5(primary, backups);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs((cell.interp?.mean as number) - mean([0.007, 0.0072, 0.03])) < 1e-15, "plain cell uses seeds 10, 20, 30");
  assert.ok(Math.abs((cell.backup.interp?.mean as number) - mean([0.007, 0.0072, 0.0071])) < 1e-15, "backup cell uses seed 50 for 30");
  assert.deepEqual(cell.bestEpochs, [291, 265, 599]);
  assert.deepEqual(cell.backup.bestEpochs, [291, 265, "216*"]);
  // Without backups both columns agree.
  const [same] = table5(primary);
  assert.deepEqual(same.backup.interp, same.interp);
  assert.deepEqual(same.backup.substitutions, []);
});
