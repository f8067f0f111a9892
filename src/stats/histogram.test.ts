import { describe, expect, it } from 'vitest';
import { loadOracle } from '../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { histogram } from './histogram.js';

describe('histogram matches np.histogram (tests/oracle/gen_binning.py)', () => {
  const fixture = loadOracle<
    { values: number[] | SampleRecipe; edges: number[] },
    { counts: number[]; below: number; above: number }
  >('binning');
  for (const c of fixture.cases.filter((x) => x.id.startsWith('histogram-'))) {
    it(c.id, () => {
      const result = histogram(materialize(c.inputs.values), c.inputs.edges);
      expect({ counts: Array.from(result.counts), below: result.below, above: result.above }, c.call).toEqual(
        c.expected,
      );
    });
  }

  it('rejects bad edges and non-finite values naming the argument', () => {
    expect(() => histogram([1], [0])).toThrow(/^edges: needs at least 2 edges/);
    expect(() => histogram([1], [0, 2, 1])).toThrow(/^edges\[2\]: edges must not decrease/);
    expect(() => histogram([1], [0, NaN])).toThrow(/^edges\[1\]:/);
    expect(() => histogram([0.5, NaN], [0, 1])).toThrow(/^values\[1\]: must be a finite number/);
    expect(() => histogram([Infinity], [0, 1])).toThrow(/^values\[0\]:/);
  });
});
