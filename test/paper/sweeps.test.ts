/** Fig. 3 sweeps: configs, epoch budgets, the run plan, scoring against clean data, and the figure. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { paperConfig } from "../../lib/paper/experiments/paper";
import { buildDataset } from "../../lib/paper/experiments/build";
import { ConfigError, ExperimentConfig, networkModel } from "../../lib/paper/experiments/config";
import { RunResult } from "../../lib/paper/experiments/runner";
import { figure3Plan, figure3Poster, sweepConfig, sweepKey, sweepRows, sweepSummary, sweepX, cleanInterpMse } from "../../lib/paper/experiments/sweeps";
import { sweepFigure } from "../../lib/view/plot/sweep-figure";

test("sweepConfig changes exactly one field and validates", () => {
  const base = paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "quick", seed: 10 });
  const long = sweepConfig(base, "length", 9.1);
  assert.equal(long.data.kind === "simulated" && long.data.tEnd, 9.1);
  assert.deepEqual({ ...long, data: base.data }, base);
  assert.deepEqual(networkModel(sweepConfig(base, "width", 8)).widths, [2, 8, 2]);
  const sparse = sweepConfig(base, "dt", 0.5);
  assert.deepEqual(sparse.data, { kind: "simulated", tEnd: 6.1, dt: 0.5, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed: 10 });
  const noisy = sweepConfig(base, "noise", 0.5);
  assert.deepEqual(noisy.data.kind === "simulated" && noisy.data.noise, { kind: "relative-to-mean", amplitude: 0.5 });
  // The gray-box model has two hidden layers; Lorenz keeps its absolute noise recipe.
  assert.deepEqual(networkModel(sweepConfig(paperConfig("lotka-volterra", "graybox", "vanilla"), "width", 8)).widths, [2, 8, 8, 2]);
  const lorenz = sweepConfig(paperConfig("lorenz", "blackbox", "vanilla"), "noise", 0.5);
  assert.deepEqual(lorenz.data.kind === "simulated" && lorenz.data.noise, { kind: "absolute", amplitude: 0.5 });
  // base is untouched
  assert.equal(base.data.kind === "simulated" && base.data.tEnd, 6.1);
  // 6.1 / 3 → 3 points: rejected, naming the sweep point.
  assert.throws(() => sweepConfig(base, "dt", 3), (e: Error) => e instanceof ConfigError && /sweep dt=3\.data: .*at least 4 points, this one holds 3/.test(e.message));
  assert.throws(() => sweepConfig(paperConfig("double-pendulum", "blackbox", "vanilla", { data: "synthetic" }), "length", 2), /sweep length: needs simulated data/);
});

test("figure3Plan shares the default point between the four sweeps", () => {
  const plan = figure3Plan({ profile: "quick", seeds: [10] });
  assert.equal(plan.points.length, (3 + 3 + 3 + 4) * 3);
  assert.equal(plan.configs.length, (13 - 3) * 3);
  assert.equal(new Set(plan.configs.map(sweepKey)).size, plan.configs.length);
  const defaults = plan.points.filter((p) => p.method === "vanilla" && ((p.sweep === "length" && p.value === 6.1) || (p.sweep === "width" && p.value === 32) || (p.sweep === "dt" && p.value === 0.1) || (p.sweep === "noise" && p.value === 0.05)));
  assert.equal(defaults.length, 4);
  assert.equal(new Set(defaults.map((p) => p.key)).size, 1);
  const two = figure3Plan({ profile: "full", seeds: [10, 20], sweeps: ["noise"], budget: { baselineEpochs: 100, epochsPerStep: 10 } });
  assert.equal(two.configs.length, 4 * 3 * 2);
  assert.deepEqual([...new Set(two.configs.map((c) => c.epochs))].sort((a, b) => a - b), [60, 100]);
  assert.deepEqual(two.points.filter((p) => p.method === "homotopy" && p.seed === 20).map((p) => p.x), [5, 10, 20, 50]);
});

test("sweepX gives the paper's units; other sweep values get no poster value", () => {
  const base = paperConfig("lotka-volterra", "blackbox", "vanilla");
  assert.equal(sweepX("length", sweepConfig(base, "length", 3.1)), 31);
  assert.equal(sweepX("dt", sweepConfig(base, "dt", 0.3)), 0.3);
  assert.equal(sweepX("noise", sweepConfig(base, "noise", 0.07)), 7);
  assert.equal(sweepX("width", sweepConfig(paperConfig("lotka-volterra", "graybox", "vanilla"), "width", 12)), 12);
  const plan = figure3Plan({ seeds: [10], methods: ["homotopy"], sweeps: ["length", "noise"], values: { length: [12.1, 3.1] } });
  assert.deepEqual(plan.points.map((p) => [p.sweep, p.x]), [["length", 121], ["length", 31], ["noise", 5], ["noise", 10], ["noise", 20], ["noise", 50]]);
  const rows = sweepRows(plan, plan.configs.map((c) => fakeRun(c, 0.1, 1e-2)));
  const cells = sweepSummary(rows);
  // x ascending within a sweep; the poster has 31 but not 121
  assert.deepEqual(cells.map((c) => [c.x, c.poster.interp]), [[31, 0.000426], [121, null], [5, 0.00284], [10, 0.00705], [20, 0.0293], [50, 0.532]]);
  const fig = sweepFigure(cells);
  const layout = fig.layout as Record<string, { tickvals?: number[] }>;
  assert.deepEqual(layout.xaxis.tickvals, [31, 61, 91, 121]);
});

test("sweepKey does not depend on key order (results come back from worker threads)", () => {
  const c = paperConfig("lotka-volterra", "blackbox", "multishoot", { seed: 20 });
  const reverse = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(reverse) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
  const shuffled = reverse(c) as ExperimentConfig;
  assert.deepEqual(Object.keys(shuffled).slice(-2), ["model", "system"]);
  assert.equal(sweepKey(shuffled), sweepKey(c));
  assert.notEqual(sweepKey(sweepConfig(c, "noise", 0.1)), sweepKey(c));
});

test("the poster's Fig. 3 values are read from paper_tables.json", () => {
  const noise = figure3Poster("noise");
  assert.deepEqual(noise.x, [5, 10, 20, 50]);
  assert.equal(noise.interp.homotopy?.[0], 0.00284);
  assert.equal(noise.extrap.vanilla?.[3], null);
  assert.deepEqual(figure3Poster("length").x, [31, 61, 91]);
});

/** A run whose best rollout is the clean trajectory plus `offset`, with given scores. */
function fakeRun(config: ExperimentConfig, offset: number, interp: number): RunResult {
  const ds = buildDataset(config);
  const clean = [...(ds.train.clean as Float64Array), ...(ds.extrap.clean as Float64Array)];
  return {
    id: "fake",
    config: JSON.parse(JSON.stringify(config)),
    status: "ok",
    interpMse: interp,
    extrapMse: 2 * interp,
    extrapMseClean: interp / 2,
    bestEpoch: 7,
    epochs: config.epochs,
    seconds: 1,
    totalNfe: 0,
    dataSource: ds.source,
    modelDescription: "",
    history: { loss: [], mse: [], lambda: [], nfe: [], ms: [] },
    prediction: { t: [...ds.train.t, ...ds.extrap.t], u: clean.map((v) => v + offset), dim: ds.dim, extrapStart: ds.train.t.length },
    bestTheta: [],
  };
}

