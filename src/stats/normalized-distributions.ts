import { pairwiseSum } from './pairwise-sum.js';
import { StatsInputError } from './stats-input-error.js';
import { requireNonNegative, requireSameLength } from './validate-input.js';

/**
 * Validates two discrete distributions (non-negative, finite, same length, positive finite sum) and returns
 * copies divided by their sums — `p / np.sum(p)` as scipy's `jensenshannon` and `entropy` do. Counts and
 * proportions are both accepted.
 */
export function normalizedDistributions(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  nameP: string,
  nameQ: string,
): [Float64Array, Float64Array] {
  requireNonNegative(p, nameP);
  requireNonNegative(q, nameQ);
  requireSameLength(p, q, nameQ);
  return [normalized(p, nameP), normalized(q, nameQ)];
}

function normalized(values: ArrayLike<number>, name: string): Float64Array {
  const out = Float64Array.from(values);
  const sum = pairwiseSum(out);
  if (!(sum > 0)) throw new StatsInputError(name, 'must have a positive sum (all entries are 0)');
  if (sum === Infinity) throw new StatsInputError(name, 'sum overflows to Infinity; rescale the values');
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}
