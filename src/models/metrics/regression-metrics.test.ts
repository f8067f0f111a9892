import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../../tests/support/oracle/recipes.js';
import { meanAbsoluteError, r2Score, rootMeanSquaredError } from './regression-metrics.js';

type Input = number[] | SampleRecipe;
const fixture = loadOracle<{ yTrue: Input; yPred?: Input }, Record<string, number>>('metrics');
const cases = fixture.cases.filter((c) => c.inputs.yPred !== undefined);

describe('regression metrics against sklearn (tests/oracle/gen_metrics.py)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(4));
  for (const c of cases) {
    it(c.id, () => {
      const y = materialize(c.inputs.yTrue);
      const yHat = materialize(c.inputs.yPred as Input);
      expectClose(rootMeanSquaredError(y, yHat), c.expected.rmse, 1e-12, 0, 'rmse');
      expectClose(meanAbsoluteError(y, yHat), c.expected.mae, 1e-12, 0, 'mae');
      expectClose(r2Score(y, yHat), c.expected.r2, 1e-12, 0, 'r2');
    });
  }
});

describe('regression metric properties', () => {
  const value = fc.integer({ min: -8000, max: 8000 }).map((v) => v / 8);
  const pairs = fc
    .integer({ min: 2, max: 40 })
    .chain((n) =>
      fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n })),
    );

  it('MAE ≤ RMSE, and a perfect prediction gives 0, 0 and R² = 1', () => {
    fc.assert(
      fc.property(pairs, ([y, yHat]) => {
        expect(meanAbsoluteError(y, yHat)).toBeLessThanOrEqual(rootMeanSquaredError(y, yHat) * (1 + 1e-12));
        expect(rootMeanSquaredError(y, y)).toBe(0);
        expect(r2Score(y, y)).toBe(1);
      }),
    );
  });

  it('predicting the mean gives R² = 0 up to rounding', () => {
    fc.assert(
      fc.property(pairs, ([y]) => {
        if (y.every((v) => v === y[0])) return;
        const mean = y.reduce((a, b) => a + b, 0) / y.length;
        expect(
          Math.abs(
            r2Score(
              y,
              y.map(() => mean),
            ),
          ),
        ).toBeLessThan(1e-9);
      }),
    );
  });

  it('rejects mismatched lengths and non-finite values', () => {
    expect(() => rootMeanSquaredError([1, 2], [1])).toThrow('yPred: must have the same length as yTrue (2), got 1');
    expect(() => r2Score([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow('yTrue[1]: must be a finite number');
  });
});
