/** loadRuns: the run files of a reproduce folder, one profile at a time. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { parseConfig } from "../../lib/paper/experiments/config";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { writeJsonAtomic } from "../../lib/core/io/atomic";
import { runFile } from "../../lib/apps/reproduce/reproduce";
import { loadRuns } from "../../lib/view/report/load-runs";

test("keeps runs of the requested profile, counts other profiles, names unreadable files, skips temporaries", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "load-runs-"));
  try {
    assert.deepEqual(loadRuns(dir, { profile: "quick" }), { runsDir: path.join(dir, "runs"), runs: [], otherProfiles: 0, unreadable: [] });
    const small = (method: "vanilla" | "multishoot", profile: "quick" | "full", seed: number) =>
      runExperiment(parseConfig({ ...paperConfig("lotka-volterra", "blackbox", method, { profile, seed }), epochs: 3 }));
    const quickB = small("vanilla", "quick", 20);
    const quickA = small("multishoot", "quick", 10);
    const fullRun = small("vanilla", "full", 30);
    for (const r of [quickB, quickA, fullRun]) writeJsonAtomic(runFile(dir, r.id), r);
    fs.writeFileSync(path.join(dir, "runs", "broken.json"), '{"id": "x", "config": {');
    fs.writeFileSync(path.join(dir, "runs", "other.json"), JSON.stringify({ hello: 1 }));
    fs.writeFileSync(path.join(dir, "runs", `.${quickA.id}.json.tmp-1-2`), "{");
    fs.writeFileSync(path.join(dir, "runs", "notes.txt"), "not a run");
    const quick = loadRuns(dir, { profile: "quick" });
    // Sorted by id: multishoot before vanilla.
    assert.deepEqual(quick.runs.map((r) => r.id), [quickA.id, quickB.id]);
    assert.deepEqual(quick.runs[1].history.mse, quickB.history.mse);
    assert.equal(quick.otherProfiles, 1);
    assert.deepEqual(quick.unreadable, ["broken.json", "other.json"]);
    const full = loadRuns(dir, { profile: "full" });
    assert.deepEqual(full.runs.map((r) => r.id), [fullRun.id]);
    assert.equal(full.otherProfiles, 2);
    assert.equal(loadRuns(dir).runs.length, 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
