import { describe, expect, it } from 'vitest';
import { loadOracle } from '../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { quantileBinEdges } from './quantile-bin-edges.js';

describe('quantileBinEdges is bit-identical to numpy (tests/oracle/gen_binning.py)', () => {
  const fixture = loadOracle<{ sample: number[] | SampleRecipe; bins: number }, { edges: number[] }>('binning');
  for (const c of fixture.cases.filter((x) => x.id.startsWith('edges-'))) {
    it(c.id, () => {
      const edges = quantileBinEdges(materialize(c.inputs.sample), c.inputs.bins);
      expect(Array.from(edges), c.call).toEqual(c.expected.edges);
    });
  }

  it('rejects bins that are not integers >= 1 and empty samples', () => {
    for (const bins of [0, -1, 2.5, NaN, 2 ** 24 + 1, Infinity])
      expect(() => quantileBinEdges([1, 2], bins)).toThrow(/^bins:/);
    expect(() => quantileBinEdges([], 3)).toThrow(/^sample: must not be empty/);
    expect(() => quantileBinEdges([1, -Infinity], 3)).toThrow(/^sample\[1\]:/);
  });
});
