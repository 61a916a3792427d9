/**
 * Multiple shooting as the paper's code does it (after DiffEqFlux's multiple_shoot): the time
 * points are split like numpy's array_split into m segments sharing their boundary points; the
 * first segment starts at u0, segment i > 0 at the data point plus a trainable correction c_i
 * (initialised to 0); predictions are joined dropping each earlier segment's last point; the
 * loss is MSE(data) + β·MSE(segment starts, previous segment ends).
 */

/** numpy.array_split sizes: the first n mod m segments get one extra point. */
export function arraySplitSizes(n: number, m: number): number[] {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`multiple shooting segments: expected a positive integer, got ${m}`);
  const base = Math.floor(n / m);
  const extra = n % m;
  return Array.from({ length: m }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Start index of each segment plus n at the end (length m + 1). */
export function splitIndices(n: number, m: number): number[] {
  const sizes = arraySplitSizes(n, m);
  const idx = [0];
  for (const s of sizes) idx.push(idx[idx.length - 1] + s);
  return idx;
}

/** Check that m segments of n points each hold at least two time points (so each can be solved). */
export function checkSegments(n: number, m: number): void {
  const sizes = arraySplitSizes(n, m);
  if (m > 1 && sizes[m - 1] < 2) {
    throw new RangeError(`multiple shooting segments: ${m} segments of ${n} points leave a last segment of ${sizes[m - 1]} point(s); use at most ${Math.floor(n / 2)} segments`);
  }
}
