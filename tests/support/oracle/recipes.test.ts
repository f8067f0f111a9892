import { describe, expect, it } from 'vitest';
import { loadOracle } from './oracle.js';
import { buildSample, type SampleRecipe } from './recipes.js';

/** Exact sum (Shewchuk / math.fsum) so the comparison is bit-for-bit, not within a tolerance. */
function fsum(values: ArrayLike<number>): number {
  const partials: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let x = values[i];
    let j = 0;
    for (const p of partials) {
      let y = p;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[j++] = lo;
      x = hi;
    }
    partials.length = j;
    partials.push(x);
  }
  return partials.reduce((a, b) => a + b, 0);
}

describe('sample recipes are bit-identical to tests/oracle/recipes.py', () => {
  const fixture = loadOracle<{ recipe: SampleRecipe }, { first: number[]; last: number[]; fsum: number }>('recipes');
  for (const c of fixture.cases) {
    it(c.id, () => {
      const xs = buildSample(c.inputs.recipe);
      expect(Array.from(xs.slice(0, 5))).toEqual(c.expected.first);
      expect(Array.from(xs.slice(-3))).toEqual(c.expected.last);
      expect(fsum(xs)).toBe(c.expected.fsum);
    });
  }
});
