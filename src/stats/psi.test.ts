import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, STATISTIC_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { histogram } from './histogram.js';
import { jensenShannonDistance } from './jensen-shannon-distance.js';
import { psi } from './psi.js';
import { quantileBinEdges } from './quantile-bin-edges.js';

const { relative } = STATISTIC_TOLERANCE;

describe('psi matches numpy (tests/oracle/gen_distances.py)', () => {
  const fixture = loadOracle<{ ref: number[]; cur: number[]; epsilon: number }, { psi: number }>('distances');
  for (const c of fixture.cases.filter((x) => x.id.startsWith('psi-'))) {
    it(c.id, () => {
      expectClose(psi(c.inputs.ref, c.inputs.cur, { epsilon: c.inputs.epsilon }), c.expected.psi, relative, 0, c.call);
    });
  }

  it('defaults epsilon to 1e-4', () => {
    expect(psi([0, 1], [1, 0])).toBe(psi([0, 1], [1, 0], { epsilon: 1e-4 }));
  });

  it('rejects a bad epsilon and bad proportions naming the argument', () => {
    for (const epsilon of [0, -1e-4, NaN, Infinity]) {
      expect(() => psi([1], [1], { epsilon })).toThrow(/^options\.epsilon:/);
    }
    expect(() => psi([0.5, 0.5], [1.5, -0.5])).toThrow(/^curProportions\[1\]: must be >= 0/);
    expect(() => psi([], [])).toThrow(/^refProportions: must not be empty/);
    expect(() => psi([1], [1], null as never)).toThrow(/^options: must be an object/);
  });
});

describe('binning + PSI / JS pipeline matches numpy + scipy (tests/oracle/gen_distances.py)', () => {
  const fixture = loadOracle<
    { ref: SampleRecipe; cur: SampleRecipe; bins: number },
    { psi: number; jensenShannon: number }
  >('distances');
  for (const c of fixture.cases.filter((x) => x.id.startsWith('pipeline-'))) {
    it(c.id, () => {
      const ref = materialize(c.inputs.ref);
      const cur = materialize(c.inputs.cur);
      const edges = quantileBinEdges(ref, c.inputs.bins);
      const r = histogram(ref, edges).counts;
      const k = histogram(cur, edges).counts;
      expectClose(psi(r, k), c.expected.psi, relative, 0, `${c.call} psi`);
      expectClose(jensenShannonDistance(r, k), c.expected.jensenShannon, relative, 0, 'JS');
    });
  }
});
