import { mannWhitneyU } from '../../stats/index.js';
import { inputSamples, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Mann–Whitney U, scipy `mannwhitneyu(reference, current, alternative='two-sided', method='asymptotic')`. */
export const mannWhitneyStatTest: StatTest = {
  name: 'mannw',
  description: 'Mann–Whitney U test p-value',
  kinds: ['numeric'],
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    const r = mannWhitneyU(...inputSamples(input));
    return pValueOutcome(r.statistic, r.pValue);
  },
};
