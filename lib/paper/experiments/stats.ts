/**
 * Statistics over seeds, as the original code's calc_mean_and_stderr: mean and standard error
 * with the population standard deviation (ddof 0) divided by √n.
 */
export interface MeanSe {
  mean: number;
  stderr: number;
  n: number;
}

/** Mean and standard error (population std / √n) of the finite values; null if none. */
export function meanStderr(values: (number | null)[]): MeanSe | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (!v.length) return null;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
  return { mean, stderr: Math.sqrt(variance) / Math.sqrt(v.length), n: v.length };
}