test("sweepRows scores the best rollout against clean data; sweepSummary averages seeds", () => {
  const plan = figure3Plan({ profile: "quick", seeds: [10, 20], sweeps: ["dt"], methods: ["homotopy"] });
  const runs = plan.configs.map((c) => fakeRun(c, c.seed === 10 ? 0.1 : 0.3, c.seed === 10 ? 1e-2 : 3e-2));
  const rows = sweepRows(plan, runs);
  assert.equal(rows.length, 6);
  const r = rows.find((x) => x.value === 0.3 && x.seed === 20);
  assert.ok(r);
  assert.ok(Math.abs((r.interpMseClean as number) - 0.09) < 1e-12);
  assert.equal(r.interpMse, 3e-2);
  assert.equal(r.x, 0.3);
  // A missing run leaves its point out.
  assert.equal(sweepRows(plan, runs.slice(1)).length, 5);
  const cells = sweepSummary(rows);
  assert.equal(cells.length, 3);
  const c = cells.find((x) => x.value === 0.5);
  assert.ok(c);
  assert.deepEqual(c.seeds, [10, 20]);
  assert.ok(Math.abs((c.interpClean?.mean as number) - 0.05) < 1e-12);
  assert.ok(Math.abs((c.interp?.stderr as number) - 0.01 / Math.sqrt(2)) < 1e-12);
  assert.equal(c.poster.interp, 0.0251);
  assert.equal(c.poster.extrap, null);
  const ds = buildDataset(plan.configs[0]);
  assert.equal(cleanInterpMse({ ...runs[0], prediction: null }, ds), null);
});

test("sweepFigure: interpolation row over extrapolation row, ours with error bars, poster dotted", () => {
  const plan = figure3Plan({ profile: "quick", seeds: [10, 20], sweeps: ["dt", "noise"] });
  const runs = plan.configs.map((c) => fakeRun(c, c.seed === 10 ? 0.1 : 0.2, c.seed === 10 ? 1e-2 : 3e-2));
  const fig = sweepFigure(sweepSummary(sweepRows(plan, runs)));
  type T = { name: string; x: number[]; y: (number | null)[]; xaxis: string; error_y?: { array: number[] }; line: { dash: string } };
  const traces = fig.data as unknown as T[];
  assert.equal(traces.length, 4 * 6);
  assert.deepEqual([...new Set(traces.map((t) => t.xaxis))], ["x", "x2", "x3", "x4"]);
  const homotopyDt = traces[4];
  assert.equal(homotopyDt.name, "homotopy");
  assert.deepEqual(homotopyDt.x, [0.1, 0.3, 0.5]);
  assert.ok(Math.abs((homotopyDt.y[0] as number) - 0.025) < 1e-12); // clean: mean of 0.1² and 0.2²
  assert.equal(homotopyDt.error_y?.array.length, 3);
  const posterDt = traces[5];
  assert.equal(posterDt.line.dash, "dot");
  assert.deepEqual(posterDt.y, [0.00287, 0.00973, 0.0251]);
  const posterNoiseExtrapVanilla = traces.find((t) => t.xaxis === "x4" && t.name === "vanilla (poster, approx.)");
  assert.deepEqual(posterNoiseExtrapVanilla?.y, [0.0223, 1.84, 2.15, null]);
  const layout = fig.layout as Record<string, { title?: { text: string }; tickvals?: number[]; type?: string }>;
  assert.equal(layout.xaxis4.title?.text, "noise std (% of the mean)");
  assert.deepEqual(layout.xaxis2.tickvals, [5, 10, 20, 50]);
  assert.equal(layout.xaxis2.type, "log");
  assert.equal(layout.yaxis3.type, "log");
  const data = sweepFigure(sweepSummary(sweepRows(plan, runs)), { score: "data", poster: false });
  assert.equal(data.data.length, 4 * 3);
  assert.ok(Math.abs(((data.data[2] as unknown as T).y[0] as number) - 0.02) < 1e-12);
  assert.throws(() => sweepFigure([]), /at least one sweep/);
});
