/** Bad input across data files, configs, shapes and CLI flags: each gets a clear message naming the problem. */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { parseConfig, ExperimentConfig } from "../../lib/paper/experiments/config";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { loadRealPendulum } from "../../lib/paper/systems/real-pendulum";
import { loadCheckpoint } from "../../lib/paper/experiments/checkpoint";
import { solve } from "../../lib/core/ode/solve";
import { BlackBoxModel } from "../../lib/core/models/blackbox";
import { Rng } from "../../lib/core/random/rng";

const ROOT = path.resolve(__dirname, "..", "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "validation-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};
const rows = (times: number[], cols = 10) => "% o1 o2 w1 w2\n" + times.map((t) => ["0", String(t), ...Array(cols - 2).fill("0.5")].join(" ")).join("\n") + "\n";
const even = (n: number) => Array.from({ length: n }, (_, i) => i * 0.01);

// ---- data files -------------------------------------------------------------------------------
const fileCases: [string, () => unknown, RegExp][] = [
  ["missing file", () => loadRealPendulum(path.join(tmp, "nope.txt")), /file not found: .*nope\.txt[\s\S]*HOMOTOPY_DATA_DIR/],
  ["unreadable (a directory)", () => loadRealPendulum(tmp), /cannot read/],
  ["too few columns", () => loadRealPendulum(file("cols.txt", "% h\n0 0 1 2 3\n")), /line 2: expected at least 6 space-separated columns .* got 5/],
  ["ragged column count", () => loadRealPendulum(file("ragged.txt", rows(even(8)) + "0 0.5 1 2 3 4\n")), /line 10: expected 10 columns like the first data line, got 6/],
  ["NaN value", () => loadRealPendulum(file("nan.txt", "% h\n0 0 1 NaN 3 4 5 6 7 8\n")), /line 2, column 4: expected a finite number, got "NaN"/],
  ["infinite value", () => loadRealPendulum(file("inf.txt", "% h\n0 0 1 2 Infinity 4 5 6 7 8\n")), /column 5: expected a finite number, got "Infinity"/],
  ["times not strictly increasing", () => loadRealPendulum(file("order.txt", rows([0, 0.01, 0.02, 0.02, 0.04, 0.05, 0.06, 0.07])), 4), /times must be strictly increasing, but sample 3/],
  ["fewer than 4 points", () => loadRealPendulum(file("short.txt", rows(even(6))), 3), /trainPoints must be at least 4, got 3/],
  ["too short for train + extrapolation", () => loadRealPendulum(file("short2.txt", rows(even(150)))), /has 150 samples; 100 train \+ 100 extrapolation need 200/],
  ["no data rows", () => loadRealPendulum(file("empty.txt", "% only a header\n")), /no data rows found/],
];
for (const [name, fn, msg] of fileCases) test(`data file: ${name}`, () => assert.throws(fn, msg));

