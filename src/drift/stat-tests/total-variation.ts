import { totalVariationDistance } from '../../stats/index.js';
import { ALL_KINDS, distanceOutcome, inputProportions } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Total variation distance ½ Σ |r − c| of the proportions; drift when ≥ 0.1. */
export const totalVariationStatTest: StatTest = {
  name: 'total_variation',
  description: 'total variation distance',
  kinds: ALL_KINDS,
  score: 'distance',
  defaultThreshold: 0.1,
  compute(input) {
    return distanceOutcome(totalVariationDistance(...inputProportions(input)));
  },
};
