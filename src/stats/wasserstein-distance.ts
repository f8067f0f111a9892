import { cdfDistance } from './cdf-distance.js';

/**
 * First Wasserstein (earth mover's) distance between the empirical distributions of `a` and `b`:
 * ∫ |U(x) − V(x)| dx over the two empirical CDFs — `scipy.stats.wasserstein_distance(a, b)`.
 * O((n + m) log(n + m)). Throws `StatsInputError` for an empty or non-finite sample.
 *
 * @example wassersteinDistance([0, 1, 3], [5, 6, 8]) // 5
 */
export function wassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return cdfDistance(a, b, 1);
}
