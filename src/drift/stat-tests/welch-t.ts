import { welchTTest } from '../../stats/index.js';
import { inputSamples, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Welch's t-test of means, scipy `ttest_ind(reference, current, equal_var=False)`. */
export const welchTStatTest: StatTest = {
  name: 't_test',
  description: "Welch's t-test p-value",
  kinds: ['numeric'],
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    const r = welchTTest(...inputSamples(input));
    return pValueOutcome(r.statistic, r.pValue);
  },
};
