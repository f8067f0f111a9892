import { describe, expect, it } from 'vitest';
import { expectClose, P_VALUE_TOLERANCE, STATISTIC_TOLERANCE } from '../oracle/oracle.js';
import { categoricalCases } from './categorical-oracle.js';

interface Result {
  statistic: number;
  pValue: number;
  dof: number;
}

/** Oracle cases for a 2 × k contingency test: inputs are frozen and must come back unchanged. */
export function describeContingencyOracle(
  test: string,
  fn: (ref: ArrayLike<number>, cur: ArrayLike<number>) => Result,
): void {
  const { generator, cases } = categoricalCases<{ ref: number[]; cur: number[] }, Result>(test);
  describe(`${test} vs scipy (${generator})`, () => {
    for (const c of cases) {
      it(`${c.id}: ${c.call}`, () => {
        const ref = Object.freeze([...c.inputs.ref]);
        const cur = Float64Array.from(c.inputs.cur);
        const r = fn(ref, cur);
        expect(Array.from(cur)).toEqual(c.inputs.cur);
        expect(r.dof).toBe(c.expected.dof);
        const statisticAbsolute = c.expected.statistic === 0 ? 1e-12 : 0;
        expectClose(
          r.statistic,
          c.expected.statistic,
          STATISTIC_TOLERANCE.relative,
          statisticAbsolute,
          `${c.id} statistic`,
        );
        expectClose(r.pValue, c.expected.pValue, P_VALUE_TOLERANCE.relative, P_VALUE_TOLERANCE.absolute, `${c.id} p`);
      });
    }
  });
}
