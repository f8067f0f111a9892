import { fisherExact } from '../../stats/index.js';
import { ALL_KINDS, onNonEmptyCounts, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/**
 * Fisher's exact test on [[ref first, ref rest], [cur first, cur rest]] ("first" = most frequent reference
 * category), scipy `fisher_exact` two-sided; the statistic is the odds ratio.
 */
export const fisherExactStatTest: StatTest = {
  name: 'fisher_exact',
  description: "Fisher's exact test p-value (binary columns)",
  kinds: ALL_KINDS,
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    return onNonEmptyCounts(input, (ref, cur, nRef, nCur) => {
      const r = fisherExact([
        [ref[0], nRef - ref[0]],
        [cur[0], nCur - cur[0]],
      ]);
      return pValueOutcome(r.oddsRatio, r.pValue);
    });
  },
};
