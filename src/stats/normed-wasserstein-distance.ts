import { cdfDistance } from './cdf-distance.js';
import { pairwiseSum } from './pairwise-sum.js';

/** Smallest divisor, so a constant reference does not divide by zero (Evidently's floor). */
const MIN_STD = 0.001;

/**
 * Wasserstein distance scaled by the spread of the reference `a`, Evidently's `wasserstein` drift score:
 * `scipy.stats.wasserstein_distance(a, b) / max(np.std(a), 1e-3)` where `np.std` is the population
 * standard deviation (ddof = 0). A constant reference therefore divides by 0.001. Unit-free, so one
 * threshold (Evidently's default 0.1) fits every numeric feature.
 */
export function normedWassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const distance = cdfDistance(a, b, 1);
  return distance / Math.max(populationStd(a), MIN_STD);
}

/** `np.std(x)`: sqrt(sum((x − mean)²) / n) with numpy's pairwise sums. */
function populationStd(x: ArrayLike<number>): number {
  const n = x.length;
  const mean = pairwiseSum(x) / n;
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    squares[i] = d * d;
  }
  return Math.sqrt(pairwiseSum(squares) / n);
}
