import { andersonDarlingKSample } from '../../stats/index.js';
import { inputSamples, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Anderson–Darling k-sample test on [reference, current], scipy `anderson_ksamp` (p-value capped to [0.001, 0.25]). */
export const andersonDarlingStatTest: StatTest = {
  name: 'anderson',
  description: 'Anderson–Darling k-sample test p-value',
  kinds: ['numeric'],
  score: 'p_value',
  defaultThreshold: 0.05,
  compute(input) {
    const r = andersonDarlingKSample([...inputSamples(input)]);
    return pValueOutcome(r.statistic, r.pValue);
  },
};
