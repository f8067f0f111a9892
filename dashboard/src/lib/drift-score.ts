import type { FeatureDriftResult } from '../api/types.js';

/** How far past its floor a feature's effect size is (1 = at the floor); p-value tests without a floor use 1 − p. */
export function driftScore(f: FeatureDriftResult): number | null {
  if (f.status !== 'tested') return null;
  if (f.effectSize !== null && f.effectSizeThreshold !== undefined && f.effectSizeThreshold > 0)
    return f.effectSize / f.effectSizeThreshold;
  if (f.distance !== null && f.threshold > 0) return f.distance / f.threshold;
  if (f.adjustedPValue !== null) return f.drifted ? 1 + (1 - f.adjustedPValue) : 1 - f.adjustedPValue;
  return null;
}
