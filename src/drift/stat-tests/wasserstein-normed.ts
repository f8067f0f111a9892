import { wassersteinDistance } from '../../stats/index.js';
import { distanceOutcome, inputSamples } from './proportions.js';
import type { StatTest } from './stat-test.js';

/**
 * Evidently's `wasserstein`: scipy `wasserstein_distance(reference, current) / max(std(reference), 0.001)`, with
 * std the population std of the full reference (kept exactly in the profile). Drift when ≥ 0.1.
 */
export const wassersteinNormedStatTest: StatTest = {
  name: 'wasserstein',
  description: 'Wasserstein distance normed by the reference std',
  kinds: ['numeric'],
  score: 'distance',
  defaultThreshold: 0.1,
  compute(input) {
    const [ref, cur] = inputSamples(input);
    const std = input.reference.kind === 'numeric' ? (input.reference.std ?? 0) : 0;
    return distanceOutcome(wassersteinDistance(ref, cur) / Math.max(std, 0.001));
  },
};
