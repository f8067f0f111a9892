import { normalizedDistributions } from './normalized-distributions.js';
import { pairwiseSum } from './pairwise-sum.js';

/**
 * Total variation distance ½·Σ |p − q| between discrete distributions, in [0, 1]; p and q are first divided
 * by their sums (so counts work). Reference: `0.5 * np.sum(np.abs(p/p.sum() - q/q.sum()))`. Throws
 * `StatsInputError` for negative or non-finite entries, different lengths or an all-zero distribution.
 */
export function totalVariationDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const [pn, qn] = normalizedDistributions(p, q, 'p', 'q');
  const gaps = new Float64Array(pn.length);
  for (let i = 0; i < pn.length; i++) gaps[i] = Math.abs(pn[i] - qn[i]);
  return 0.5 * pairwiseSum(gaps);
}
