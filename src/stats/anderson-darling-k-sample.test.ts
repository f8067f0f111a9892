import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, P_VALUE_TOLERANCE, STATISTIC_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { andersonDarlingKSample } from './anderson-darling-k-sample.js';
import { StatsInputError } from './stats-input-error.js';

type Input = number[] | SampleRecipe;
const oracle = loadOracle<
  { samples: Input[] },
  { statistic: number; pValue: number; criticalValues: number[]; warnings: string[] }
>('anderson_darling_k_sample');

describe('andersonDarlingKSample vs scipy.stats.anderson_ksamp', () => {
  it.each(oracle.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = andersonDarlingKSample(c.inputs.samples.map(materialize));
    expectClose(result.statistic, c.expected.statistic, STATISTIC_TOLERANCE.relative, 0, `${c.call} statistic`);
    expectClose(
      result.pValue,
      c.expected.pValue,
      P_VALUE_TOLERANCE.relative,
      P_VALUE_TOLERANCE.absolute,
      `${c.call} p`,
    );
    expect(result.criticalValues).toHaveLength(7);
    result.criticalValues.forEach((v, i) => expectClose(v, c.expected.criticalValues[i], 1e-15, 0, `critical[${i}]`));
    const warning = c.expected.warnings[0] ?? '';
    const capped = warning.startsWith('p-value floored')
      ? 'floor'
      : warning.startsWith('p-value capped')
        ? 'ceiling'
        : null;
    expect(result.pValueCapped).toBe(capped);
  });

  it('covers both caps and the interpolated range', () => {
    const first = oracle.cases.map((c) => c.expected.warnings[0] ?? 'none');
    expect(first.some((w) => w.startsWith('p-value floored'))).toBe(true);
    expect(first.some((w) => w.startsWith('p-value capped'))).toBe(true);
    expect(first.filter((w) => w === 'none').length).toBeGreaterThanOrEqual(5);
  });

  it('reports scipy significance levels', () => {
    const r = andersonDarlingKSample([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(r.significanceLevels).toEqual([0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]);
  });
});

describe('andersonDarlingKSample input validation', () => {
  it('rejects too few samples, empty or non-finite samples, and degenerate pooled data', () => {
    expect(() => andersonDarlingKSample([[1, 2, 3]])).toThrow(/^samples: needs at least 2 samples/);
    expect(() => andersonDarlingKSample([[1, 2], []])).toThrow(/^samples\[1\]: must not be empty/);
    expect(() =>
      andersonDarlingKSample([
        [1, 2],
        [3, Number.NaN],
      ]),
    ).toThrow(/samples\[1\]\[1\]/);
    expect(() =>
      andersonDarlingKSample([
        [2, 2],
        [2, 2],
      ]),
    ).toThrow(/two distinct values/);
    expect(() => andersonDarlingKSample([[1, 2], [3]])).toThrow(/at least 4 observations/);
    expect(() => andersonDarlingKSample('nope' as unknown as number[][])).toThrow(StatsInputError);
  });

  it('does not mutate its inputs', () => {
    const a = Float64Array.of(3, 1, 2);
    const b = [9, 7, 8];
    andersonDarlingKSample([a, b]);
    expect(Array.from(a)).toEqual([3, 1, 2]);
    expect(b).toEqual([9, 7, 8]);
  });
});

describe('andersonDarlingKSample properties', () => {
  const integers = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 30 });
  const distinctPair = fc.tuple(integers, integers).filter(([x, y]) => new Set([...x, ...y]).size >= 2);

  it('has p in [0.001, 0.25] and pValueCapped consistent with the critical values', () => {
    fc.assert(
      fc.property(distinctPair, ([x, y]) => {
        const r = andersonDarlingKSample([x, y]);
        const lo = Math.min(...r.criticalValues);
        const hi = Math.max(...r.criticalValues);
        const capped = r.statistic < lo ? 'ceiling' : r.statistic > hi ? 'floor' : null;
        return r.pValue >= 0 && r.pValue <= 1 && r.pValueCapped === capped;
      }),
    );
  });

  it('does not depend on the order of the samples and only on ranks', () => {
    const transform = (v: number): number => v ** 3 + 5 * v - 11;
    fc.assert(
      fc.property(distinctPair, ([x, y]) => {
        const r1 = andersonDarlingKSample([x, y]);
        const r2 = andersonDarlingKSample([y.map(transform), x.map(transform)]);
        return Math.abs(r1.statistic - r2.statistic) <= 1e-12 * Math.max(1, Math.abs(r1.statistic));
      }),
    );
  });
});
