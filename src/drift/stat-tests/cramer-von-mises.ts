import { cramerVonMises } from '../../stats/index.js';
import { inputSamples, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Cramér–von Mises two-sample test, scipy `cramervonmises_2samp(reference, current, method='asymptotic')`. */
export const cramerVonMisesStatTest: StatTest = {
  name: 'cramer_von_mises',
  description: 'Cramér–von Mises two-sample test p-value',
  kinds: ['numeric'],
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    const r = cramerVonMises(...inputSamples(input));
    return pValueOutcome(r.statistic, r.pValue);
  },
};
