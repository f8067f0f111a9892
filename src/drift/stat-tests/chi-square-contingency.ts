import { chiSquareTest } from '../../stats/index.js';
import { ALL_KINDS, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/**
 * Pearson chi-square test of homogeneity on the 2 × k table [reference counts, current counts], scipy
 * `chi2_contingency([ref, cur], correction=False)`; categories empty on both sides are dropped and a single
 * remaining category gives statistic 0, p = 1 (nothing can differ).
 */
export const chiSquareContingencyStatTest: StatTest = {
  name: 'chi2_contingency',
  description: 'chi-square test of homogeneity p-value (2 × k contingency table)',
  kinds: ALL_KINDS,
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    const r = chiSquareTest(input.referenceCounts, input.currentCounts);
    return pValueOutcome(r.statistic, r.pValue);
  },
};
