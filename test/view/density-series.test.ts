/** Spectral densities as plot series: thinning keeps the drawn curve, colours run along viridis. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { densitySeries, sequentialColor, thinDensity } from "../../lib/view/plot/density-series";
import { densityGenerate } from "../../lib/core/hessian/spectrum";

test("thinDensity drops floor-level stretches but keeps their ends and every point above the floor", () => {
  const grid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const density = [0, 0, 0, 0.2, 0.5, 0, 0, 0, 1e-12, 0];
  const t = thinDensity(grid, density);
  assert.deepEqual(t.grid, [0, 2, 3, 4, 5, 9]);
  assert.deepEqual(t.density, [0, 0, 0.2, 0.5, 0, 0]);
  assert.deepEqual(thinDensity(grid, density, 1e-7, 1e-6).grid, [0, 2, 3, 4, 5, 7, 8, 9], "1e-12 counts once the threshold is below it");
  assert.throws(() => thinDensity([0, 1], [0]), /grid has 2 points but density has 1/);
});

test("a PyHessian density thins to a few per cent of its bins and draws the same on a log axis", () => {
  const ritz = [[-3, 0.5, 40, 41, 900]];
  const weights = [[0.1, 0.4, 0.2, 0.2, 0.1]];
  const d = densityGenerate(ritz, weights, { numBins: 10000 });
  const s = densitySeries("probe", d, { color: "#123456" });
  const xs = s.grid as number[];
  const ys = s.density as number[];
  assert.ok(xs.length < 400, `kept ${xs.length} of 10000`);
  assert.equal(s.color, "#123456");
  // Every dropped point lies on the floor, so its plotted value log10(d + 1e-7) is the floor's to the eye.
  let k = 0;
  for (let i = 0; i < d.grid.length; i++) {
    if (k < xs.length && xs[k] === d.grid[i]) {
      assert.equal(ys[k], d.density[i]);
      k++;
    } else {
      // Dropped: at most 1e-3 × floor above it, i.e. ≤ 4.4e-4 decades on the log axis.
      assert.ok(d.density[i] <= 1e-10 && Math.log10(d.density[i] + 1e-7) + 7 < 4.4e-4, `bin ${i} at ${d.grid[i]} was above the floor`);
    }
  }
  assert.equal(k, xs.length);
});

test("sequentialColor runs from viridis' dark purple to a teal that is visible on white", () => {
  assert.equal(sequentialColor(0, 5), "#440154");
  assert.equal(sequentialColor(0, 1), "#440154");
  const last = sequentialColor(4, 5);
  assert.match(last, /^#[0-9a-f]{6}$/);
  assert.notEqual(last, "#fde725", "stops short of the palest yellow");
  // 0.55 of the way: between the 5th and 6th stops (#26828e → #1f9e89), 95 % from the 5th.
  assert.equal(last, "#1f9d89");
  // Every colour has at least WCAG's 3:1 contrast for graphics against the white background.
  const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  for (let i = 0; i < 5; i++) {
    const c = sequentialColor(i, 5);
    const [r, g, b] = [1, 3, 5].map((k) => linear(parseInt(c.slice(k, k + 2), 16) / 255));
    const contrast = 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
    assert.ok(contrast >= 3, `${c} has contrast ${contrast.toFixed(2)} against white`);
  }
  assert.throws(() => sequentialColor(5, 5), /i must be in 0\.\.4, got 5/);
});
