import { hellingerDistance } from '../../stats/index.js';
import { ALL_KINDS, distanceOutcome, inputProportions } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Hellinger distance sqrt(½ Σ (√r − √c)²) of the proportions; drift when ≥ 0.1. */
export const hellingerStatTest: StatTest = {
  name: 'hellinger',
  description: 'Hellinger distance',
  kinds: ALL_KINDS,
  score: 'distance',
  defaultThreshold: 0.1,
  compute(input) {
    return distanceOutcome(hellingerDistance(...inputProportions(input)));
  },
};
