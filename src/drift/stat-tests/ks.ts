import { ksTwoSample } from '../../stats/index.js';
import { inputSamples, pValueOutcome } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Two-sample Kolmogorov–Smirnov, scipy `ks_2samp(reference, current)` (Evidently `ks`: drift when p ≤ 0.05). */
export const ksStatTest: StatTest = {
  name: 'ks',
  description: 'Kolmogorov–Smirnov two-sample test p-value',
  kinds: ['numeric'],
  score: 'p_value',
  defaultThreshold: 0.05,
  pValueInclusive: true,
  compute(input) {
    const r = ksTwoSample(...inputSamples(input));
    return pValueOutcome(r.statistic, r.pValue);
  },
};
