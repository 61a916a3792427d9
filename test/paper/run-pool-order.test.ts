/** runPool starts the costliest runs first, and their results do not depend on that order or on jobs. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig, paperGrid } from "../../lib/paper/experiments/paper";
import { withBudget } from "../../lib/paper/experiments/budget";
import { runPool } from "../../lib/paper/experiments/run-pool";
import { estimateRunCost, EVALUATION_OVERHEAD, METHOD_EVALUATIONS, networkMultiplyAdds } from "../../lib/paper/experiments/cost";
import { RunResult } from "../../lib/paper/experiments/runner";
import { runId } from "../../lib/paper/experiments/config";

test("estimateRunCost: epochs × method factor × (overhead + network multiply–adds)", () => {
  assert.equal(networkMultiplyAdds([3, 50, 50, 3]), 3 * 50 + 50 * 50 + 50 * 3);
  const lorenz = paperConfig("lorenz", "blackbox", "homotopy", { profile: "full" });
  assert.equal(estimateRunCost(lorenz), lorenz.epochs * METHOD_EVALUATIONS.homotopy * (EVALUATION_OVERHEAD + networkMultiplyAdds([3, 50, 50, 3])));
  // The full grid: every big-network run is estimated above every LV run.
  const grid = paperGrid({ profile: "full", data: "synthetic" });
  const lv = grid.filter((c) => c.system === "lotka-volterra").map(estimateRunCost);
  const big = grid.filter((c) => c.system !== "lotka-volterra").map(estimateRunCost);
  assert.ok(Math.min(...big) > Math.max(...lv));
});

test("runPool on 2 threads starts the runs costliest first; results equal those of 1 thread", async () => {
  const base = paperConfig("lotka-volterra", "blackbox", "vanilla", { profile: "quick" });
  const configs = [4, 12, 8].map((epochs, i) => ({ ...withBudget(base, { baselineEpochs: epochs }), seed: 10 + i }));
  const run = async (jobs: number) => {
    const started: string[] = [];
    const done = new Map<string, RunResult>();
    await runPool(configs, jobs, { onStart: (id) => started.push(id), onDone: (r) => done.set(r.id, r) });
    return { started, done };
  };
  const two = await run(2);
  assert.deepEqual(two.started, [configs[1], configs[2], configs[0]].map(runId));
  const one = await run(1);
  assert.deepEqual(one.started, configs.map(runId));
  for (const c of configs) {
    const a = one.done.get(runId(c)) as RunResult;
    const b = two.done.get(runId(c)) as RunResult;
    assert.equal(b.epochs, c.epochs);
    // Bit-identical apart from the timings.
    const strip = (r: RunResult) => ({ ...r, seconds: 0, history: { ...r.history, ms: [] } });
    assert.deepEqual(strip(b), strip(a));
  }
});