// ---- configs ----------------------------------------------------------------------------------
const lvHomotopy = () => JSON.parse(JSON.stringify(paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "full" }))) as ExperimentConfig & Record<string, unknown>;
const lvMs = () => JSON.parse(JSON.stringify(paperConfig("lotka-volterra", "blackbox", "multishoot", { profile: "quick" }))) as ExperimentConfig;
const configCases: [string, () => unknown, RegExp][] = [
  ["unknown key", () => ({ ...lvHomotopy(), learningRate: 0.1 }), /config: Unrecognized key\(s\) in object: 'learningRate'/],
  ["zero lr", () => ({ ...lvHomotopy(), lr: 0 }), /config\.lr: lr must be > 0/],
  ["negative lr", () => ({ ...lvHomotopy(), lr: -0.05 }), /config\.lr: lr must be > 0/],
  ["negative k", () => { const c = lvHomotopy(); (c.homotopy as { k: number }).k = -1; return c; }, /config\.homotopy\.k: coupling strength k must be ≥ 0/],
  ["negative alpha", () => { const c = lvHomotopy(); (c.homotopy as { alpha: number }).alpha = -1e-3; return c; }, /config\.homotopy\.alpha: spline smoothing alpha must be ≥ 0/],
  ["κ = 0", () => { const c = lvHomotopy(); (c.homotopy!.schedule as { decay: number }).decay = 0; return c; }, /schedule\.decay: schedule decay \(κ\) must be in \(0, 1\)/],
  ["κ > 1", () => { const c = lvHomotopy(); (c.homotopy!.schedule as { decay: number }).decay = 1.5; return c; }, /schedule decay \(κ\) must be in \(0, 1\)/],
  ["s < 1", () => { const c = lvHomotopy(); (c.homotopy!.schedule as { steps: number }).steps = 0; return c; }, /schedule\.steps: schedule steps \(s\) must be ≥ 1/],
  ["non-integer epochs", () => ({ ...lvMs(), epochs: 10.5 }), /config\.epochs: epochs must be a whole number/],
  ["homotopy epochs not s·n_epoch", () => ({ ...lvHomotopy(), epochs: 500 }), /homotopy epochs must equal plateaus × epochsPerStep = 6 × 100 = 600, got 500/],
  ["more segments than points allow", () => ({ ...lvMs(), multishoot: { segments: 40, continuityWeight: 0.01 } }), /61 training points allow at most 30 segments/],
  ["unknown system", () => ({ ...lvHomotopy(), system: "pendulum" }), /config\.system: system must be one of lotka-volterra, lorenz, double-pendulum/],
  ["unknown model", () => { const c = lvHomotopy(); (c.model as { kind: string }).kind = "whitebox"; return c; }, /config\.model\.kind: model must be one of blackbox, graybox, secondorder/],
  ["unknown method", () => ({ ...lvHomotopy(), method: "adjoint" }), /config\.method: method must be one of vanilla, multishoot, homotopy/],
  ["widths do not fit the system", () => ({ ...lvHomotopy(), system: "lorenz" }), /the lorenz state has 3 components, so widths must start with 3/],
  ["gray-box on Lorenz", () => { const c = JSON.parse(JSON.stringify(paperConfig("lorenz", "blackbox", "vanilla"))); c.model.kind = "graybox"; c.model.coefficients = [1, 2, 3]; return c; }, /gray-box model encodes Lotka–Volterra's known terms; it does not fit lorenz/],
  ["second-order on Lotka–Volterra", () => { const c = lvHomotopy(); c.model = { kind: "secondorder", widths: [2, 8, 1], activation: "gelu" }; return c; }, /a second-order model needs a state of positions and velocities/],
  ["homotopy without its section", () => { const c = lvHomotopy(); delete (c as Partial<ExperimentConfig>).homotopy; return c; }, /config\.homotopy: method homotopy needs a homotopy section/],
  ["too short a data window", () => { const c = lvMs(); (c.data as { tEnd: number }).tEnd = 0.3; return c; }, /config\.data: the training window must hold at least 4 points, this one holds 3/],
];
for (const [name, make, msg] of configCases) test(`config: ${name}`, () => assert.throws(() => parseConfig(make()), msg));

// ---- shapes -----------------------------------------------------------------------------------
test("shape: u0 length ≠ model dimension", () => {
  const m = new BlackBoxModel([2, 4, 2]);
  assert.throws(() => solve(m, Float64Array.from([1, 2, 3]), Float64Array.from([0, 1]), m.init(new Rng(1))), /u0 must have length 2 \(the vector field's dimension\), got 3/);
});
test("shape: θ of the wrong length", () => {
  const m = new BlackBoxModel([2, 4, 2]);
  assert.throws(() => solve(m, Float64Array.from([1, 2]), Float64Array.from([0, 1]), new Float64Array(5)), /theta must have length 22, got 5/);
});

// ---- checkpoints ------------------------------------------------------------------------------
test("checkpoint: not JSON", () => assert.throws(() => loadCheckpoint(file("bad.json", "{oops")), /cannot read it as JSON/));
test("checkpoint: wrong format tag", () => assert.throws(() => loadCheckpoint(file("fmt.json", JSON.stringify({ format: "x", savedAt: "", config: {}, state: {} }))), /checkpoint .*fmt\.json: format: expected "homotopy-ode\/checkpoint@2" \(a checkpoint written by train or fit\), got "x"$/));

// ---- CLI flags: exit code 2, one readable line, no stack trace (--debug shows it) ---------------
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "homotopy-ode.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, HOMOTOPY_DATA_DIR: "" } });
  return { code: r.status, err: r.stderr.trim(), out: r.stdout };
}
const base = ["train", "--system", "lotka-volterra", "--model", "blackbox", "--method", "homotopy"];
const cliCases: [string, string[], RegExp][] = [
  ["unknown command", ["fitt"], /unknown command "fitt" \(did you mean fit\?\); expected one of .*fit, predict/],
  ["unknown flag", [...base, "--learning-rate", "1"], /Unknown option '--learning-rate'; accepted flags: --system VALUE/],
  ["lr not a number", [...base, "--lr", "fast"], /--lr: expected a number, got "fast"/],
  ["negative lr (the config schema checks the range)", [...base, "--lr", "-0.1"], /--lr: lr must be > 0, got -0\.1$/],
  ["negative k (the config schema checks the range)", [...base, "--k", "-2"], /--k: coupling strength k must be ≥ 0, got -2$/],
  ["k for vanilla", ["train", "--system", "lotka-volterra", "--model", "blackbox", "--method", "vanilla", "--k", "3"], /--k: the coupling strength applies to --method homotopy only, not vanilla/],
  ["non-integer epochs", [...base, "--epochs", "2.5"], /--epochs: expected a whole number ≥ 1, got "2.5"/],
  ["negative seed", [...base, "--seed", "-1"], /--seed: expected a whole number ≥ 0, got "-1"/],
  ["unknown system", ["train", "--system", "pendulum", "--model", "blackbox", "--method", "homotopy"], /--system: expected one of lotka-volterra, lorenz, double-pendulum, got "pendulum"/],
  ["missing method", ["train", "--system", "lorenz", "--model", "blackbox"], /--method is required: one of vanilla, multishoot, homotopy/],
  ["model that does not fit", ["train", "--system", "lorenz", "--model", "secondorder", "--method", "vanilla"], /--model: secondorder does not fit --system lorenz; expected one of blackbox/],
  ["data file for LV", [...base, "--data", "x.txt"], /--data: only the double pendulum reads a data file, not lotka-volterra/],
  ["missing data file", ["train", "--system", "double-pendulum", "--model", "blackbox", "--method", "vanilla", "--data", "/nonexistent/real_double_pend_h_1.txt", "--epochs", "1"], /file not found: \/nonexistent/],
  ["unknown profile", [...base, "--profile", "medium"], /--profile: expected one of quick, full, got "medium"/],
  ["zero jobs", ["reproduce", "--jobs", "0"], /--jobs: expected a whole number ≥ 1, got "0"/],
  ["--only that matches nothing", ["reproduce", "--only", "weather"], /--only: no run id contains "weather"/],
  ["resume with problem flags", ["train", "--resume", "x.json", "--seed", "3"], /--resume takes the whole config from the checkpoint; drop --seed/],
  ["--checkpoint under a file", [...base, "--checkpoint", path.join(file("blocker", "x"), "ck.json")], /^homotopy-ode train: --checkpoint .*blocker\/ck\.json: .*blocker is a file, not a folder$/],
  ["--checkpoint is a folder", [...base, "--checkpoint", tmp], /--checkpoint .*: this is a folder; expected a file name/],
  ["--out is a file", ["reproduce", "--only", "lorenz__blackbox__vanilla__seed10", "--out", file("not-a-folder", "x")], /^homotopy-ode reproduce: --out .*not-a-folder: this is a file; expected a folder to write into$/],
  ["--out under a file", ["landscape", "--system", "lotka-volterra", "--model", "blackbox", "--out", path.join(file("blocker2", "x"), "sub")], /--out .*blocker2\/sub: cannot create this folder: a part of the path is a file, not a folder \(ENOTDIR\)/],
  ["mistyped flag", [...base, "--epoch", "3"], /Unknown option '--epoch' \(did you mean --epochs\?\); accepted flags:/],
  ["mistyped command", ["trian"], /unknown command "trian" \(did you mean train\?\)/],
  ["mistyped choice", ["train", "--system", "lorentz", "--model", "blackbox", "--method", "vanilla"], /--system: expected one of .*, got "lorentz" \(did you mean lorenz\?\)$/],
  ["unknown bench case", ["bench", "--case", "nope"], /^homotopy-ode bench: --case: expected one of rk4-lv-1000-h64, .*lv-homotopy-epoch.*, got "nope"$/],
  ["unknown bench problem", ["bench", "--problem", "nope"], /^homotopy-ode bench: --problem: expected one of rk4-lv-1000-h64, .*, got "nope"$/],
  ["too few bench runs", ["bench", "--runs", "-3"], /^homotopy-ode bench: --runs: expected a whole number ≥ 20, got "-3"$/],
  ["shard out of range", ["reproduce", "--shard", "3/2"], /--shard: expected I\/N with 1 ≤ I ≤ N/],
  ["non-ASCII state name", ["train", "--system-file", '{"state": ["θ"], "rhs": {"θ": "-θ"}}', "--method", "vanilla"], /--system-file .*: system "custom" state\[0\]: expected a state name made of ASCII letters/],
  ["__proto__ as a parameter", ["train", "--system-file", '{"state": ["x"], "params": {"__proto__": 1}, "rhs": {"x": "-x"}}', "--method", "vanilla"], /field "params\.__proto__": "__proto__" is reserved by JavaScript/],
];
for (const [name, args, msg] of cliCases) {
  test(`CLI: ${name} → exit 2 and one clear line`, () => {
    const r = cli(...args);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, msg);
    assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
    // The missing data file is the one exception: its message says where to download the recording.
    if (name !== "missing data file") assert.equal(r.err.split("\n").length, 1, r.err);
  });
}
test("help: reproduce documents --shard, bench its minimum of runs, train the example system file", () => {
  assert.match(cli("reproduce", "--help").out, /^homotopy-ode reproduce .*\[--shard I\/N\]/);
  assert.match(cli("bench", "--help").out, /default 30, at least 20/);
  const example = /--system-file (examples\/my-system\.json)/.exec(cli("train", "--help").out);
  assert.ok(example && fs.existsSync(path.join(ROOT, example[1])), "train --help names an example file that exists");
});
test("CLI: --debug shows the stack trace", () => {
  const r = cli(...base, "--lr", "fast", "--debug");
  assert.equal(r.code, 2);
  assert.match(r.err, /\n\s+at /);
});
