/** `fit` and `predict` from the command line: bad input (exit 2, one line, nothing written) and a small end-to-end fit. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/apps/cli/main";
import { loadFittedModel } from "../../lib/paper/fit/fitted-model";
import { prepareFit, runFit } from "../../lib/paper/fit/fit";
import { encodeTrainState } from "../../lib/core/train/train-state";
import { TrainState } from "../../lib/core/train/loop";
import { tempDir } from "../helpers/temp";

const tmp = tempDir("fit-cli-");
const file = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};

/** Run the CLI in-process, capturing what it prints. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  const write = process.stderr.write;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, out: out.join("\n"), err: err.join("") };
  } finally {
    console.log = log;
    console.error = error;
    process.stderr.write = write;
  }
}

/** Lotka–Volterra-like rows (cheap closed form is not needed: any smooth curves will do for input checks). */
function lvCsv(n: number, opts: { id?: string; t0?: number } = {}): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const t = (opts.t0 ?? 0) + i * 0.1;
    return [...(opts.id !== undefined ? [opts.id] : []), t.toFixed(2), (1 + 0.5 * Math.sin(t)).toFixed(4), (1 + 0.5 * Math.cos(t)).toFixed(4)].join(",");
  });
  return rows.join("\n") + "\n";
}
const good = file("good.csv", "t,x,y\n" + lvCsv(30));

const model = (name: string, def: object) => file(name, JSON.stringify(def));
const ude = { state: ["x", "y"], params: { a: 1 }, rhs: { x: "a*x - nn1(x, y)", y: "nn2(x, y) - y" }, networks: { nn1: { inputs: ["x", "y"], widths: [4] }, nn2: { inputs: ["x", "y"], widths: [4] } } };

const badCases: [string, () => string[], RegExp][] = [
  ["missing file", () => [path.join(tmp, "nope.csv")], /nope\.csv: file not found/],
  ["empty file", () => [file("empty.csv", "")], /empty\.csv: the file is empty/],
  ["header only", () => [file("header.csv", "t,x,y\n")], /has no rows|the file is empty/],
  ["one row", () => [file("one.csv", "t,x,y\n0,1,2\n")], /the table has 1 row; a fit needs at least 4/],
  ["unknown column", () => [good, "--states", "x,z"], /--states "z" is not a column; the columns are t, x, y/],
  ["unknown time column", () => [good, "--time", "time"], /--time "time" is not a column; the columns are t, x, y/],
  ["non-numeric column", () => [file("text.csv", "t,x,name\n" + [0, 1, 2, 3, 4].map((i) => `${i},${i},n${i}`).join("\n")), "--states", "x,name"], /column "name" is not numeric: row 1 holds "n0" \(numeric columns: t, x\)/],
  ["text in a numeric column", () => [file("text2.csv", "t,x,y\n0,1,2\n1,2,3\n2,oops,4\n3,4,5\n4,5,6\n")], /column "x" is not numeric: row 3 holds "oops"/],
  ["time not increasing", () => [file("order.csv", "t,x,y\n0,1,2\n0.2,1,2\n0.1,1,2\n0.3,1,2\n0.4,1,2\n")], /time "t" is not increasing in the data: row 3 \(t = 0.1\) follows row 2 \(t = 0.2\)/],
  ["duplicate times", () => [file("dup.csv", "t,x,y\n0,1,2\n0.1,1,2\n0.1,1,3\n0.3,1,2\n0.4,1,2\n")], /duplicate time 0.1 in the data \(rows 2 and 3\)/],
  ["missing value", () => [file("gap.csv", "t,x,y\n0,1,2\n0.1,,2\n0.2,1,2\n0.3,1,2\n0.4,1,2\n")], /row 2 has no value in column "x"; fill it or pass --drop-missing/],
  ["trajectory with 3 points", () => [file("traj.csv", "id,t,x,y\n" + lvCsv(10, { id: "a" }) + lvCsv(3, { id: "b" })), "--time", "t", "--trajectory", "id"], /trajectory "b" has 3 rows; a fit needs at least 4 per trajectory/],
  ["train window with 2 points", () => [good, "--train-until", "0.15"], /training window of the data holds 2 points .* needs at least 3/],
  ["unknown symbol in a model file", () => [good, "--model", model("sym.json", { ...ude, rhs: { x: "b*x - nn1(x, y)", y: "nn2(x, y) - y" } })], /rhs\.x: unknown symbol "b" .*known: states x, y; params a; networks nn1, nn2/],
  ["unknown network in a model file", () => [good, "--model", model("net.json", { ...ude, rhs: { x: "a*x - nn1(x, y)", y: "nn3(x, y) + nn2(x, y) - y" } })], /rhs\.y: unknown network or function "nn3"/],
  ["network input that is not a state", () => [good, "--model", model("input.json", { ...ude, networks: { ...ude.networks, nn2: { inputs: ["x", "w"] } } })], /network "nn2" input "w" is not a state; the states are x, y/],
  ["missing model file", () => [good, "--model", path.join(tmp, "nomodel.json")], /nomodel\.json: file not found/],
  ["bad flag value", () => [good, "--train-fraction", "1.5"], /--train-fraction: expected a number in \(0, 1\], got 1.5/],
];

