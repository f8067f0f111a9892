import { chiSquareSf } from '../../stats/index.js';
import { ALL_KINDS, onNonEmptyCounts, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/**
 * Evidently's `chisquare`: goodness of fit of the current counts to the reference counts scaled to the current
 * size, scipy `chisquare(f_obs=current, f_exp=reference·n_cur/n_ref)` with k − 1 degrees of freedom. A category
 * absent from the reference gives an infinite statistic and p = 0, as in scipy.
 */
export const chiSquareGoodnessOfFitStatTest: StatTest = {
  name: 'chisquare',
  description: 'chi-square goodness-of-fit p-value (current vs scaled reference counts, Evidently)',
  kinds: ALL_KINDS,
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    return onNonEmptyCounts(input, (ref, cur, nRef, nCur) => {
      let statistic = 0;
      for (let i = 0; i < ref.length; i++) {
        const expected = (ref[i] * nCur) / nRef;
        if (expected === 0) return pValueOutcome(Infinity, 0);
        statistic += ((cur[i] - expected) * (cur[i] - expected)) / expected;
      }
      return pValueOutcome(statistic, chiSquareSf(statistic, ref.length - 1));
    });
  },
};
