import { gTest } from '../../stats/index.js';
import { ALL_KINDS, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** G-test (log-likelihood ratio) on [reference counts, current counts], scipy `chi2_contingency(..., lambda_='log-likelihood')`. */
export const gTestStatTest: StatTest = {
  name: 'g_test',
  description: 'G-test (log-likelihood ratio) p-value',
  kinds: ALL_KINDS,
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    const r = gTest(input.referenceCounts, input.currentCounts);
    return pValueOutcome(r.statistic, r.pValue);
  },
};
