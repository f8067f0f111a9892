import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, STATISTIC_TOLERANCE } from '../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { bonferroni } from './bonferroni.js';

describe('bonferroni / benjaminiHochberg match scipy (tests/oracle/gen_corrections.py)', () => {
  const fixture = loadOracle<
    { pValues: number[] | SampleRecipe },
    { bonferroni: number[]; benjaminiHochberg: number[] }
  >('corrections');
  for (const c of fixture.cases) {
    it(c.id, () => {
      const p = materialize(c.inputs.pValues);
      const bonf = bonferroni(p);
      const bh = benjaminiHochberg(p);
      expect(bonf.length).toBe(p.length);
      expect(bh.length).toBe(p.length);
      for (let i = 0; i < p.length; i++) {
        expectClose(bonf[i], c.expected.bonferroni[i], STATISTIC_TOLERANCE.relative, 0, `${c.call} bonferroni[${i}]`);
        expectClose(bh[i], c.expected.benjaminiHochberg[i], STATISTIC_TOLERANCE.relative, 0, `BH[${i}]`);
      }
    });
  }

  it('rejects p-values outside [0, 1] and empty input naming the argument', () => {
    expect(() => bonferroni([0.5, 1.5])).toThrow(/^pValues\[1\]: must be in \[0, 1\]/);
    expect(() => benjaminiHochberg([-0.1])).toThrow(/^pValues\[0\]:/);
    expect(() => benjaminiHochberg([])).toThrow(/^pValues: must not be empty/);
    expect(() => bonferroni([NaN])).toThrow(/^pValues\[0\]:/);
  });
});
