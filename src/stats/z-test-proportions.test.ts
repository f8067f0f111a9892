import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, P_VALUE_TOLERANCE, STATISTIC_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { categoricalCases } from '../../tests/support/stats/categorical-oracle.js';
import { zTestProportions } from './z-test-proportions.js';

const { generator, cases } = categoricalCases<
  { args: [number, number, number, number] },
  { statistic: number; pValue: number }
>('zTestProportions');

describe(`zTestProportions vs the statsmodels formula (${generator})`, () => {
  for (const c of cases) {
    it(`${c.id}: ${c.call}`, () => {
      const r = zTestProportions(...c.inputs.args);
      expectClose(r.statistic, c.expected.statistic, STATISTIC_TOLERANCE.relative, 0, `${c.id} statistic`);
      expectClose(r.pValue, c.expected.pValue, P_VALUE_TOLERANCE.relative, P_VALUE_TOLERANCE.absolute, `${c.id} p`);
    });
  }
});

describe('zTestProportions properties and input rules', () => {
  const sample = fc
    .integer({ min: 1, max: 10_000 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it('is antisymmetric in z, symmetric in p, p in [0, 1], and p = 1 for equal proportions', () => {
    fc.assert(
      fc.property(sample, sample, ([x1, n1], [x2, n2]) => {
        const ab = zTestProportions(x1, n1, x2, n2);
        const ba = zTestProportions(x2, n2, x1, n1);
        expect(ab.statistic === -ba.statistic).toBe(true);
        expect(ab.pValue).toBe(ba.pValue);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
        expect(zTestProportions(x1, n1, 2 * x1, 2 * n1).pValue).toBeCloseTo(1, 12);
      }),
    );
  });

  it('defines p̂ ∈ {0, 1} (statsmodels: NaN) as z = 0, p = 1', () => {
    expect(zTestProportions(0, 10, 0, 20)).toEqual({ statistic: 0, pValue: 1 });
    expect(zTestProportions(10, 10, 20, 20)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('rejects counts that are not integers with 0 <= x <= n, n >= 1', () => {
    expect(() => zTestProportions(1, 0, 1, 2)).toThrow(/^n1:/);
    expect(() => zTestProportions(3, 2, 1, 2)).toThrow(/^x1:/);
    expect(() => zTestProportions(1, 2, 1.5, 2)).toThrow(/^x2:/);
    expect(() => zTestProportions(1, 2, 1, Number.NaN)).toThrow(/^n2:/);
    expect(() => zTestProportions(-1, 2, 1, 2)).toThrow(/^x1:/);
  });
});
