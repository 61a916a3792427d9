/** The `spectrum` and `landscape` commands: JSON output, written files, and usage errors. */
import { test, mock } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spectrumCommand } from "../../lib/apps/cli/spectrum";
import { landscapeCommand } from "../../lib/apps/cli/landscape";
import { UsageError } from "../../lib/apps/cli/errors";

/** Run a command, returning what it printed on stdout (console.log). */
async function captureAsync(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = mock.method(console, "log", (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  try {
    return { code: await run(), out: lines.join("\n") };
  } finally {
    log.mock.restore();
  }
}

const LV = ["--system", "lotka-volterra", "--model", "blackbox"];

test("spectrum --json prints one object with ritzValues, weights, topEigenvalues and trace", async () => {
  const { code, out } = await captureAsync(() => spectrumCommand([...LV, "--t-end", "3.1", "--json", "--density", "--bins", "50", "--jobs", "1"]));
  assert.equal(code, 0);
  const r = JSON.parse(out);
  assert.equal(r.n, 162);
  assert.equal(r.tEnd, 3.1);
  assert.equal(r.seed, 10);
  assert.equal(r.ritzValues.length, 1);
  assert.equal(r.ritzValues[0].length, 100);
  assert.ok(Math.abs(r.weights[0].reduce((a: number, b: number) => a + b, 0) - 1) < 1e-12);
  assert.equal(r.topEigenvalues.length, 2);
  assert.ok(Math.abs(r.topEigenvalues[0] - 334.25) / 334.25 < 1e-4, `λmax ${r.topEigenvalues[0]}`);
  assert.ok(Number.isFinite(r.trace) && r.trace > 0);
  assert.equal(r.density.grid.length, 50);
  assert.equal(r.density.density.length, 50);
  // Lanczos and trace on two worker threads: the same numbers, bit for bit.
  const two = JSON.parse((await captureAsync(() => spectrumCommand([...LV, "--t-end", "3.1", "--json", "--density", "--bins", "50", "--jobs", "2"]))).out);
  assert.equal(two.jobs, 2);
  assert.deepEqual({ ...two, seconds: 0, jobs: 0 }, { ...r, seconds: 0, jobs: 0 });
});

test("spectrum at a θ from a file (train --json style), and with coupling", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spectrum-"));
  try {
    const first = JSON.parse((await captureAsync(() => spectrumCommand([...LV, "--t-end", "3.1", "--iters", "30", "--trace-probes", "5", "--json"]))).out);
    const file = path.join(dir, "theta.json");
    const theta = new Array(162).fill(0).map((_, i) => 0.05 * Math.sin(i));
    fs.writeFileSync(file, JSON.stringify({ bestTheta: theta }));
    const other = JSON.parse((await captureAsync(() => spectrumCommand([...LV, "--t-end", "3.1", "--iters", "30", "--trace-probes", "5", "--theta", file, "--json"]))).out);
    assert.equal(other.theta, file);
    assert.notEqual(other.loss, first.loss);
    const coupled = JSON.parse((await captureAsync(() => spectrumCommand([...LV, "--t-end", "3.1", "--k", "0.8", "--iters", "30", "--trace-probes", "5", "--json"]))).out);
    assert.equal(coupled.k, 0.8);
    assert.equal(coupled.lambda, 1);
    assert.ok(coupled.topEigenvalues[0] < first.topEigenvalues[0], "coupling flattens the landscape");
    fs.writeFileSync(file, JSON.stringify([1, 2, 3]));
    await assert.rejects(spectrumCommand([...LV, "--theta", file]), (e: unknown) => e instanceof UsageError && /has 162 parameters, got 3/.test(e.message));
    fs.writeFileSync(file, "{not json");
    await assert.rejects(spectrumCommand([...LV, "--theta", file]), /is not JSON/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("spectrum usage errors name the flag", async () => {
  await assert.rejects(spectrumCommand(["--model", "blackbox"]), /--system is required/);
  await assert.rejects(spectrumCommand([...LV, "--iters", "0"]), /--iters: expected a whole number ≥ 1, got "0"/);
  await assert.rejects(spectrumCommand([...LV, "--k=-1"]), / k: expected a finite number ≥ 0, got -1$/);
  await assert.rejects(spectrumCommand([...LV, "--lambda", "2"]), / lambda: expected a number in \[0, 1\], got 2$/);
  await assert.rejects(spectrumCommand([...LV, "--hvp", "exact"]), /--hvp: expected one of richardson, central/);
  await assert.rejects(spectrumCommand(["--system", "double-pendulum", "--model", "secondorder", "--t-end", "2"]), /--t-end: the double pendulum/);
  await assert.rejects(spectrumCommand(["--system", "lorenz", "--model", "graybox"]), /--model: graybox does not fit --system lorenz/);
});

test("landscape --out writes the grid as CSV, the figure as JSON and a standalone HTML page", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "landscape-"));
  try {
    const { code, out } = await captureAsync(() => landscapeCommand([...LV, "--t-end", "3.1", "--points", "4", "--iters", "40", "--out", dir, "--json", "--jobs", "1"]));
    assert.equal(code, 0);
    const r = JSON.parse(out);
    const name = "landscape-lotka-volterra-blackbox-t3.1-k0-seed10";
    assert.equal(r.csv, path.join(dir, `${name}.csv`));
    assert.equal(r.points, 16);
    assert.ok(Math.abs(r.topEigenvalues[0] - 334.25) / 334.25 < 1e-4);
    const csv = fs.readFileSync(r.csv, "utf8").trim().split("\n");
    assert.equal(csv[0], "a,b,loss,loss_clipped");
    assert.equal(csv.length, 17);
    const first = csv[1].split(",").map(Number);
    assert.deepEqual(first.slice(0, 2), [-0.2, -0.2]);
    assert.ok(first[2] > 0 && first[3] === Math.min(first[2], 4000));
    const fig = JSON.parse(fs.readFileSync(r.figure, "utf8"));
    assert.equal(fig.data[0].type, "surface");
    assert.equal(fig.data[0].z.length, 4);
    const html = fs.readFileSync(r.html, "utf8");
    assert.ok(html.includes("Plotly.newPlot") && html.length > 1e6, "plotly.js is inlined");
    assert.deepEqual(fs.readdirSync(dir).sort(), [`${name}.csv`, `${name}.html`, `${name}.json`]);
    // The same grid with its rows on two worker threads: the same numbers, bit for bit.
    const two = await captureAsync(() => landscapeCommand([...LV, "--t-end", "3.1", "--points", "4", "--iters", "40", "--out", dir, "--json", "--jobs", "2", "--name", "two"]));
    assert.equal(fs.readFileSync(JSON.parse(two.out).csv, "utf8"), fs.readFileSync(r.csv, "utf8"));
    fs.rmSync(path.join(dir, "two.csv"));
    fs.rmSync(path.join(dir, "two.json"));
    fs.rmSync(path.join(dir, "two.html"));
    assert.deepEqual(fs.readdirSync(dir).sort(), [`${name}.csv`, `${name}.html`, `${name}.json`]);
    await assert.rejects(landscapeCommand([...LV, "--out", dir, "--kind", "heatmap"]), /--kind: expected one of surface, contour/);
    await assert.rejects(landscapeCommand([...LV, "--out", dir, "--name", "../x"]), /--name: use letters, digits/);
    await assert.rejects(landscapeCommand([...LV, "--out", dir, "--jobs", "0"]), /--jobs: expected a whole number ≥ 1/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(landscapeCommand(LV), /--out is required/);
});
