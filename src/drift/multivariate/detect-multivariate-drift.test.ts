import { describe, expect, it } from 'vitest';
import { JOINT_SHIFT_FEATURES, jointShiftTable } from '../../../tests/support/drift/joint-shift-table.js';
import type { FeatureDriftResult } from '../drift-report.js';
import { detectMultivariateDrift } from './detect-multivariate-drift.js';
import { univariateTopFeatures } from './top-features.js';

describe('detectMultivariateDrift', () => {
  const input = {
    reference: jointShiftTable({ rows: 600, seed: 51 }),
    current: jointShiftTable({ rows: 600, seed: 52, shuffleShare: 1 }),
    features: JOINT_SHIFT_FEATURES,
  };

  it('runs the classifier by default and each configured method, all seeing the joint-only shift', () => {
    expect(detectMultivariateDrift(input).method).toBe('classifier');
    for (const method of ['classifier', 'pca', 'mmd'] as const) {
      const result = detectMultivariateDrift(input, {
        method,
        topFeatureCount: 2,
        mmd: { maxRowsPerSide: 300 },
        pca: { minReferenceChunks: 2 },
      });
      expect(result.method).toBe(method);
      expect(result.drifted).toBe(true);
      expect(result.topFeatures.map((f) => f.name).sort()).toEqual(['x0', 'x1']);
    }
  });

  it('skips the attribution when topFeatureCount is 0', () => {
    for (const method of ['classifier', 'pca', 'mmd'] as const) {
      const result = detectMultivariateDrift(input, {
        method,
        topFeatureCount: 0,
        mmd: { maxRowsPerSide: 200 },
        pca: { minReferenceChunks: 2 },
      });
      expect(result.drifted).toBe(true);
      expect(result.topFeatures).toEqual([]);
    }
  });

  it('is deterministic for a seed and validates its options', () => {
    expect(detectMultivariateDrift(input, { seed: 3, method: 'mmd', mmd: { maxRowsPerSide: 100 } })).toEqual(
      detectMultivariateDrift(input, { seed: 3, method: 'mmd', mmd: { maxRowsPerSide: 100 } }),
    );
    expect(() => detectMultivariateDrift(input, { method: 'nope' as 'pca' })).toThrow(/multivariate\.method/);
  });
});

describe('univariateTopFeatures', () => {
  const result = (name: string, drifted: boolean, effectSize: number | null): FeatureDriftResult =>
    ({ name, drifted, effectSize }) as FeatureDriftResult;

  it('ranks the drifted features by effect size, largest first, at most `count`', () => {
    const features = [
      result('a', true, 0.2),
      result('b', false, 0.9),
      result('c', true, 0.5),
      result('d', true, 0.2),
      result('e', true, null),
    ];
    expect(univariateTopFeatures(features)).toEqual([
      { name: 'c', importance: 0.5 },
      { name: 'a', importance: 0.2 },
      { name: 'd', importance: 0.2 },
    ]);
    expect(univariateTopFeatures(features, 1)).toEqual([{ name: 'c', importance: 0.5 }]);
    expect(univariateTopFeatures([result('b', false, 0.9)])).toEqual([]);
  });
});
