import { jensenShannonDistance } from '../../stats/index.js';
import { ALL_KINDS, distanceOutcome, inputProportions } from './proportions.js';
import type { StatTest } from './stat-test.js';

/**
 * Evidently's `jensenshannon`: scipy `jensenshannon(ref_proportions, cur_proportions)` with the natural log
 * (Evidently passes base=None), over categories / bins; drift when ≥ 0.1.
 */
export const jensenShannonStatTest: StatTest = {
  name: 'jensenshannon',
  description: 'Jensen–Shannon distance (natural log)',
  kinds: ALL_KINDS,
  score: 'distance',
  defaultThreshold: 0.1,
  compute(input) {
    return distanceOutcome(jensenShannonDistance(...inputProportions(input), Math.E));
  },
};
