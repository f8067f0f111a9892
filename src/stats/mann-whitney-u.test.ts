import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeTwoSampleOracle } from '../../tests/support/stats/two-sample-oracle.js';
import { mannWhitneyU } from './mann-whitney-u.js';
import { StatsInputError } from './stats-input-error.js';

describeTwoSampleOracle('mannWhitneyU', (a, b) => ({ ...mannWhitneyU(a, b) }));
describeTwoSampleOracle('mannWhitneyU-greater', (a, b) => ({ ...mannWhitneyU(a, b, 'greater') }), 8);
describeTwoSampleOracle('mannWhitneyU-less', (a, b) => ({ ...mannWhitneyU(a, b, 'less') }), 8);

describe('mannWhitneyU properties', () => {
  const sample = fc.array(
    fc.integer({ min: -20, max: 20 }).map((v) => v / 4),
    { minLength: 1, maxLength: 40 },
  );

  it('U_a + U_b = n_a·n_b, the p-value is symmetric and lies in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = mannWhitneyU(a, b);
        const ba = mannWhitneyU(b, a);
        expect(ab.statistic + ba.statistic).toBe(a.length * b.length);
        expect(ab.pValue).toBe(ba.pValue);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('one-sided p-values: greater(a, b) = less(b, a); off the centre the smaller tail is half the two-sided p-value', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const result = mannWhitneyU(a, b, 'greater');
        expect(result.pValue).toBe(mannWhitneyU(b, a, 'less').pValue);
        if (result.statistic === (a.length * b.length) / 2) return;
        const smaller = Math.min(result.pValue, mannWhitneyU(a, b, 'less').pValue);
        expect(smaller).toBeCloseTo(mannWhitneyU(a, b).pValue / 2, 12);
      }),
    );
  });

  it('gives p = 1 for identical samples and constant data', () => {
    fc.assert(
      fc.property(sample, (a) => {
        expect(mannWhitneyU(a, [...a].reverse()).pValue).toBe(1);
      }),
    );
    expect(mannWhitneyU([2, 2, 2], [2, 2])).toEqual({ statistic: 3, pValue: 1 });
  });

  it('rejects empty and non-finite input naming the argument', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(StatsInputError);
    expect(() => mannWhitneyU([1], [])).toThrow(/^b:/);
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow(/^a\[1\]:/);
    expect(() => mannWhitneyU([1], [Infinity])).toThrow(/^b\[0\]:/);
  });
});