for (const [name, args, msg] of badCases) {
  test(`fit refuses ${name}: exit 2, one line, nothing written`, async () => {
    const out = path.join(tmp, `out-${name.replace(/\W+/g, "-")}`);
    const r = await run(["fit", ...args(), "--out", out, "--epochs", "6"]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, msg);
    assert.equal(r.err.trim().split("\n").length, 1, `one line: ${r.err}`);
    assert.ok(!fs.existsSync(out), "nothing written");
  });
}

test("--drop-missing drops the incomplete rows instead", async () => {
  const out = path.join(tmp, "dropped");
  const r = await run(["fit", file("gap2.csv", "t,x,y\n" + lvCsv(12).replace(/^0\.30,[^\n]*/m, "0.30,,1")), "--drop-missing", "--method", "vanilla", "--epochs", "3", "--no-figures", "--out", out, "--json"]);
  assert.equal(r.code, 0, r.err);
  const m = loadFittedModel(path.join(out, "model.json"));
  assert.equal(m.file.data.trajectories[0].points, 11);
});

test("fit writes model.json, fit.csv and report.md, refuses to overwrite, and predict continues the data", async () => {
  const out = path.join(tmp, "fit-ok");
  const data = file("two.csv", "run,t,x,y\n" + lvCsv(20, { id: "1" }) + lvCsv(15, { id: "2", t0: 3 }));
  const r = await run(["fit", data, "--trajectory", "run", "--time", "t", "--epochs", "12", "--steps", "3", "--widths", "8", "--no-figures", "--out", out, "--json"]);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  for (const key of ["interpMse", "extrapMse", "interpNmse", "extrapNmse", "bestEpoch", "epochs", "seconds", "status", "k", "trajectories", "model"]) assert.ok(key in s, key);
  assert.equal(s.trajectories, 2);
  assert.equal(s.epochs, 12);
  assert.ok(s.k > 0 && Number.isFinite(s.interpMse));
  const csv = fs.readFileSync(path.join(out, "fit.csv"), "utf8").trim().split("\n");
  assert.equal(csv[0], "t,trajectory,window,x,x_fit,y,y_fit");
  assert.equal(csv.length, 1 + 35);
  assert.equal(csv.filter((l) => l.includes(",extrapolation,")).length, 6 + 5);
  assert.ok(fs.existsSync(path.join(out, "report.md")));

  const again = await run(["fit", data, "--trajectory", "run", "--time", "t", "--out", out]);
  assert.equal(again.code, 2);
  assert.match(again.err, /already holds a fit/);

  // The fitted model reproduces fit.csv's predictions.
  const m = loadFittedModel(path.join(out, "model.json"));
  const tr = m.file.data.trajectories[1];
  const rows = csv.slice(1).filter((l) => l.split(",")[1] === "2").map((l) => l.split(",").map(Number));
  const sim = m.simulate(tr.u0, rows.map((row) => row[0]));
  rows.forEach((row, i) => assert.ok(Math.abs(sim[i * 2] - row[4]) < 1e-12 && Math.abs(sim[i * 2 + 1] - row[6]) < 1e-12));

  const pred = path.join(tmp, "pred.csv");
  const p = await run(["predict", "--model", path.join(out, "model.json"), "--dt", "0.1", "--out", pred]);
  assert.equal(p.code, 0, p.err);
  const lines = fs.readFileSync(pred, "utf8").trim().split("\n");
  assert.equal(lines[0], "t,x,y");
  const last = lines[lines.length - 1].split(",").map(Number);
  assert.ok(Math.abs(last[0] - (3 + 2 * 1.4)) < 1e-9, `ends at twice the span: ${last[0]}`);
  const bad = await run(["predict", "--model", path.join(out, "model.json"), "--u0", "1,2,3"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--u0: expected 2 numbers \(x, y\), got 3/);
});

test("fit --resume continues a checkpoint exactly where it stopped (same best θ as an uninterrupted run)", async () => {
  const stored = { data: good, columns: {}, epochs: 12, steps: 3, widths: [8] };
  const whole = runFit(prepareFit(stored));
  let mid: TrainState | null = null;
  const prep = prepareFit(stored);
  runFit(prep, { checkpointEvery: 6, onState: (s: TrainState, final: boolean) => void (!final && (mid = s)) });
  assert.ok(mid, "a checkpoint at epoch 6");
  const ck = path.join(tmp, "ck.json");
  const out = path.join(tmp, "resumed");
  // A checkpoint in the format fit wrote before fit and train shared one (still loads).
  fs.writeFileSync(ck, JSON.stringify({ format: "homotopy-ode/fit-checkpoint@1", savedAt: new Date().toISOString(), options: stored, dataHash: prep.data.hash, out, state: encodeTrainState(mid!) }));
  const r = await run(["fit", "--resume", ck, "--no-figures", "--json"]);
  assert.equal(r.code, 0, r.err);
  const m = loadFittedModel(path.join(out, "model.json"));
  assert.deepEqual(Array.from(m.theta), Array.from(whole.theta));
  assert.equal(m.file.metrics.bestEpoch, whole.metrics.bestEpoch);
  const clash = await run(["fit", good, "--resume", ck]);
  assert.equal(clash.code, 2);
  assert.match(clash.err, /--resume takes the data and settings from the checkpoint/);
});

test("a semicolon-separated table with decimal commas is detected, said so, and fits as its comma version does", async () => {
  const text = "t,x,y\n" + lvCsv(30);
  const eu = text.split("\n").map((line, i) => (i === 0 ? line.replace(/,/g, ";") : line.split(",").map((f) => f.replace(".", ",")).join(";"))).join("\n");
  const a = await run(["fit", file("eu.csv", eu), "--epochs", "12", "--steps", "3", "--widths", "8", "--no-figures", "--out", path.join(tmp, "eu"), "--json"]);
  const b = await run(["fit", file("us.csv", text), "--epochs", "12", "--steps", "3", "--widths", "8", "--no-figures", "--out", path.join(tmp, "us"), "--json"]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  assert.match(a.err, /read .*eu\.csv as semicolon-separated \(detected\), decimal commas \(detected\); --separator and --decimal-comma override/);
  assert.doesNotMatch(b.err, /\(detected\)/);
  const [sa, sb] = [JSON.parse(a.out), JSON.parse(b.out)];
  for (const key of ["interpMse", "extrapMse", "bestEpoch", "k"]) assert.equal(sa[key], sb[key], key);
  const tab = await run(["fit", file("tab.csv", text.replace(/,/g, "\t")), "--epochs", "3", "--method", "vanilla", "--no-figures", "--out", path.join(tmp, "tab"), "--json"]);
  assert.equal(tab.code, 0, tab.err);
  assert.match(tab.err, /as tab-separated \(detected\)/);
});

test("a wrong --separator names the fix; a separator that is not one character is refused", async () => {
  const eu = file("eu2.csv", "t;x;y\n" + lvCsv(10).replace(/,/g, ";"));
  const wrong = await run(["fit", eu, "--separator", ",", "--out", path.join(tmp, "eu2")]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.err, /no numeric state columns besides time "t;x;y"; the columns are t;x;y; the header looks ";"-separated: pass --separator ";"$/m);
  const bad = await run(["fit", eu, "--separator", "ab", "--out", path.join(tmp, "eu3")]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--separator: expected one character that cannot be part of a number, e.g. ";" or "\\t", got "ab"/);
  assert.equal(bad.err.trim().split("\n").length, 1);
});

test("a diverged fit exits 3 with its advice, and predict refuses its model.json unless --force", async () => {
  const out = path.join(tmp, "diverged");
  const r = await run(["fit", path.join(__dirname, "..", "..", "examples", "lotka-volterra.csv"), "--lr", "50", "--epochs", "30", "--no-figures", "--out", out, "--json"]);
  assert.equal(r.code, 3, r.err);
  const s = JSON.parse(r.out);
  assert.equal(s.status, "diverged");
  assert.match(s.advice, /lower --lr/);
  assert.match(r.err, /fit: diverged: training diverged: lower --lr/);
  const p = await run(["predict", "--model", path.join(out, "model.json")]);
  assert.equal(p.code, 2);
  assert.match(p.err, /this fit diverged .*; pass --force to simulate it anyway/);
  const forced = await run(["predict", "--model", path.join(out, "model.json"), "--force", "--t-end", "0.5"]);
  assert.equal(forced.code, 0, forced.err);
});

test("fit --json of a gray-box model lists its learned physical parameters as model.json has them; fixed ones are left out", async () => {
  const out = path.join(tmp, "params");
  const fixed = { ...ude, params: { a: 1, b: { value: 2, fixed: true } }, rhs: { x: "a*x - nn1(x, y)", y: "nn2(x, y) - b*y" } };
  const r = await run(["fit", good, "--model", model("params.json", fixed), "--epochs", "6", "--steps", "3", "--no-figures", "--out", out, "--json"]);
  assert.notEqual(r.code, 2, r.err);
  const s = JSON.parse(r.out);
  assert.deepEqual(Object.keys(s.params), ["a"]);
  const file = JSON.parse(fs.readFileSync(path.join(out, "model.json"), "utf8"));
  assert.equal(s.params.a, file.physicalParameters.a.value);
  assert.equal(file.physicalParameters.b.value, 2);
  const black = await run(["fit", good, "--epochs", "3", "--method", "vanilla", "--no-figures", "--out", path.join(tmp, "noparams"), "--json"]);
  assert.equal("params" in JSON.parse(black.out), false);
});
