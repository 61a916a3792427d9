/**
 * Screenshots of notebooks rendered to HTML (nbconvert), as a reader sees them: one PNG per
 * figure or table output, cropped to that output and readable at its natural size (a full page
 * is a 12 000 px strip, too small to read once scaled down, and takes as long as all the figures
 * together; --full-page adds it). Uses the Debian Chromium through puppeteer-core, one browser
 * for all pages.
 *
 * Usage: node --import tsx tools/screenshot-notebooks.ts --out build/screenshots [--full-page] build/html/NAME.html...
 * Writes <out>/NAME/cell-CC-O.png (CC the cell, O the output within it) and with --full-page
 * <out>/NAME.png; exits 1 if a page fails to load or a figure does not draw.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Browser } from "puppeteer-core";
import { findChromium } from "../lib/view/plot/export";

const WIDTH = 1100;
const DRAW_TIMEOUT_MS = 60_000;

async function shootPage(browser: Browser, html: string, outDir: string, fullPage: boolean): Promise<{ outputs: number; problems: string[] }> {
  const name = path.basename(html, ".html");
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`${name}: page error: ${(e as Error).message}`));
  try {
    await page.setViewport({ width: WIDTH, height: 900 });
    await page.goto("file://" + path.resolve(html), { waitUntil: "load", timeout: DRAW_TIMEOUT_MS });
    // Every figure div gets the class js-plotly-plot once plotly.js has drawn into it.
    const drawn = await page
      .waitForFunction(
        `Array.from(document.querySelectorAll("div[id^='homotopy-plot-']")).every((d) => d.classList.contains("js-plotly-plot") && d.querySelector(".main-svg"))`,
        { timeout: DRAW_TIMEOUT_MS, polling: 200 },
      )
      .then(() => true)
      .catch(() => false);
    if (!drawn) problems.push(`${name}: some figures did not draw within ${DRAW_TIMEOUT_MS / 1000} s`);
    const dir = path.join(outDir, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const cells = await page.$$(".jp-Cell, .cell");
    let outputs = 0;
    for (let c = 0; c < cells.length; c++) {
      const areas = await cells[c].$$(".jp-OutputArea-child, .output_area");
      let o = 0;
      for (const area of areas) {
        const visual = await area.evaluate((el) => Boolean(el.querySelector(".js-plotly-plot, table, svg, img")));
        if (!visual) continue;
        o++;
        outputs++;
        await area.screenshot({ path: path.join(dir, `cell-${String(c).padStart(2, "0")}-${o}.png`) as `${string}.png` });
      }
    }
    if (fullPage) await page.screenshot({ path: path.join(outDir, `${name}.png`) as `${string}.png`, fullPage: true });
    return { outputs, problems };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  if (at < 0 || !args[at + 1]) {
    console.error("screenshot-notebooks: usage: --out DIR [--full-page] PAGE.html...");
    process.exit(2);
  }
  const outDir = args[at + 1];
  const fullPage = args.includes("--full-page");
  const pages = args.filter((a, i) => i !== at && i !== at + 1 && a !== "--full-page");
  const chromium = findChromium();
  if (!chromium) {
    console.error("screenshot-notebooks: headless Chromium not found (apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH)");
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const puppeteer = (await import("puppeteer-core")).default;
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "notebook-shots-"));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--allow-file-access-from-files", `--user-data-dir=${userDir}`],
  });
  let failed = false;
  try {
    for (const html of pages) {
      try {
        const started = Date.now();
        const { outputs, problems } = await shootPage(browser, html, outDir, fullPage);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        for (const p of problems) console.error(`screenshot-notebooks: ${p}`);
        if (problems.length) failed = true;
        console.log(`shot   ${outputs} figure(s) and table(s) in ${path.join(outDir, path.basename(html, ".html"))}/  (${seconds} s)`);
      } catch (e) {
        failed = true;
        console.error(`screenshot-notebooks: ${html}: ${(e as Error).message}`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

void main();
