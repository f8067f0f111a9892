import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, STATISTIC_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { hellingerDistance } from './hellinger-distance.js';
import { jensenShannonDistance } from './jensen-shannon-distance.js';
import { klDivergence } from './kl-divergence.js';
import { StatsInputError } from './stats-input-error.js';
import { totalVariationDistance } from './total-variation-distance.js';

interface Expected {
  jensenShannon: number;
  klDivergence?: number;
  klInfinite: boolean;
  hellinger: number;
  totalVariation: number;
}
const fixture = loadOracle<{ p: number[]; q: number[]; base: number }, Expected>('distances');
const { relative } = STATISTIC_TOLERANCE;

describe('distribution distances match scipy/numpy (tests/oracle/gen_distances.py)', () => {
  for (const c of fixture.cases.filter((x) => x.id.startsWith('distributions-'))) {
    it(c.id, () => {
      const { p, q, base } = c.inputs;
      expectClose(jensenShannonDistance(p, q, base), c.expected.jensenShannon, relative, 0, `${c.call} JS`);
      const kl = klDivergence(p, q);
      if (c.expected.klInfinite) expect(kl).toBe(Infinity);
      else expectClose(kl, c.expected.klDivergence ?? NaN, relative, 0, 'KL');
      expectClose(hellingerDistance(p, q), c.expected.hellinger, relative, 0, 'Hellinger');
      expectClose(totalVariationDistance(p, q), c.expected.totalVariation, relative, 0, 'TV');
    });
  }

  it('rejects invalid distributions and bases naming the argument', () => {
    expect(() => jensenShannonDistance([0.5, 0.5], [1], 2)).toThrow(/^q: must have the same length/);
    expect(() => klDivergence([0, 0], [0.5, 0.5])).toThrow(/^p: must have a positive sum/);
    expect(() => hellingerDistance([0.5, -0.5], [0.5, 0.5])).toThrow(/^p\[1\]: must be >= 0/);
    expect(() => totalVariationDistance([1], [Infinity])).toThrow(StatsInputError);
    for (const base of [1, 0, -2, NaN, Infinity]) {
      expect(() => jensenShannonDistance([1], [1], base)).toThrow(/^base:/);
    }
  });
});
