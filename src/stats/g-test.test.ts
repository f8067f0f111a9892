import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeContingencyOracle } from '../../tests/support/stats/contingency-oracle.js';
import { gTest } from './g-test.js';

describeContingencyOracle('gTest', gTest);

describe('gTest properties and input rules', () => {
  it('is symmetric in its rows with p in [0, 1]', () => {
    const counts = fc.array(fc.nat({ max: 500 }), { minLength: 2, maxLength: 20 });
    fc.assert(
      fc.property(counts, counts, (ref, raw) => {
        const cur = ref.map((_, i) => raw[i % raw.length] + 1);
        if (ref.every((v) => v === 0)) return;
        const ab = gTest(ref, cur);
        const ba = gTest(cur, ref);
        expect(Math.abs(ab.statistic - ba.statistic)).toBeLessThanOrEqual(1e-9 * Math.max(1, ab.statistic));
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('handles empty-in-both categories like chiSquareTest', () => {
    expect(gTest([4, 0, 6], [5, 0, 1])).toEqual(gTest([4, 6], [5, 1]));
    expect(gTest([0, 2], [0, 1])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
    expect(() => gTest([1, 1], [0, 0])).toThrow(/^curCounts: all counts are 0/);
  });
});
