import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWithComponent } from '../support/components/describe-with-component.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const builtStats = fileURLToPath(new URL('../../dist/stats/index.js', import.meta.url));
const builtClient = fileURLToPath(new URL('../../dist/client/index.js', import.meta.url));
const builtDrift = fileURLToPath(new URL('../../dist/drift/index.js', import.meta.url));

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
  {
    name: 'a build (npm run build)',
    available: async () => (existsSync(builtStats) ? null : `${builtStats} is missing`),
  },
  () => {
    it("exposes every statistics function as import('driftguard/stats')", () => {
      const script = `import('driftguard/stats').then((m) => {
        const names = ${JSON.stringify(PUBLIC_STATS)}.filter((n) => !(n in m));
        const ks = m.ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
        let error = '';
        try { m.ksTwoSample([], [1]); } catch (e) { error = e.name; }
        process.stdout.write(JSON.stringify({ missing: names, ks, error }));
      })`;
      const out = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }),
      );
      expect(out.missing).toEqual([]);
      // scipy.stats.ks_2samp([1..5], [6..10]) → statistic 1.0, pvalue 0.007936507936507936 (exact: 2 / C(10, 5))
      expect(out.ks.statistic).toBe(1);
      expect(out.ks.pValue).toBeCloseTo(2 / 252, 15);
      expect(out.error).toBe('StatsInputError');
    });
  },
);

describeWithComponent(
  'the built client',
  {
    name: 'a build (npm run build)',
    available: async () => (existsSync(builtClient) ? null : `${builtClient} is missing`),
  },
  () => {
    it("exposes the client as import('driftguard/client'), loading no module outside dist/client", () => {
      const script = `import('driftguard/client').then((m) => {
        const client = m.createDriftguardClient({ url: 'http://127.0.0.1:9', model: 'm' });
        const error = new m.DriftguardRequestError(422, 'unprocessable', 'refused', [{ path: '/features/x', reason: 'unknown feature' }]);
        process.stdout.write(JSON.stringify({
          exports: Object.keys(m).sort(),
          methods: Object.keys(client).sort(),
          error: { name: error.name, status: error.status, details: error.details },
        }));
      })`;
      const out = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }),
      );
      expect(out.exports).toEqual([
        'DriftguardClientStateError',
        'DriftguardNetworkError',
        'DriftguardRequestError',
        'createDriftguardClient',
      ]);
      expect(out.methods).toEqual(
        expect.arrayContaining([
          'close',
          'flush',
          'logPrediction',
          'logPredictions',
          'predict',
          'predictBatch',
          'sendLabel',
          'sendLabels',
          'uploadReference',
        ]),
      );
      expect(out.error).toEqual({
        name: 'DriftguardRequestError',
        status: 422,
        details: [{ path: '/features/x', reason: 'unknown feature' }],
      });
      const imports = readdirSync(dirname(builtClient))
        .filter((f) => f.endsWith('.js'))
        .flatMap((f) =>
          [
            ...readFileSync(join(dirname(builtClient), f), 'utf8').matchAll(/^(?:import|export) .* from '([^']+)'/gm),
          ].map((m) => m[1]),
        );
      expect(imports.filter((spec) => !/^\.\/[a-z-]+\.js$/.test(spec))).toEqual([]);
    });
  },
);

describeWithComponent(
  'the built drift engine',
  {
    name: 'a build (npm run build)',
    available: async () => (existsSync(builtDrift) ? null : `${builtDrift} is missing`),
  },
  () => {
    it("runs examples/drift-library.mjs (docs/library.md) through import('driftguard/drift')", () => {
      const out = execFileSync(process.execPath, ['examples/drift-library.mjs'], { cwd: root, encoding: 'utf8' });
      expect(out).toMatch(/^dataset drift: true \(2 of 3 features\)$/m);
      expect(out).toMatch(/^ {2}age: ks p=\S+ drifted=false$/m);
      expect(out).toMatch(/^stream: none → none → high/m);
    });
  },
);
