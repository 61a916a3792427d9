/**
 * The web page. In Node, its training job is the CLI's: `homotopy-ode train --json`'s object bit
 * for bit. In headless Chromium it loads without console errors or requests beyond its own files,
 * trains the quick LV homotopy config through the Train button and through
 * window.homotopyOde.train, and both give the CLI's best MSE and best epoch bit for bit (the
 * training path uses lib/core/libm, not Math.exp/pow/…, whose last bits differ between Chromium's
 * V8 and Node's; see web/README.md). Screenshots go to
 * build/web-test/. Skipped only when Chromium is not installed (CHROMIUM=path overrides where
 * it is looked for).
 */
import { tempDir } from "../helpers/temp";
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import type { Browser, Page } from "puppeteer-core";
import { buildWeb } from "../../tools/build-web";
import { serveStatic } from "../../tools/serve-web";
import { defineSystem } from "../../lib/paper/systems/defined-system";
import { parseSystemFile } from "../../lib/paper/systems/system-file";
import { trainJob } from "../../web/jobs";
import { configFromSettings, DEFAULT_EQUATIONS } from "../../web/settings";
import { configFromFlags, TrainProblemFlags } from "../../lib/apps/cli/train";
import { DUFFING, VAN_DER_POL } from "../../lib/paper/systems/classic";

const ROOT = path.resolve(__dirname, "..", "..");
const SHOTS = path.join(ROOT, "build", "web-test");
const chromium = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && fs.existsSync(p));

type Summary = Record<string, unknown> & { interpMse: number; bestEpoch: number; seconds: number; config: unknown };

function cliJson(args: string[]): Summary {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "homotopy-ode.js"), "train", ...args, "--json"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Summary;
}

function withoutSeconds(s: Summary): Record<string, unknown> {
  const { seconds: _seconds, ...rest } = s;
  return rest;
}

