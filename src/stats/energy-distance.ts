import { cdfDistance } from './cdf-distance.js';

/**
 * Energy distance between the empirical distributions of `a` and `b`: √2 · (∫ (U(x) − V(x))² dx)^½ —
 * `scipy.stats.energy_distance(a, b)`. O((n + m) log(n + m)). Throws `StatsInputError` for an empty or
 * non-finite sample.
 *
 * @example energyDistance([0], [2]) // 2
 */
export function energyDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return Math.SQRT2 * Math.sqrt(cdfDistance(a, b, 2));
}
