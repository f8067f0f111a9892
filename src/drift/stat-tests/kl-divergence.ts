import { klDivergence } from '../../stats/index.js';
import { ALL_KINDS, distanceOutcome, inputProportions } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Kullback–Leibler divergence of the reference from the current proportions, scipy `entropy(ref, cur)`, after Evidently's zero fill. */
export const klDivergenceStatTest: StatTest = {
  name: 'kl_div',
  description: 'Kullback–Leibler divergence (natural log)',
  kinds: ALL_KINDS,
  score: 'distance',
  defaultThreshold: 0.1,
  compute(input) {
    return distanceOutcome(klDivergence(...inputProportions(input, true)));
  },
};
