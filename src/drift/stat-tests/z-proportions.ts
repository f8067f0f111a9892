import { zTestProportions } from '../../stats/index.js';
import { ALL_KINDS, onNonEmptyCounts, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/**
 * Evidently's `z`: pooled two-proportion z-test of "not the first category" (categories in sorted order) between
 * reference and current (statsmodels `proportions_ztest`); one category on both sides gives p = 1.
 */
export const zProportionsStatTest: StatTest = {
  name: 'z',
  description: 'two-proportion z-test p-value (binary columns)',
  kinds: ALL_KINDS,
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    const keys = input.categories.filter((_, i) => input.referenceCounts[i] + input.currentCounts[i] > 0);
    const first = keys.indexOf([...keys].sort()[0]);
    return onNonEmptyCounts(input, (ref, cur, nRef, nCur) => {
      const r = zTestProportions(nRef - ref[first], nRef, nCur - cur[first], nCur);
      return pValueOutcome(r.statistic, r.pValue);
    });
  },
};
