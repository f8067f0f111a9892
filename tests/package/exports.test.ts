import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWithComponent } from '../support/components.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const builtStats = fileURLToPath(new URL('../../dist/stats/index.js', import.meta.url));

/** Every function issue 2 promises under `driftguard/stats`. */
const PUBLIC_STATS = [
  'StatsInputError',
  'ksTwoSample',
  'cramerVonMises',
  'andersonDarlingKSample',
  'mannWhitneyU',
  'welchTTest',
  'wassersteinDistance',
  'normedWassersteinDistance',
  'energyDistance',
  'chiSquareTest',
  'gTest',
  'fisherExact',
  'zTestProportions',
  'jensenShannonDistance',
  'klDivergence',
  'hellingerDistance',
  'totalVariationDistance',
  'psi',
  'quantileBinEdges',
  'histogram',
  'bonferroni',
  'benjaminiHochberg',
];

describeWithComponent(
  'the built package',
  { name: 'a build (npm run build)', available: async () => (existsSync(builtStats) ? null : `${builtStats} is missing`) },
  () => {
    it("exposes every statistics function as import('driftguard/stats')", () => {
      const script = `import('driftguard/stats').then((m) => {
        const names = ${JSON.stringify(PUBLIC_STATS)}.filter((n) => !(n in m));
        const ks = m.ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
        let error = '';
        try { m.ksTwoSample([], [1]); } catch (e) { error = e.name; }
        process.stdout.write(JSON.stringify({ missing: names, ks, error }));
      })`;
      const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }));
      expect(out.missing).toEqual([]);
      // scipy.stats.ks_2samp([1..5], [6..10]) → statistic 1.0, pvalue 0.007936507936507936 (exact: 2 / C(10, 5))
      expect(out.ks.statistic).toBe(1);
      expect(out.ks.pValue).toBeCloseTo(2 / 252, 15);
      expect(out.error).toBe('StatsInputError');
    });
  },
);
