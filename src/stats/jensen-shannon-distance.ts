import { normalizedDistributions } from './normalized-distributions.js';
import { pairwiseSum } from './pairwise-sum.js';
import { relativeEntropyTerm } from './relative-entropy-term.js';
import { StatsInputError } from './stats-input-error.js';

/**
 * Jensen–Shannon distance (the square root of the JS divergence) between discrete distributions `p` and
 * `q` — `scipy.spatial.distance.jensenshannon(p, q, base)`. Like scipy, p and q are first divided by their
 * sums (so counts work), then with m = (p + q)/2: √((Σ rel_entr(p, m) + Σ rel_entr(q, m)) / (2·ln base)).
 * In base 2 it lies in [0, 1]. A divergence that rounds to a tiny negative number (p ≈ q) gives 0 where
 * scipy would return NaN. Throws `StatsInputError` for negative or non-finite entries, different lengths,
 * an all-zero distribution, or a base that is not finite, > 0 and ≠ 1.
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>, base = 2): number {
  if (!Number.isFinite(base) || base <= 0 || base === 1) {
    throw new StatsInputError('base', `must be a finite number > 0 and != 1, got ${String(base)}`);
  }
  const [pn, qn] = normalizedDistributions(p, q, 'p', 'q');
  const k = pn.length;
  const left = new Float64Array(k);
  const right = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const m = (pn[i] + qn[i]) / 2;
    left[i] = relativeEntropyTerm(pn[i], m);
    right[i] = relativeEntropyTerm(qn[i], m);
  }
  const divergence = (pairwiseSum(left) + pairwiseSum(right)) / Math.log(base) / 2;
  return divergence > 0 ? Math.sqrt(divergence) : 0;
}
