/** The worker pool: task-order results, its failure rule (throwing task, dying worker), progress. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runTasks, startOrder, TaskResult } from "../../lib/paper/experiments/pool";
import { Probe, probeTask } from "../helpers/pool-probe";

const tasks: Probe[] = [
  { kind: "square", x: 3, spinMs: 150 },
  { kind: "throw", message: "boom at task 1" },
  { kind: "square", x: -1.5 },
  { kind: "square", x: 7 },
];
const expected: TaskResult<number>[] = [
  { ok: true, value: 9 },
  { ok: false, error: "boom at task 1" },
  { ok: true, value: 2.25 },
  { ok: true, value: 49 },
];

test("results come back in task order, the same in this thread and on workers; a throwing task fails alone", async () => {
  for (const jobs of [1, 2, 3]) {
    const started: number[] = [];
    const reported = new Map<number, TaskResult<number>>();
    const results = await runTasks(probeTask, tasks, jobs, { onStart: (i) => started.push(i), onResult: (i, r) => reported.set(i, r) });
    assert.deepEqual(results, expected, `jobs ${jobs}`);
    assert.deepEqual([...started].sort(), [0, 1, 2, 3]);
    assert.deepEqual([...reported.keys()].sort(), [0, 1, 2, 3]);
    for (const [i, r] of reported) assert.deepEqual(r, expected[i]);
  }
  await assert.rejects(runTasks(probeTask, tasks, 0), /jobs: expected a whole number ≥ 1, got 0/);
});

test("a worker that dies is replaced and only its task fails", async () => {
  const withExit: Probe[] = [{ kind: "exit", code: 3 }, { kind: "square", x: 2 }, { kind: "square", x: 4 }, { kind: "exit", code: 5 }, { kind: "square", x: 5 }];
  const results = await runTasks(probeTask, withExit, 2);
  assert.deepEqual(results, [
    { ok: false, error: "the worker thread died: exit code 3" },
    { ok: true, value: 4 },
    { ok: true, value: 16 },
    { ok: false, error: "the worker thread died: exit code 5" },
    { ok: true, value: 25 },
  ]);
});

test("progress reaches the callback throttled to one report per 250 ms per task, here and on workers", async () => {
  for (const jobs of [1, 2]) {
    const seen: [number, number][] = [];
    await runTasks(probeTask, [{ kind: "square", x: 1 }, { kind: "square", x: 2, spinMs: 600 }], jobs, { onProgress: (i, n) => seen.push([i, n]) });
    // 600 ms of reports at > 250 ms spacing: the first one, then one or two more.
    assert.ok(seen.length >= 2 && seen.length <= 3, `jobs ${jobs}: ${JSON.stringify(seen)}`);
    assert.ok(seen.every(([i]) => i === 1));
    assert.equal(seen[0][1], 1);
    assert.ok(seen.every(([, n], k) => k === 0 || n > seen[k - 1][1]));
  }
});

test("with costs, workers start the costliest tasks first (ties in task order); results stay in task order", async () => {
  const squares: Probe[] = [1, 2, 3, 4, 5].map((x) => ({ kind: "square", x }));
  const costs = [1, 5, 3, 5, 0];
  assert.deepEqual(startOrder(5, costs), [1, 3, 2, 0, 4]);
  assert.deepEqual(startOrder(3), [0, 1, 2]);
  for (const jobs of [2, 3]) {
    const started: number[] = [];
    const results = await runTasks(probeTask, squares, jobs, { costs, onStart: (i) => started.push(i) });
    assert.deepEqual(started, [1, 3, 2, 0, 4], `jobs ${jobs}`);
    assert.deepEqual(results, [1, 4, 9, 16, 25].map((value) => ({ ok: true, value })));
  }
  // In this thread the order cannot shorten anything, so it stays the task order.
  const serial: number[] = [];
  await runTasks(probeTask, squares, 1, { costs, onStart: (i) => serial.push(i) });
  assert.deepEqual(serial, [0, 1, 2, 3, 4]);
  await assert.rejects(runTasks(probeTask, squares, 2, { costs: [1, 2] }), /costs: expected one estimate per task \(5\), got 2/);
  await assert.rejects(runTasks(probeTask, squares, 2, { costs: [1, 2, NaN, 0, 0] }), /costs\[2\]: expected a finite number ≥ 0, got NaN/);
});
