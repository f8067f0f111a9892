import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeTwoSampleOracle } from '../../tests/support/stats/two-sample-oracle.js';
import { StatsInputError } from './stats-input-error.js';
import { welchTTest } from './welch-t-test.js';

describeTwoSampleOracle('welchTTest', (a, b) => ({ ...welchTTest(a, b) }));

describe('welchTTest properties and degenerate cases', () => {
  const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 30 });

  it('is antisymmetric in t, symmetric in p and dof, p in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = welchTTest(a, b);
        const ba = welchTTest(b, a);
        expect(ab.statistic === -ba.statistic).toBe(true);
        expect(ab.pValue).toBe(ba.pValue);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('defines the cases where scipy returns NaN', () => {
    expect(welchTTest([3, 3, 3], [3, 3])).toEqual({ statistic: 0, pValue: 1, dof: 1 });
    expect(welchTTest([1, 1, 1], [2, 2])).toEqual({ statistic: -Infinity, pValue: 0, dof: 1 });
  });

  it('needs two finite values per sample', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(/^a:/);
    expect(() => welchTTest([1, 2], [Number.NaN, 2])).toThrow(StatsInputError);
    expect(() => welchTTest([1e308, -1e308], [1, 2])).toThrow(/^a:.*overflow/);
  });
});
