import { psi } from '../../stats/index.js';
import { ALL_KINDS, distanceOutcome, inputProportions } from './proportions.js';
import type { StatTest } from './stat-test.js';

/**
 * Population Stability Index Σ (c − r)·ln(c / r) over the reference quantile bins (numeric) or categories,
 * proportions below 1e-4 raised to 1e-4; drift when ≥ 0.1 (the usual "moderate shift" cut-off, Evidently's default).
 */
export const psiStatTest: StatTest = {
  name: 'psi',
  description: 'Population Stability Index',
  kinds: ALL_KINDS,
  score: 'distance',
  defaultThreshold: 0.1,
  compute(input) {
    return distanceOutcome(psi(...inputProportions(input)));
  },
};
