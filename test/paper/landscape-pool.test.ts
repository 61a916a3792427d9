/** Landscape rows on the worker pool give the serial landscape's numbers, bit for bit. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analysisProblem } from "../../lib/paper/analysis/problem";
import { hessianLandscape } from "../../lib/paper/analysis/figure2";
import { hessianLandscapeOnPool } from "../../lib/paper/analysis/landscape-pool";

test("hessianLandscapeOnPool with 1 and 2 workers equals the serial hessianLandscape (coupled LV loss, 3 × 4 grid)", async () => {
  const spec = { system: "lotka-volterra" as const, model: "blackbox" as const, seed: 10, tEnd: 3.1, k: 0.4 };
  const options = { iters: 20, a: Float64Array.of(-0.3, 0, 0.3), b: Float64Array.of(-0.2, -0.05, 0.1, 0.25) };
  const serial = hessianLandscape(analysisProblem(spec), options);
  for (const jobs of [1, 2]) {
    const rows: number[] = [];
    const pooled = await hessianLandscapeOnPool(spec, jobs, { ...options, onRow: (done) => rows.push(done) });
    assert.deepEqual(Array.from(pooled.grid.loss), Array.from(serial.grid.loss), `jobs ${jobs}`);
    assert.deepEqual(pooled.eigenvalues, serial.eigenvalues);
    assert.equal(pooled.grid.center, serial.grid.center);
    assert.equal(pooled.grid.failures, serial.grid.failures);
    assert.deepEqual(rows, [1, 2, 3]);
  }
  assert.ok(serial.grid.loss.every((v) => v > 0 && Number.isFinite(v)));
  assert.ok(new Set(serial.grid.loss).size === serial.grid.loss.length, "every grid point has its own loss");
});
