/** One checkpoint format for train and fit; files from earlier versions load, or are refused in one line. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { CHECKPOINT_FORMAT, loadCheckpoint, saveCheckpoint } from "../../lib/paper/experiments/checkpoint";
import { runExperiment } from "../../lib/paper/experiments/runner";
import { ConfigError } from "../../lib/paper/experiments/config";
import { fitConfig } from "../../lib/paper/experiments/table-config";
import { encodeTrainState } from "../../lib/core/train/train-state";
import { TrainState } from "../../lib/core/train/loop";
import { tempDir } from "../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..");

function midState(): { config: ReturnType<typeof paperConfig>; state: TrainState } {
  const config = paperConfig("lotka-volterra", "blackbox", "vanilla", { profile: "quick" });
  let state: TrainState | null = null;
  runExperiment({ ...config, epochs: 4 }, { onState: (s, final) => void (final && (state = s)) });
  return { config, state: state! };
}

test("a train checkpoint written before formats were shared (checkpoint@1) loads as it was", () => {
  const dir = tempDir("ck-");
  const { config, state } = midState();
  const file = path.join(dir, "old.json");
  fs.writeFileSync(file, JSON.stringify({ format: "homotopy-ode/checkpoint@1", savedAt: "2026-01-01T00:00:00.000Z", config, state: encodeTrainState(state) }));
  const ck = loadCheckpoint(file);
  assert.deepEqual(ck.config, config);
  assert.equal(ck.state.epoch, state.epoch);
  assert.deepEqual(Array.from(ck.state.params), Array.from(state.params));
  assert.equal(ck.dataHash, undefined);
});

test("a fit's checkpoint is a run description of a table with the data's hash and output folder", () => {
  const dir = tempDir("ck-");
  const { config: table, measured } = fitConfig({ data: path.join(ROOT, "examples", "lotka-volterra.csv"), epochs: 12 });
  const { state } = midState();
  const file = path.join(dir, "fit.json");
  saveCheckpoint(file, table, state, { dataHash: measured.hash, out: "fits/x" });
  const raw = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.equal(raw.format, CHECKPOINT_FORMAT);
  const ck = loadCheckpoint(file);
  assert.deepEqual(ck.config, table);
  assert.equal(ck.config.data.kind, "table");
  assert.equal(ck.dataHash, measured.hash);
  assert.equal(ck.out, "fits/x");
});

test("a checkpoint in a format this version cannot resume gets one line saying so", () => {
  const dir = tempDir("ck-");
  const file = path.join(dir, "older.json");
  fs.writeFileSync(file, JSON.stringify({ format: "homotopy-ode/checkpoint@0", params: [] }));
  assert.throws(
    () => loadCheckpoint(file),
    (e: Error) => e instanceof ConfigError && /written in format "homotopy-ode\/checkpoint@0", which this version of homotopy-ode cannot resume/.test(e.message) && !e.message.includes("\n"),
  );
});
