import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, P_VALUE_TOLERANCE, STATISTIC_TOLERANCE } from '../oracle/oracle.js';
import { materialize, type SampleRecipe } from '../oracle/recipes.js';

type Input = number[] | SampleRecipe;

/**
 * Runs the cases of tests/oracle/fixtures/parametric.json for `test` against `fn`: `a` is passed frozen, `b` is
 * checked unmodified; `pValue` uses the p-value tolerance, every other expected field the statistic tolerance.
 */
export function describeTwoSampleOracle(
  test: string,
  fn: (a: ArrayLike<number>, b: ArrayLike<number>) => Record<string, number>,
  minCases = 11,
): void {
  const fixture = loadOracle<{ test: string; a: Input; b: Input }, Record<string, number>>('parametric');
  describe(`${test} vs scipy (${fixture.generator})`, () => {
    const cases = fixture.cases.filter((c) => c.inputs.test === test);
    it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(minCases));
    for (const c of cases) {
      it(`${c.id}: ${c.call}`, () => {
        const a = Object.freeze(Array.from(materialize(c.inputs.a)));
        const b = materialize(c.inputs.b);
        const before = Float64Array.from(b);
        const result = fn(a, b);
        expect(b).toEqual(before);
        for (const [field, expected] of Object.entries(c.expected)) {
          const tolerance = field === 'pValue' ? P_VALUE_TOLERANCE : STATISTIC_TOLERANCE;
          expectClose(result[field], expected, tolerance.relative, tolerance.absolute, `${c.id} ${field}`);
        }
      });
    }
  });
}
