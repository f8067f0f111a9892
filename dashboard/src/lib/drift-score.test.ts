import { describe, expect, it } from 'vitest';
import type { FeatureDriftResult } from '../api/types.js';
import { driftScore } from './drift-score.js';

function feature(over: Partial<FeatureDriftResult>): FeatureDriftResult {
  return {
    name: 'x',
    kind: 'numeric',
    status: 'tested',
    reason: null,
    test: 'ks',
    score: 'p_value',
    statistic: 0.1,
    pValue: 0.2,
    adjustedPValue: 0.2,
    distance: null,
    threshold: 0.05,
    direction: 'p_value_below',
    effectSize: null,
    effectSizeName: null,
    drifted: false,
    importanceWeight: 1,
    referenceCount: 100,
    currentCount: 100,
    summary: null,
    ...over,
  };
}

describe('drift score of a heatmap cell', () => {
  it('is the effect size over its floor when the report has a floor', () => {
    for (let i = 1; i <= 20; i++) {
      const floor = i / 40;
      const effect = ((i * 7) % 13) / 10;
      expect(driftScore(feature({ effectSize: effect, effectSizeThreshold: floor }))).toBeCloseTo(effect / floor, 12);
    }
  });

  it('is the distance over its threshold for distance tests without a floor (evidently mode)', () => {
    expect(driftScore(feature({ score: 'distance', distance: 0.3, threshold: 0.1, adjustedPValue: null }))).toBeCloseTo(
      3,
      12,
    );
  });

  it('grows as the p-value falls and crosses 1 only for a drifted feature; null when not tested', () => {
    const ps = Array.from({ length: 10 }, (_, i) => (10 - i) / 10);
    const stable = ps.map((p) => driftScore(feature({ adjustedPValue: p }))!);
    expect([...stable].sort((a, b) => a - b)).toEqual(stable);
    expect(Math.max(...stable)).toBeLessThan(1);
    expect(driftScore(feature({ adjustedPValue: 0.001, drifted: true }))).toBeGreaterThan(1);
    expect(driftScore(feature({ status: 'not_tested', reason: 'no values' }))).toBeNull();
  });
});
