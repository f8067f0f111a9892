import { describe, expect, it } from 'vitest';
import { DriftConfigError } from '../drift-config-error.js';
import { DEFAULT_MULTIVARIATE_OPTIONS, resolveMultivariateOptions } from './multivariate-options.js';

describe('resolveMultivariateOptions', () => {
  it('fills every default and merges partial sections', () => {
    expect(resolveMultivariateOptions()).toEqual(DEFAULT_MULTIVARIATE_OPTIONS);
    const resolved = resolveMultivariateOptions({
      method: 'pca',
      seed: 7,
      classifier: { aucFloor: 0.6 },
      pca: { referenceErrors: 'in-sample' },
    });
    expect(resolved.method).toBe('pca');
    expect(resolved.seed).toBe(7);
    expect(resolved.classifier).toEqual({ ...DEFAULT_MULTIVARIATE_OPTIONS.classifier, aucFloor: 0.6 });
    expect(resolved.pca.referenceErrors).toBe('in-sample');
  });

  it('names the field and the valid values of every bad option', () => {
    const cases: [unknown, RegExp][] = [
      ['classifier', /^multivariate: must be an object/],
      [{ method: 'lsdd' }, /^multivariate\.method: must be one of classifier, pca, mmd/],
      [
        { alpha: 0.1 },
        /^multivariate\.alpha: unknown option \(valid: method, topFeatureCount, seed, classifier, pca, mmd\)/,
      ],
      [{ classifier: { aucFloor: 0.4 } }, /^multivariate\.classifier\.aucFloor: must be in \[0\.5, 1\], got 0\.4/],
      [{ classifier: { pValueThreshold: 0 } }, /^multivariate\.classifier\.pValueThreshold: must be in \(0, 1\]/],
      [{ classifier: { folds: 2.5 } }, /^multivariate\.classifier\.folds: must be an integer/],
      [{ classifier: { trees: '40' } }, /^multivariate\.classifier\.trees: must be a number, got "40"/],
      [{ classifier: { depth: 3 } }, /^multivariate\.classifier\.depth: unknown option/],
      [
        { classifier: { maxRowsPerSide: 100, minSamplesLeaf: 60 } },
        /^multivariate\.classifier\.minSamplesLeaf: must be at most half of maxRowsPerSide/,
      ],
      [{ pca: { referenceErrors: 'both' } }, /^multivariate\.pca\.referenceErrors: must be one of held-out, in-sample/],
      [{ mmd: { maxRowsPerSide: 5000 } }, /^multivariate\.mmd\.maxRowsPerSide: must be in \[10, 2000\]/],
      [{ mmd: { permutations: 10 } }, /^multivariate\.mmd\.permutations: must be in \[19, 100000\]/],
      [{ topFeatureCount: -1 }, /^multivariate\.topFeatureCount/],
    ];
    for (const [raw, message] of cases) {
      expect(() => resolveMultivariateOptions(raw)).toThrow(DriftConfigError);
      expect(() => resolveMultivariateOptions(raw)).toThrow(message);
    }
    expect(() => resolveMultivariateOptions({ seed: -1 }, 'models.credit.drift.multivariate')).toThrow(
      /^models\.credit\.drift\.multivariate\.seed:/,
    );
  });
});
