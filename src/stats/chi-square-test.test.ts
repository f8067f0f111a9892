import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeContingencyOracle } from '../../tests/support/stats/contingency-oracle.js';
import { chiSquareTest } from './chi-square-test.js';
import { StatsInputError } from './stats-input-error.js';

describeContingencyOracle('chiSquareTest', chiSquareTest);

const expectFinite = (v: number): void => expect(Number.isFinite(v)).toBe(true);
const counts = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 30 });

describe('chiSquareTest properties and input rules', () => {
  it('is symmetric in its rows, p in [0, 1], and p = 1 for identical rows', () => {
    fc.assert(
      fc.property(counts, counts, (ref, raw) => {
        const cur = ref.map((_, i) => raw[i % raw.length]);
        if (ref.every((v) => v === 0) || cur.every((v) => v === 0)) return;
        const ab = chiSquareTest(ref, cur);
        const ba = chiSquareTest(cur, ref);
        expect(Math.abs(ab.statistic - ba.statistic)).toBeLessThanOrEqual(1e-12 * Math.max(1, ab.statistic));
        expect(ab.dof).toBe(ba.dof);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
        const same = chiSquareTest(ref, ref);
        expect(same.statistic).toBe(0);
        expect(same.pValue).toBe(1);
      }),
    );
  });

  it('drops categories empty in both rows and returns the dof-0 answer with one category left', () => {
    expect(chiSquareTest([4, 0, 6], [5, 0, 1])).toEqual(chiSquareTest([4, 6], [5, 1]));
    expect(chiSquareTest([3, 0], [9, 0])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
  });

  it('stays finite when rowTotal·columnTotal under- or overflows (subnormal or 1e200 counts)', () => {
    const tiny = chiSquareTest([5e-324, 1e-310], [2e-323, 1e-310]);
    expect(Number.isFinite(tiny.statistic) && tiny.pValue === 1).toBe(true);
    const huge = chiSquareTest([1e200, 2e200], [2e200, 1e200]);
    expectFinite(huge.statistic);
    expect(huge.pValue).toBe(0);
  });

  it('rejects bad counts naming the argument', () => {
    expect(() => chiSquareTest([], [])).toThrow(/^refCounts:/);
    expect(() => chiSquareTest([1, 2], [1])).toThrow(/^curCounts:/);
    expect(() => chiSquareTest([1, -2], [1, 1])).toThrow(/^refCounts\[1\]:/);
    expect(() => chiSquareTest([1, 2], [1, Number.NaN])).toThrow(/^curCounts\[1\]:/);
    expect(() => chiSquareTest([0, 0], [1, 1])).toThrow(/^refCounts: all counts are 0/);
    expect(() => chiSquareTest([1e308, 1e308], [1, 1])).toThrow(StatsInputError);
  });
});
