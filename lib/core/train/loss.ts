/**
 * Mean squared error as the paper's code computes it (PyTorch MSELoss, reduction "mean"): the
 * elementwise mean over all components and time points, and its gradient.
 */

function checkSameLength(pred: ArrayLike<number>, target: ArrayLike<number>): void {
  if (pred.length !== target.length) {
    throw new RangeError(`mse: prediction has ${pred.length} values but the target has ${target.length}`);
  }
  if (pred.length === 0) throw new RangeError("mse: empty arrays");
}

/** Mean squared error over all components and times (the official code's elementwise mean). */
export function mse(pred: ArrayLike<number>, target: ArrayLike<number>): number {
  checkSameLength(pred, target);
  let s = 0;
  for (let i = 0; i < pred.length; i++) {
    const r = pred[i] - target[i];
    s += r * r;
  }
  return s / pred.length;
}

/** dMSE/dpred = 2 (pred − target) / n. */
export function mseGradient(pred: ArrayLike<number>, target: ArrayLike<number>): Float64Array {
  checkSameLength(pred, target);
  const g = new Float64Array(pred.length);
  const c = 2 / pred.length;
  for (let i = 0; i < pred.length; i++) g[i] = c * (pred[i] - target[i]);
  return g;
}
