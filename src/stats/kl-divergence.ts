import { normalizedDistributions } from './normalized-distributions.js';
import { pairwiseSum } from './pairwise-sum.js';
import { relativeEntropyTerm } from './relative-entropy-term.js';

/**
 * Kullback–Leibler divergence D(p ‖ q) = Σ p·ln(p/q) in nats — `scipy.stats.entropy(p, q)`. p and q are
 * first divided by their sums, as scipy does. Returns +Infinity when q is 0 where p > 0 (p is not
 * absolutely continuous w.r.t. q), never NaN; a sum that rounds below 0 (p ≈ q) is returned as 0. Not
 * symmetric. Throws `StatsInputError` for negative or non-finite entries, different lengths or an all-zero
 * distribution.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const [pn, qn] = normalizedDistributions(p, q, 'p', 'q');
  const terms = new Float64Array(pn.length);
  for (let i = 0; i < pn.length; i++) terms[i] = relativeEntropyTerm(pn[i], qn[i]);
  const divergence = pairwiseSum(terms);
  return divergence > 0 ? divergence : 0;
}
