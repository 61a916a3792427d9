/**
 * Spectral densities of a sweep as plot series. PyHessian's density lives on 10 000 bins, of
 * which only the few near Ritz values rise above the plotting floor; dropping the flat stretches
 * (keeping their end points) leaves the drawn curve unchanged and the figure small enough for a
 * notebook with twenty of them. Series of a sweep are coloured along a sequential scale.
 */
import type { DensitySeries } from "./analysis-figures";

/** Viridis at a few stops (matplotlib's), interpolated in RGB. */
const VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

/** How far along viridis the last series of a sweep sits. */
export const SEQUENTIAL_END = 0.55;

/** The colour of series i of n along viridis (dark purple = first, teal = last). */
export function sequentialColor(i: number, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`sequential colour: n must be a whole number ≥ 1, got ${n}`);
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`sequential colour: i must be in 0..${n - 1}, got ${i}`);
  // Stop at viridis' teal: its light greens and yellows have too little contrast on white.
  const f = n === 1 ? 0 : (SEQUENTIAL_END * i) / (n - 1);
  const pos = f * (VIRIDIS.length - 1);
  const k = Math.min(Math.floor(pos), VIRIDIS.length - 2);
  const w = pos - k;
  const [a, b] = [rgb(VIRIDIS[k]), rgb(VIRIDIS[k + 1])];
  const c = a.map((v, j) => Math.round(v + w * (b[j] - v)));
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

export interface ThinnedDensity {
  grid: number[];
  density: number[];
}

/**
 * Drop the points of a density that sit on the plotting floor, keeping the neighbours of every
 * point above it and both ends, so density + floor on a log axis draws the same curve (a dropped
 * point is at most relative·floor above the floor: 4e-4 decades at the default).
 * @param floor the floor added before plotting (default 1e-7, PyHessian's)
 * @param relative a point counts as above the floor when density > relative·floor (default 1e-3)
 */
export function thinDensity(grid: ArrayLike<number>, density: ArrayLike<number>, floor = 1e-7, relative = 1e-3): ThinnedDensity {
  const n = grid.length;
  if (density.length !== n) throw new RangeError(`thin density: grid has ${n} points but density has ${density.length}`);
  if (!(floor > 0) || !(relative >= 0)) throw new RangeError(`thin density: floor must be > 0 and relative ≥ 0, got ${floor} and ${relative}`);
  const above = (i: number) => density[i] > relative * floor;
  const out: ThinnedDensity = { grid: [], density: [] };
  for (let i = 0; i < n; i++) {
    if (i === 0 || i === n - 1 || above(i) || above(i - 1) || above(i + 1)) {
      out.grid.push(grid[i]);
      out.density.push(density[i]);
    }
  }
  return out;
}

/** A density as a (thinned) series for spectralDensityFigure. */
export function densitySeries(label: string, density: { grid: ArrayLike<number>; density: ArrayLike<number> }, options: { color?: string; floor?: number } = {}): DensitySeries {
  const thin = thinDensity(density.grid, density.density, options.floor ?? 1e-7);
  return { label, grid: thin.grid, density: thin.density, color: options.color };
}
