import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, STATISTIC_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { energyDistance } from './energy-distance.js';
import { normedWassersteinDistance } from './normed-wasserstein-distance.js';
import { StatsInputError } from './stats-input-error.js';
import { wassersteinDistance } from './wasserstein-distance.js';

type Sample = number[] | SampleRecipe;
const fixture = loadOracle<
  { a: Sample; b: Sample },
  { wasserstein: number; normedWasserstein: number; energy: number }
>('distances');
const { relative } = STATISTIC_TOLERANCE;

describe('wassersteinDistance / normedWassersteinDistance / energyDistance match scipy (tests/oracle/gen_distances.py)', () => {
  for (const c of fixture.cases.filter((x) => x.id.startsWith('samples-'))) {
    it(c.id, () => {
      const a = materialize(c.inputs.a);
      const b = materialize(c.inputs.b);
      expectClose(wassersteinDistance(a, b), c.expected.wasserstein, relative, 0, `${c.call} wasserstein`);
      expectClose(normedWassersteinDistance(a, b), c.expected.normedWasserstein, relative, 0, 'normed');
      expectClose(energyDistance(a, b), c.expected.energy, relative, 0, 'energy');
    });
  }

  it('accepts plain arrays and typed arrays alike', () => {
    expect(wassersteinDistance([0, 1, 3], Float64Array.of(5, 6, 8))).toBe(5);
  });

  it('rejects empty and non-finite samples naming the argument', () => {
    expect(() => wassersteinDistance([], [1])).toThrow(StatsInputError);
    expect(() => energyDistance([1], [])).toThrow(/^b: must not be empty/);
    expect(() => normedWassersteinDistance([1, NaN], [1])).toThrow(/^a\[1\]: must be a finite number/);
  });
});
