import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, P_VALUE_TOLERANCE } from '../../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../../tests/support/oracle/recipes.js';
import { rocAuc } from '../metrics/roc-auc.js';
import { delongTest } from './delong-test.js';
import { midranks } from './midranks.js';

type Input = number[] | SampleRecipe;
const fixture = loadOracle<Record<string, unknown>, Record<string, number>>('delong');
const delongCases = fixture.cases;
const evaluationFixture = loadOracle<Record<string, unknown>, Record<string, number[]>>('evaluation');

describe('delongTest against the pairwise DeLong 1988 reference (tests/oracle/gen_delong.py)', () => {
  it('has cases', () => expect(delongCases.length).toBeGreaterThanOrEqual(4));
  for (const c of delongCases) {
    it(c.id, () => {
      const y = materialize(c.inputs.yTrue as Input);
      const result = delongTest(y, materialize(c.inputs.scoresA as Input), materialize(c.inputs.scoresB as Input));
      expectClose(result.aucA, c.expected.aucA, 1e-12, 0, 'aucA');
      expectClose(result.aucB, c.expected.aucB, 1e-12, 0, 'aucB');
      expectClose(result.standardError, c.expected.standardError, 1e-10, 0, 'standardError');
      expectClose(result.z as number, c.expected.z, 1e-9, 0, 'z');
      expectClose(result.pValue, c.expected.pValue, 1e-8, P_VALUE_TOLERANCE.absolute, 'pValue');
    });
  }
});

describe('midranks', () => {
  it('equals scipy rankdata(method="average")', () => {
    const c = evaluationFixture.cases.find((x) => x.id === 'midranks-ties');
    expect(Array.from(midranks(c?.inputs.values as number[]))).toEqual(c?.expected.ranks);
  });
});

describe('delongTest properties', () => {
  const data = fc
    .array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), {
      minLength: 4,
      maxLength: 50,
    })
    .filter((rows) => rows.filter((r) => r[0] === 1).length >= 2 && rows.filter((r) => r[0] === 0).length >= 2);

  it('matches rocAuc, is antisymmetric in the two models and gives p = 1 for identical scores', () => {
    fc.assert(
      fc.property(data, (rows) => {
        const y = rows.map((r) => r[0]);
        const a = rows.map((r) => r[1]);
        const b = rows.map((r) => r[2]);
        const ab = delongTest(y, a, b);
        const ba = delongTest(y, b, a);
        expect(ab.aucA).toBeCloseTo(rocAuc(y, a), 12);
        expect(ab.aucB).toBeCloseTo(rocAuc(y, b), 12);
        expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
        expect(delongTest(y, a, a).pValue).toBe(1);
      }),
    );
  });

  it('gives p = 0 when the AUCs differ with zero variance, and rejects too few labels', () => {
    const result = delongTest([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], [0.5, 0.5, 0.5, 0.5]);
    expect(result).toMatchObject({ aucA: 1, aucB: 0.5, standardError: 0, z: null, pValue: 0 });
    expect(() => delongTest([0, 1, 1], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3])).toThrow(
      'yTrue: the DeLong test needs at least 2 positive and 2 negative labels, got 2 and 1',
    );
    expect(() => delongTest([0, 1, 1, 0], [0.1, 0.2, 0.3, 0.4], [0.1, 0.2])).toThrow(
      'scoresB: must have the same length',
    );
  });
});
