/** Static export: standalone HTML and JSON always; SVG and PNG through headless Chromium when installed. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exportFigures, findChromium } from "../../lib/view/plot/export";
import { Figure } from "../../lib/view/plot/figure";

const figure: Figure = {
  data: [{ type: "scatter", mode: "lines+markers", name: "λ test", x: [0, 1, 2], y: [1, 0.5, 0.25] }],
  layout: { title: { text: "export test" }, height: 300, width: 500 },
};

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "plot-export-"));
}

test("HTML and JSON are self-contained: plotly inlined, no CDN, the figure's data inside", () => {
  const dir = tempDir();
  try {
    const r = exportFigures([{ name: "small", figure }], dir, { formats: ["html", "json"] });
    assert.deepEqual(r.files.map((f) => path.basename(f)).sort(), ["small.html", "small.json"]);
    assert.deepEqual(r.messages, []);
    const html = fs.readFileSync(path.join(dir, "small.html"), "utf8");
    assert.ok(html.length > 1_000_000, "plotly.js is inlined");
    assert.doesNotMatch(html, /<script[^>]+src=/i, "no external scripts");
    assert.match(html, /Plotly\.newPlot/);
    assert.match(html, /export test/);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "small.json"), "utf8")) as Figure;
    assert.deepEqual((json.data[0] as { y: number[] }).y, [1, 0.5, 0.25]);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")), [], "no temporary files left");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("without Chromium, SVG/PNG are skipped with a clear message and HTML is written instead", () => {
  const dir = tempDir();
  try {
    const r = exportFigures([{ name: "small", figure }], dir, { formats: ["svg", "png"], chromium: path.join(dir, "no-such-chromium") });
    assert.equal(r.messages.length, 1);
    assert.match(r.messages[0], /Chromium/);
    assert.match(r.messages[0], /apt-get install/);
    assert.deepEqual(r.files.map((f) => path.basename(f)), ["small.html"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("names are validated before anything is written", () => {
  const dir = tempDir();
  try {
    assert.throws(() => exportFigures([{ name: "../x", figure }], dir, { formats: ["json"] }), /item name/);
    assert.throws(() => exportFigures([{ name: "a", figure }, { name: "a", figure }], dir, { formats: ["json"] }), /twice/);
    assert.deepEqual(fs.readdirSync(dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("with Chromium: SVG has an <svg> root and the PNG has the PNG signature", { skip: findChromium() === null ? "chromium is not installed" : false }, () => {
  const dir = tempDir();
  try {
    const second: Figure = { data: [{ type: "bar", x: ["a", "b"], y: [3, 1] }], layout: { title: { text: "bars" } } };
    const r = exportFigures([{ name: "small", figure }, { name: "bars", figure: second }], dir, { formats: ["svg", "png"] });
    assert.deepEqual(r.messages, []);
    for (const name of ["small", "bars"]) {
      const svg = fs.readFileSync(path.join(dir, `${name}.svg`), "utf8");
      assert.match(svg, /^<svg[\s>]/);
      const png = fs.readFileSync(path.join(dir, `${name}.png`));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
    assert.match(fs.readFileSync(path.join(dir, "small.svg"), "utf8"), /export test/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
