import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, P_VALUE_TOLERANCE, STATISTIC_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { cramerVonMises, cramerVonMisesLimitCdf } from './cramer-von-mises.js';
import { StatsInputError } from './stats-input-error.js';

type Input = number[] | SampleRecipe;
const oracle = loadOracle<{ a: Input; b: Input }, { statistic: number; pValue: number }>('cramer_von_mises');

/**
 * scipy evaluates K_{1/4} with AMOS `kv`, whose relative error reaches ~4e-14 for arguments near 1–3
 * (checked against mpmath at 40 digits: our trapezoid K_{1/4} agrees with mpmath to ~1e-16). The
 * limiting cdf is therefore off by up to ~3e-15 in scipy, and p = 1 − cdf inherits that as an
 * absolute error. So p-values are compared within 1e-9 relative or 1e-14 absolute.
 */
const SCIPY_KV_ABSOLUTE = 1e-14;

describe('cramerVonMises vs scipy.stats.cramervonmises_2samp', () => {
  it.each(oracle.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = cramerVonMises(materialize(c.inputs.a), materialize(c.inputs.b));
    expectClose(result.statistic, c.expected.statistic, STATISTIC_TOLERANCE.relative, 0, `${c.call} statistic`);
    expectClose(result.pValue, c.expected.pValue, P_VALUE_TOLERANCE.relative, SCIPY_KV_ABSOLUTE, `${c.call} p`);
  });

  it('matches scipy within 1e-9 relative wherever p ≥ 1e-5 (the well-conditioned range)', () => {
    for (const c of oracle.cases.filter((x) => x.expected.pValue >= 1e-5)) {
      const result = cramerVonMises(materialize(c.inputs.a), materialize(c.inputs.b));
      expectClose(result.pValue, c.expected.pValue, P_VALUE_TOLERANCE.relative, 0, `${c.id} p`);
    }
  });
});

describe('cramerVonMisesLimitCdf', () => {
  it('agrees with the truncated series evaluated in 40-digit mpmath', () => {
    // mpmath: Σ_k Γ(k+½)/Γ(k+1)/(π^1.5 √x) √(4k+1) e^{−q} K_{1/4}(q), same truncation as scipy.
    expectClose(cramerVonMisesLimitCdf(1), 0.997539547819866, 1e-15);
    expectClose(1 - cramerVonMisesLimitCdf(2), 1.278073626395517e-5, 1e-10);
    expectClose(1 - cramerVonMisesLimitCdf(3), 7.56777850147485e-8, 3e-9);
  });

  it('rejects x ≤ 0', () => {
    expect(() => cramerVonMisesLimitCdf(0)).toThrow(StatsInputError);
  });
});

describe('cramerVonMises input validation', () => {
  it('needs two finite values per sample and names the argument', () => {
    expect(() => cramerVonMises([1], [1, 2])).toThrow(/^a: needs at least 2 values/);
    expect(() => cramerVonMises([1, 2], [])).toThrow(StatsInputError);
    expect(() => cramerVonMises([1, 2], [3, Number.NaN])).toThrow(/b\[1\]/);
  });

  it('does not mutate its inputs', () => {
    const a = Float64Array.of(3, 1, 2);
    const b = [9, 7, 8];
    cramerVonMises(a, b);
    expect(Array.from(a)).toEqual([3, 1, 2]);
    expect(b).toEqual([9, 7, 8]);
  });
});

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
  minLength: 2,
  maxLength: 40,
});

describe('cramerVonMises properties', () => {
  it('is symmetric in its arguments, with p in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r1 = cramerVonMises(x, y);
        const r2 = cramerVonMises(y, x);
        return r1.statistic === r2.statistic && r1.pValue === r2.pValue && r1.pValue >= 0 && r1.pValue <= 1;
      }),
    );
  });

  it('depends only on ranks: a strictly increasing transform leaves it unchanged', () => {
    const integers = fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 2, maxLength: 40 });
    const transform = (v: number): number => v ** 3 + 5 * v - 11;
    fc.assert(
      fc.property(integers, integers, (x, y) => {
        const r1 = cramerVonMises(x, y);
        const r2 = cramerVonMises(x.map(transform), y.map(transform));
        return r1.statistic === r2.statistic && r1.pValue === r2.pValue;
      }),
    );
  });
});
