import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, P_VALUE_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { categoricalCases } from '../../tests/support/stats/categorical-oracle.js';
import { fisherExact } from './fisher-exact.js';
import { StatsInputError } from './stats-input-error.js';

const { generator, cases } = categoricalCases<
  { table: number[][] },
  { pValue: number; oddsRatio: number | 'Infinity' }
>('fisherExact');

describe(`fisherExact vs scipy (${generator})`, () => {
  for (const c of cases) {
    it(`${c.id}: ${c.call}`, () => {
      const table = Object.freeze(c.inputs.table.map((row) => Object.freeze([...row])));
      const r = fisherExact(table);
      const odds = c.expected.oddsRatio === 'Infinity' ? Infinity : c.expected.oddsRatio;
      if (odds === Infinity || odds === 0) expect(r.oddsRatio).toBe(odds);
      else expectClose(r.oddsRatio, odds, 1e-15, 0, `${c.id} odds ratio`);
      expect(r.statistic).toBe(r.oddsRatio);
      expect(r.oddsRatioDefined).toBe(true);
      expectClose(r.pValue, c.expected.pValue, P_VALUE_TOLERANCE.relative, P_VALUE_TOLERANCE.absolute, `${c.id} p`);
    });
  }
});

describe('fisherExact properties and input rules', () => {
  const cell = fc.nat({ max: 60 });

  it('is invariant to transposing and swapping rows, p in [0, 1]', () => {
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const p = fisherExact([
          [a, b],
          [c, d],
        ]).pValue;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(
          fisherExact([
            [a, c],
            [b, d],
          ]).pValue,
        ).toBeCloseTo(p, 13);
        expect(
          fisherExact([
            [c, d],
            [a, b],
          ]).pValue,
        ).toBeCloseTo(p, 13);
      }),
    );
  });

  it('defines the empty row / column case where scipy returns NaN', () => {
    expect(
      fisherExact([
        [0, 0],
        [3, 4],
      ]),
    ).toEqual({ statistic: 1, pValue: 1, oddsRatio: 1, oddsRatioDefined: false });
    expect(
      fisherExact([
        [0, 5],
        [0, 4],
      ]).oddsRatioDefined,
    ).toBe(false);
  });

  it('rejects tables that are not 2 × 2 non-negative integer counts', () => {
    expect(() => fisherExact([[1, 2]])).toThrow(/^table:/);
    expect(() =>
      fisherExact([
        [1, 2],
        [3, -1],
      ]),
    ).toThrow(/^table\[1\]\[1\]:/);
    expect(() =>
      fisherExact([
        [1.5, 2],
        [3, 1],
      ]),
    ).toThrow(/^table\[0\]\[0\]:/);
    expect(() =>
      fisherExact([
        [1, 2],
        [Number.NaN, 1],
      ]),
    ).toThrow(StatsInputError);
  });
});
