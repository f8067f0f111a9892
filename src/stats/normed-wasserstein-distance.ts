import { cdfDistance } from './cdf-distance.js';
import { pairwiseSum } from './pairwise-sum.js';
import { StatsInputError } from './stats-input-error.js';

/** Smallest divisor, so a constant reference does not divide by zero (Evidently's floor). */
const MIN_STD = 0.001;

/**
 * Wasserstein distance scaled by the spread of the reference `a`, Evidently's `wasserstein` drift score:
 * `scipy.stats.wasserstein_distance(a, b) / max(np.std(a), 1e-3)` where `np.std` is the population
 * standard deviation (ddof = 0). A constant reference therefore divides by 0.001. Unit-free, so one
 * threshold (Evidently's default 0.1) fits every numeric feature. Where np.std would overflow (|values| near
 * 1e308) the standard deviation is computed on rescaled values instead of becoming Infinity. Throws
 * `StatsInputError` for an empty or non-finite sample, or when the ratio itself exceeds the double range.
 */
export function normedWassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const distance = cdfDistance(a, b, 1);
  const normed = distance / Math.max(populationStd(a), MIN_STD);
  if (!Number.isFinite(normed)) {
    throw new StatsInputError('b', 'is so far from a (relative to std(a)) that the normed distance exceeds 1.8e308');
  }
  return normed;
}

/** `np.std(x)`: sqrt(sum((x − mean)²) / n) with numpy's pairwise sums; rescaled by max|x| if that overflows. */
function populationStd(x: ArrayLike<number>): number {
  const std = unscaledStd(x);
  if (Number.isFinite(std)) return std;
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]));
  return unscaledStd(Float64Array.from(x, (v) => v / scale)) * scale;
}

function unscaledStd(x: ArrayLike<number>): number {
  const n = x.length;
  const mean = pairwiseSum(x) / n;
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    squares[i] = d * d;
  }
  return Math.sqrt(pairwiseSum(squares) / n);
}
