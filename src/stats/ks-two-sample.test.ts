import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, P_VALUE_TOLERANCE, STATISTIC_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { ksTwoSample } from './ks-two-sample.js';
import { StatsInputError } from './stats-input-error.js';

type Input = number[] | SampleRecipe;
const oracle = loadOracle<{ a: Input; b: Input }, { statistic: number; pValue: number; warnings: string[] }>(
  'ks_two_sample',
);

describe('ksTwoSample vs scipy.stats.ks_2samp', () => {
  it.each(oracle.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const a = materialize(c.inputs.a);
    const b = materialize(c.inputs.b);
    const result = ksTwoSample(a, b);
    expectClose(result.statistic, c.expected.statistic, STATISTIC_TOLERANCE.relative, 0, `${c.call} statistic`);
    expectClose(
      result.pValue,
      c.expected.pValue,
      P_VALUE_TOLERANCE.relative,
      P_VALUE_TOLERANCE.absolute,
      `${c.call} p`,
    );
    const exactEligible = Math.max(a.length, b.length) <= 10_000;
    const scipyFellBack = c.expected.warnings.some((w) => w.includes('Exact calculation unsuccessful'));
    expect(result.method).toBe(exactEligible && !scipyFellBack ? 'exact' : 'asymp');
  });

  it('covers the exact/asymptotic switch, the exact fallback and an underflowing p-value', () => {
    const ids = oracle.cases.map((c) => c.id);
    expect(ids).toContain('exact-boundary-10000-vs-7000');
    expect(ids).toContain('asymp-boundary-10001-vs-7000');
    expect(oracle.cases.some((c) => c.expected.warnings.length > 0)).toBe(true);
    expect(oracle.cases.some((c) => c.expected.pValue === 0)).toBe(true);
    expect(oracle.cases.some((c) => c.expected.pValue > 0 && c.expected.pValue < 2.2250738585072014e-308)).toBe(true);
  });
});

describe('ksTwoSample input validation', () => {
  it('rejects empty and non-finite input naming the argument', () => {
    expect(() => ksTwoSample([], [1])).toThrow(StatsInputError);
    expect(() => ksTwoSample([1], [])).toThrow(/^b: /);
    expect(() => ksTwoSample([1, Number.NaN], [1])).toThrow(/a\[1\]/);
    expect(() => ksTwoSample([1], [Number.POSITIVE_INFINITY])).toThrow(/b\[0\]/);
  });

  it('does not mutate its inputs', () => {
    const a = Float64Array.of(3, 1, 2);
    const b = [9, 7, 8];
    ksTwoSample(a, b);
    expect(Array.from(a)).toEqual([3, 1, 2]);
    expect(b).toEqual([9, 7, 8]);
  });
});

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
  minLength: 1,
  maxLength: 40,
});

describe('ksTwoSample properties', () => {
  it('ks(x, x) has statistic 0 and p-value 1', () => {
    fc.assert(
      fc.property(sample, (x) => {
        const r = ksTwoSample(x, x);
        return r.statistic === 0 && r.pValue === 1;
      }),
    );
  });

  it('is invariant under a strictly increasing transform of both samples', () => {
    // Integer inputs keep the cubic exact in doubles, so the transform is strictly increasing in floating point.
    const transform = (v: number): number => v ** 3 + 5 * v - 11;
    const integers = fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(integers, integers, (x, y) => {
        const r1 = ksTwoSample(x, y);
        const r2 = ksTwoSample(x.map(transform), y.map(transform));
        return r1.statistic === r2.statistic && r1.pValue === r2.pValue;
      }),
    );
  });

  it('has a symmetric statistic and p-value, within [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r1 = ksTwoSample(x, y);
        const r2 = ksTwoSample(y, x);
        return (
          r1.statistic === r2.statistic &&
          r1.pValue === r2.pValue &&
          r1.pValue >= 0 &&
          r1.pValue <= 1 &&
          r1.statistic >= 0 &&
          r1.statistic <= 1
        );
      }),
    );
  });
});
