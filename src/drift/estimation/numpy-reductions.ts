import { pairwiseSum } from '../../stats/pairwise-sum.js';

// Mean and standard deviation in numpy's summation order, so that NannyML's sampling errors and thresholds are
// reproduced bit for bit rather than merely closely.

/** `np.mean(values)`: pairwise sum / n. */
export function numpyMean(values: ArrayLike<number>): number {
  return pairwiseSum(values) / values.length;
}

/** `np.std(values)` (ddof = 0): √(Σ (x − mean)² / n), both sums pairwise. */
export function numpyStd(values: ArrayLike<number>): number {
  const mean = numpyMean(values);
  const squares = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mean;
    squares[i] = d * d;
  }
  return Math.sqrt(pairwiseSum(squares) / values.length);
}

/** Round half to even, as `np.rint`. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** `np.round(x, decimals)` for decimals ≥ 0: rint(x · 10^d) / 10^d. */
export function numpyRound(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  return roundHalfEven(x * scale) / scale;
}
