import { requirePValues } from './require-p-values.js';

/**
 * Bonferroni-adjusted p-values min(1, p·m) for m tests, in input order — statsmodels
 * `multipletests(p, method='bonferroni')[1]`, i.e. `np.minimum(1, p * len(p))`. Controls the family-wise
 * error rate. Throws `StatsInputError` for an empty array or a p-value outside [0, 1].
 */
export function bonferroni(pValues: ArrayLike<number>): Float64Array {
  requirePValues(pValues);
  const m = pValues.length;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = Math.min(1, pValues[i] * m);
  return out;
}
