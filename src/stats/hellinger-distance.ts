import { normalizedDistributions } from './normalized-distributions.js';
import { pairwiseSum } from './pairwise-sum.js';

/**
 * Hellinger distance √(½·Σ (√p − √q)²) between discrete distributions, in [0, 1]; p and q are first divided
 * by their sums (so counts work). Reference: `np.sqrt(0.5 * np.sum((np.sqrt(p/p.sum()) - np.sqrt(q/q.sum()))**2))`
 * (scipy has no direct call). Throws `StatsInputError` for negative or non-finite entries, different lengths
 * or an all-zero distribution.
 */
export function hellingerDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const [pn, qn] = normalizedDistributions(p, q, 'p', 'q');
  const squares = new Float64Array(pn.length);
  for (let i = 0; i < pn.length; i++) {
    const d = Math.sqrt(pn[i]) - Math.sqrt(qn[i]);
    squares[i] = d * d;
  }
  return Math.sqrt(0.5 * pairwiseSum(squares));
}
