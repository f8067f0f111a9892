import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../../tests/support/oracle/oracle.js';
import { mcnemarTest } from './mcnemar-test.js';

interface Inputs {
  yTrue: number[];
  scoresA: number[];
  scoresB: number[];
  exactBelow: number;
}
const fixture = loadOracle<
  Inputs,
  { onlyACorrect: number; onlyBCorrect: number; method: string; statistic: number; pValue: number }
>('evaluation');
const cases = fixture.cases.filter((c) => c.id.startsWith('mcnemar-'));

describe('mcnemarTest against scipy binomtest / chi2 (tests/oracle/gen_evaluation.py)', () => {
  it('has exact and chi-square cases', () => {
    expect(cases.some((c) => c.expected.method === 'exact')).toBe(true);
    expect(cases.some((c) => c.expected.method === 'chi-square')).toBe(true);
  });
  for (const c of cases) {
    it(c.id, () => {
      const result = mcnemarTest(c.inputs.yTrue, c.inputs.scoresA, c.inputs.scoresB, {
        exactBelow: c.inputs.exactBelow,
      });
      expect(result.onlyACorrect).toBe(c.expected.onlyACorrect);
      expect(result.onlyBCorrect).toBe(c.expected.onlyBCorrect);
      expect(result.method).toBe(c.expected.method);
      expectClose(result.statistic, c.expected.statistic, 1e-12, 0, 'statistic');
      expectClose(result.pValue, c.expected.pValue, 1e-9, 0, 'pValue');
    });
  }

  it('is symmetric in the two models and rejects a bad exactBelow', () => {
    const c = cases[1];
    const ab = mcnemarTest(c.inputs.yTrue, c.inputs.scoresA, c.inputs.scoresB);
    const ba = mcnemarTest(c.inputs.yTrue, c.inputs.scoresB, c.inputs.scoresA);
    expect(ba.pValue).toBe(ab.pValue);
    expect(ba.onlyACorrect).toBe(ab.onlyBCorrect);
    expect(() => mcnemarTest([0], [0.1], [0.2], { exactBelow: 5000 })).toThrow(
      'exactBelow: must be an integer in [0, 1000], got 5000',
    );
  });
});
