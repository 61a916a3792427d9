/**
 * Scales that let panels and curves be compared: one log colour range shared by the panels of a
 * sweep (with tick labels in loss units), and a symmetric log axis for values that run over
 * decades on both sides of zero (Hessian eigenvalues: a bulk near 0, a negative tail, outliers in
 * the thousands).
 */

/** [min, max] of log10 of the positive finite values of all arrays; null if there are none. */
export function sharedLogRange(values: readonly ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of values) {
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (!(v > 0) || !Number.isFinite(v)) continue;
      const l = Math.log10(v);
      if (l < lo) lo = l;
      if (l > hi) hi = l;
    }
  }
  if (!Number.isFinite(lo)) return null;
  // A flat field still needs a non-empty range.
  return hi > lo ? [lo, hi] : [lo - 0.5, hi + 0.5];
}

/** A power of ten or 2×/5× one as readable text: 0.01, 0.5, 20, 1000, 1e+05. */
function decadeText(v: number): string {
  if (v >= 1e5 || v < 1e-3) return v.toExponential(0);
  return String(Number(v.toPrecision(1)));
}

/**
 * Colour-bar ticks for a colour on log10 of a value: positions (log10 units) and the values
 * themselves as labels, at 1, 2, 5 × 10^k when the range spans under three decades, else at 10^k.
 */
export function logColorbarTicks(range: [number, number]): { tickvals: number[]; ticktext: string[] } {
  const [lo, hi] = range;
  const mantissas = hi - lo < 3 ? [1, 2, 5] : [1];
  const tickvals: number[] = [];
  const ticktext: string[] = [];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
    for (const m of mantissas) {
      const v = m * 10 ** k;
      const at = Math.log10(v);
      if (at < lo - 1e-9 || at > hi + 1e-9) continue;
      tickvals.push(at);
      ticktext.push(decadeText(v));
    }
  }
  return { tickvals, ticktext };
}

/**
 * Symmetric log: sign(v)·log10(1 + |v|/linear). Linear within ±linear, logarithmic beyond, so
 * 0, ±10, ±100, ±1000 sit at evenly spaced positions once |v| ≫ linear.
 */
export function symlog(v: number, linear = 1): number {
  return Math.sign(v) * Math.log10(1 + Math.abs(v) / linear);
}

/** Ticks of a symlog axis covering [min, max] (data units): 0 and ±10^k, labelled with the values. */
export function symlogTicks(min: number, max: number, linear = 1): { tickvals: number[]; ticktext: string[] } {
  const tickvals: number[] = [];
  const ticktext: string[] = [];
  const label = (v: number) => (Math.abs(v) >= 1e5 ? v.toExponential(0) : String(v)).replace("-", "−");
  const top = Math.max(Math.abs(min), Math.abs(max));
  const decades: number[] = [];
  for (let k = Math.ceil(Math.log10(linear)); 10 ** k <= top * 1.0000001; k++) decades.push(10 ** k);
  for (const v of [...decades.filter((d) => -d >= min).map((d) => -d).reverse(), 0, ...decades.filter((d) => d <= max)]) {
    tickvals.push(symlog(v, linear));
    ticktext.push(label(v));
  }
  return { tickvals, ticktext };
}