/** Console errors, page errors and requests outside the page's origin, as they happen. */
function watch(page: Page, origin: string): { problems: string[] } {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${(e as Error).message}`));
  page.on("request", (r) => {
    const url = r.url();
    // blob: and data: URLs are made in the page (the worker, downloads, the empty favicon).
    if (!url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:")) problems.push(`request outside the page: ${url}`);
  });
  return { problems };
}

let cliRun: Summary | null = null;
/** The quick LV homotopy run of the CLI (run once, shared by the tests). */
const quickLvCli = () => (cliRun ??= cliJson(["--system", "lotka-volterra", "--model", "blackbox", "--method", "homotopy"]));

test("the page's training job, run in Node, is `homotopy-ode train --json` bit for bit (seconds aside)", () => {
  const cli = quickLvCli();
  const config = configFromSettings({ system: "lv", method: "homotopy" });
  assert.deepEqual(config, cli.config, "the untouched form is the CLI's quick config");
  let reports = 0;
  const out = trainJob(config, () => reports++, 0);
  assert.deepEqual(withoutSeconds(JSON.parse(JSON.stringify(out.summary)) as Summary), withoutSeconds(cli));
  assert.ok(reports > 0, "progress was reported");
  assert.equal(out.rows.epoch.length, 300);
});

test("the page's form, untouched or with overrides, stands for the CLI's config (paper systems, classic ones and typed-in equations)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "web-settings-"));
  const file = (name: string, def: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, JSON.stringify(def));
    return f;
  };
  const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
  const cases: [Parameters<typeof configFromSettings>[0], TrainProblemFlags][] = [
    [{ system: "lorenz", method: "vanilla" }, { system: "lorenz", model: "blackbox", method: "vanilla" }],
    [{ system: "lv", method: "multishoot", seed: 3, lr: 0.02 }, { system: "lotka-volterra", model: "blackbox", method: "multishoot", seed: 3, lr: 0.02 }],
    [{ system: "lv", method: "homotopy", epochs: 200, k: 4 }, { system: "lotka-volterra", model: "blackbox", method: "homotopy", epochs: 200, k: 4 }],
    [{ system: "vdp", method: "homotopy" }, { "system-file": file("vdp.json", VAN_DER_POL), method: "homotopy" }],
    [{ system: "duffing", method: "vanilla", epochs: 50 }, { "system-file": file("duffing.json", DUFFING), method: "vanilla", epochs: 50 }],
    [{ system: "custom", method: "homotopy", equations: DEFAULT_EQUATIONS }, { "system-file": file("mine.json", JSON.parse(DEFAULT_EQUATIONS)), method: "homotopy" }],
  ];
  for (const [settings, flags] of cases) assert.deepEqual(json(configFromSettings(settings)), json(configFromFlags(flags)), JSON.stringify(settings));
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the page's slim mathjs gives equation-defined systems the same values, Jacobians and vjps as full mathjs", async () => {
  const esbuild = await import("esbuild");
  const dir = tempDir("web-mathjs-");
  const lite = { name: "mathjs-lite", setup(b: import("esbuild").PluginBuild) {
    b.onResolve({ filter: /^mathjs$/ }, (a) => (a.importer.endsWith("mathjs-lite.ts") ? undefined : { path: path.join(ROOT, "web", "mathjs-lite.ts") }));
  } };
  const outputs: string[] = [];
  for (const plugins of [[], [lite]]) {
    const outfile = path.join(dir, `values-${plugins.length}.js`);
    await esbuild.build({ entryPoints: [path.join(ROOT, "test", "helpers", "equation-values.ts")], bundle: true, platform: "node", outfile, plugins, logLevel: "error" });
    const r = spawnSync(process.execPath, [outfile], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    outputs.push(r.stdout);
  }
  assert.ok((JSON.parse(outputs[0]) as number[]).length > 100);
  assert.equal(outputs[1], outputs[0]);
});

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? "");

test("the web page trains in Chromium with the command line's numbers", { skip: chromium ? false : "chromium not installed (apt-get install chromium); the web page test needs it", timeout: 900_000 }, async () => {
  const puppeteer = (await import("puppeteer-core")).default;
  const cli = quickLvCli();
  const { outDir } = await buildWeb();
  const { server, url } = await serveStatic(outDir);
  const origin = url.replace(/\/$/, "");
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "web-page-chromium-"));
  fs.mkdirSync(SHOTS, { recursive: true });
  let browser: Browser | null = null;
  try {
    browser = await puppeteer.launch({
      executablePath: chromium,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${userDir}`],
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1300, height: 1500 });
    const seen = watch(page, origin);
    const started = Date.now();
    await page.goto(url, { waitUntil: "load" });
    const loadMs = Date.now() - started;
    assert.equal(await page.evaluate("window.homotopyOde.version"), JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
    // The untouched form is the CLI's quick config.
    assert.deepEqual(await page.evaluate("window.homotopyOde.config()"), cli.config);
    await page.waitForFunction('(document.getElementById("sync-info")?.textContent ?? "").includes("suggested k")', { timeout: 120_000 });
    const readyMs = Date.now() - started;
    const bytes = fs.readdirSync(outDir).reduce((n, f) => n + fs.statSync(path.join(outDir, f)).size, 0);
    console.log(`# web page: ${(bytes / 1024).toFixed(0)} KiB, load event ${loadMs} ms, data and synchronisation drawn ${readyMs} ms`);
    await page.screenshot({ path: path.join(SHOTS, "1-before.png"), fullPage: true });

    // Through the UI.
    await page.click("#train");
    // "During": past the first λ steps, so the picture shows the staircase and the fit forming.
    await page.waitForFunction('Number((/epoch (\\d+) of/.exec(document.getElementById("status")?.textContent ?? "") ?? [0, 0])[1]) >= 120', { timeout: 600_000 });
    await page.screenshot({ path: path.join(SHOTS, "2-during.png"), fullPage: true });
    await page.waitForFunction('document.body.dataset.trained === "yes"', { timeout: 600_000 });
    await page.screenshot({ path: path.join(SHOTS, "3-after.png"), fullPage: true });
    const ui = (await page.evaluate("window.homotopyOde.lastRun()")) as Summary;
    // Through the automation entry point, with the CLI's own config object.
    const api = (await page.evaluate(`window.homotopyOde.train(${JSON.stringify(cli.config)})`)) as Summary;
    console.log(`# web page, quick LV homotopy: CLI best MSE ${cli.interpMse} (epoch ${cli.bestEpoch}, ${cli.seconds.toFixed(2)} s); page ${ui.interpMse} (epoch ${ui.bestEpoch}, ${ui.seconds.toFixed(2)} s; train() ${api.seconds.toFixed(2)} s)`);
    assert.deepEqual(withoutSeconds(api), withoutSeconds(ui), "Train button and homotopyOde.train: the same object");
    assert.deepEqual(api.config, cli.config);
    // Bit for bit across engines: every transcendental function on the training path is lib/core/libm's.
    assert.equal(ui.bestEpoch, cli.bestEpoch, "best epoch, page vs CLI");
    assert.equal(api.bestEpoch, cli.bestEpoch, "best epoch, homotopyOde.train vs CLI");
    assert.ok(Object.is(ui.interpMse, cli.interpMse), `best MSE, page ${ui.interpMse} vs CLI ${cli.interpMse}`);
    assert.ok(Object.is(api.interpMse, cli.interpMse), `best MSE, homotopyOde.train ${api.interpMse} vs CLI ${cli.interpMse}`);
    assert.deepEqual(withoutSeconds(ui), withoutSeconds(cli), "the page's --json object is the CLI's (seconds aside)");
    assert.match(await text(page, "#status"), new RegExp(`best MSE ${ui.interpMse.toExponential(3).replace("+", "\\+")} at epoch ${ui.bestEpoch} of 300`));

    // Typed-in equations are checked live, with the messages of --system-file.
    await page.select("#system", "custom");
    const bad = '{"state": ["x"], "rhs": {"x": "-x*q"}}';
    await page.evaluate(`{ const el = document.getElementById("equations"); el.value = ${JSON.stringify(bad)}; el.dispatchEvent(new Event("input", { bubbles: true })); }`);
    let expected = "";
    try {
      defineSystem(parseSystemFile(bad));
    } catch (e) {
      expected = (e as Error).message;
    }
    assert.ok(expected.length > 0);
    assert.equal(await text(page, "#error"), `--system-file: ${expected}`);
    assert.equal(await page.evaluate('document.getElementById("train").disabled'), true);
    await page.select("#system", "lv");

    // The race, on the same data and initial weights.
    await page.click("#race");
    await page.waitForFunction('document.body.dataset.raced === "yes"', { timeout: 600_000 });
    await page.screenshot({ path: path.join(SHOTS, "4-race.png"), fullPage: true });
    assert.match(await text(page, "#race-status"), new RegExp(`homotopy: best MSE ${ui.interpMse.toExponential(2).replace("+", "\\+")} \\(epoch ${ui.bestEpoch}\\)`));
    assert.deepEqual(seen.problems, []);

    // Without WebAssembly SIMD (forced here) the page says so and the plain kernels give the same bits.
    const plain = await browser.newPage();
    const seenPlain = watch(plain, origin);
    await plain.goto(`${url}?kernels=js`, { waitUntil: "load" });
    assert.equal(await plain.evaluate("window.homotopyOde.kernels"), "js");
    assert.match(await text(plain, "#notice"), /plain JavaScript kernels/i);
    const short = { ...(cli.config as object), epochs: 60, homotopy: { k: 6, alpha: 0.001, schedule: { kind: "power-law", steps: 6, epochsPerStep: 10, decay: 0.6 } } };
    const onJs = (await plain.evaluate(`window.homotopyOde.train(${JSON.stringify(short)})`)) as Summary;
    const onSimd = (await page.evaluate(`window.homotopyOde.train(${JSON.stringify(short)})`)) as Summary;
    assert.deepEqual(withoutSeconds(onJs), withoutSeconds(onSimd));
    assert.deepEqual(seenPlain.problems, []);

    // Straight from disk (a USB stick): file:// pages cannot load worker scripts, hence the Blob worker.
    const fromDisk = await browser.newPage();
    const diskUrl = `file://${path.join(outDir, "index.html")}`;
    const seenDisk = watch(fromDisk, `file://${outDir}`);
    await fromDisk.goto(`${diskUrl}?epochs=12`, { waitUntil: "load" });
    const tiny = (await fromDisk.evaluate("window.homotopyOde.train(window.homotopyOde.config())")) as Summary;
    assert.equal(tiny.epochs, 12);
    assert.ok(Number.isFinite(tiny.interpMse));
    assert.deepEqual(seenDisk.problems, []);
  } finally {
    await browser?.close();
    server.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
});
