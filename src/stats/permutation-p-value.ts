import { StatsInputError } from './stats-input-error.js';

/**
 * p-value of a Monte-Carlo permutation test: (k + 1) / (n + 1), where k of n permuted statistics are at least as
 * extreme as the observed one. Counting the observed statistic as one of the permutations keeps the test valid
 * (P(p ≤ α) ≤ α under H₀) and p > 0; k / n is not (it can be 0 — alibi-detect issue #960).
 * Phipson & Smyth, "Permutation p-values should never be zero", SAGMB 9(1), 2010.
 */
export function permutationPValue(exceedances: number, permutations: number): number {
  if (!Number.isInteger(permutations) || permutations < 1)
    throw new StatsInputError('permutations', `must be an integer ≥ 1, got ${permutations}`);
  if (!Number.isInteger(exceedances) || exceedances < 0 || exceedances > permutations) {
    throw new StatsInputError('exceedances', `must be an integer in [0, ${permutations}], got ${exceedances}`);
  }
  return (exceedances + 1) / (permutations + 1);
}
