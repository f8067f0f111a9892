import { energyDistance } from '../../stats/index.js';
import { distanceOutcome, inputSamples } from './proportions.js';
import type { StatTest } from './stat-test.js';

/** Energy distance, scipy `energy_distance(reference, current)`; drift when ≥ 0.1 (Evidently's default). */
export const energyDistanceStatTest: StatTest = {
  name: 'energy',
  description: 'energy distance',
  kinds: ['numeric'],
  score: 'distance',
  defaultThreshold: 0.1,
  compute(input) {
    return distanceOutcome(energyDistance(...inputSamples(input)));
  },
};
