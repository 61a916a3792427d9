/** `export --to tfjs`: the exported LayersModel, loaded back with tfjs, predicts our fitted model's du/dt; bad input exits 2. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Tfjs from "@tensorflow/tfjs";
import { main } from "../../lib/apps/cli/main";
import { prepareFit, runFit, FitOptions } from "../../lib/paper/fit/fit";
import { writeFitFiles } from "../../lib/paper/fit/fit-files";
import { loadFittedModel } from "../../lib/paper/fit/fitted-model";
import { loadTfjs } from "../../lib/core/tfjs/vector-field";
import { Rng } from "../../lib/core/random/rng";
import { relError } from "../helpers/helpers";
import { tempDir } from "../helpers/temp";

let tf: typeof Tfjs | null = null;
try {
  tf = loadTfjs();
} catch {
  tf = null;
}
const skip = tf ? false : "@tensorflow/tfjs is not installed (optional peer dependency): npm install @tensorflow/tfjs@4.22.0";
const tmp = tempDir("export-tfjs-");
const example = path.join(__dirname, "..", "..", "examples");

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    return { code: await main(args), out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** A short fit written to its own folder; returns model.json's path. */
function quickFit(name: string, options: Partial<FitOptions>): string {
  const result = runFit(prepareFit({ data: path.join(example, "lotka-volterra.csv"), epochs: 12, solver: "rk4", ...options }));
  return writeFitFiles(result, path.join(tmp, name));
}

/** tf.loadLayersModel from disk without tfjs-node: an IOHandler that reads model.json and its weight files. */
function diskHandler(tfjs: typeof Tfjs, modelJson: string): Tfjs.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(modelJson, "utf8"));
      const weightSpecs = json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
      const bytes = Buffer.concat(json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths.map((p) => fs.readFileSync(path.join(path.dirname(modelJson), p)))));
      const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      assert.equal(tfjs.io.getModelArtifactsInfoForJSON({ modelTopology: json.modelTopology }).modelTopologyType, "JSON");
      return { modelTopology: json.modelTopology, weightSpecs, weightData };
    },
  };
}

for (const [name, options] of [
  ["gelu, normalised", { activation: "gelu" }],
  ["tanh, two hidden layers, not normalised", { activation: "tanh", widths: [12, 12], normalise: false }],
] as [string, Partial<FitOptions>][]) {
  test(`export --to tfjs (${name}): the loaded LayersModel predicts our du/dt in data units to 1e-6`, { skip }, async () => {
    const tfjs = tf as typeof Tfjs;
    const modelPath = quickFit(name.replace(/\W+/g, "-"), options);
    const out = path.join(tmp, `${name.replace(/\W+/g, "-")}-tfjs`);
    const r = await run(["export", "--model", modelPath, "--to", "tfjs", "--out", out]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(fs.readdirSync(out).sort(), ["model.json", "weights.bin"]);
    const loaded = await tfjs.loadLayersModel(diskHandler(tfjs, path.join(out, "model.json")));
    const fitted = loadFittedModel(modelPath);
    // States spread over (and a little beyond) the data's range, in data units.
    const rng = new Rng(5);
    const states: number[][] = [];
    for (let i = 0; i < 40; i++) states.push([rng.uniformRange(0, 6), rng.uniformRange(0, 5)]);
    const theirs = (loaded.predict(tfjs.tensor2d(states)) as Tfjs.Tensor).dataSync();
    const ours = states.flatMap((u) => Array.from(fitted.derivative(0, u)));
    assert.ok(relError(theirs, ours) < 1e-6, `rel error ${relError(theirs, ours)}`);
    // Not trivially equal: the derivatives vary over the states.
    assert.ok(Math.abs(ours[0] - ours[2]) > 1e-3);
    loaded.dispose();
  });
}

test("export: a gray-box fit, a wrong --to and a missing --out exit 2 with one line, writing nothing", { skip }, async () => {
  // One tiny step: only the file's kind matters here, not the fit.
  const gray = quickFit("gray", { model: path.join(example, "lotka-volterra-ude.json"), method: "vanilla", epochs: 1, lr: 1e-4, solver: "dopri5" });
  const black = path.join(tmp, "gelu-normalised", "model.json");
  const out = path.join(tmp, "not-written");
  for (const [args, field] of [
    [["--model", gray, "--to", "tfjs", "--out", out], "only black-box fits export"],
    [["--model", black, "--to", "onnx", "--out", out], "--to: expected one of tfjs"],
    [["--model", black, "--to", "tfjs"], "--out is required"],
    [["--model", path.join(tmp, "nope.json"), "--to", "tfjs", "--out", out], "--model"],
  ] as [string[], string][]) {
    const r = await run(["export", ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.ok(r.err.includes(field), r.err);
    assert.equal(r.err.trim().split("\n").length, 1, r.err);
    assert.equal(fs.existsSync(out), false);
  }
});
