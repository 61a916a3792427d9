/** Polynomials as coefficient lists, lowest power first: evaluation and products (tableaus and dense output). */

/** Horner evaluation of a polynomial with coefficients lowest power first. */
export function polyval(coeffs: readonly number[], x: number): number {
  let s = 0;
  for (let p = coeffs.length - 1; p >= 0; p--) s = s * x + coeffs[p];
  return s;
}

/** Product of polynomials given lowest power first. */
export function polyMul(...factors: number[][]): number[] {
  return factors.reduce(
    (acc, f) => {
      const out = new Array<number>(acc.length + f.length - 1).fill(0);
      acc.forEach((x, i) => f.forEach((y, j) => (out[i + j] += x * y)));
      return out;
    },
    [1],
  );
}
