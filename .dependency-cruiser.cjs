/**
 * The import arrows of ARCHITECTURE.md, enforced by `npm run lint`.
 * stats/ and domain/ import nothing of ours; drift/ and models/ only the pure cores; ports only domain;
 * adapters only ports and domain; services never an adapter, a framework edge or compose.ts.
 */
const layer = (from, allowed) => ({
  name: `${from}-imports-only-${allowed.join('-') || 'nothing'}`,
  severity: 'error',
  comment: `src/${from}/ may import only: ${allowed.length ? allowed.map((a) => `src/${a}/`).join(', ') : 'nothing of ours'}`,
  from: { path: `^src/${from}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${from}/`, ...allowed.map((a) => (a.endsWith('.ts') ? `^src/${a.replace('.', '\\.')}$` : `^src/${a}/`))],
  },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    layer('stats', []),
    layer('domain', []),
    layer('drift', ['stats', 'domain']),
    layer('models', ['stats', 'domain']),
    layer('datagen', ['models', 'stats', 'domain']),
    layer('ports', ['domain']),
    layer('services', ['domain', 'drift', 'models', 'ports', 'stats']),
    layer('adapters', ['ports', 'domain']),
    layer('http', ['services', 'domain', 'ports']),
    // table-readers.ts is wiring like compose.ts, kept apart so `driftguard report` starts without the other adapters.
    layer('cli', ['services', 'domain', 'ports', 'compose.ts', 'table-readers.ts', 'http', 'datagen', 'client']),
    {
      name: 'client-imports-only-types',
      severity: 'error',
      comment: 'src/client/ (driftguard/client, also for browsers) may import only types from the rest of src/',
      from: { path: '^src/client/' },
      to: { path: '^src/', pathNot: ['^src/client/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'client-uses-no-runtime-modules',
      severity: 'error',
      comment: 'driftguard/client runs anywhere fetch does: no node: module and no npm package',
      from: { path: '^src/client/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev'] },
    },
    {
      name: 'dashboard-imports-only-types-from-src',
      severity: 'error',
      comment: 'the dashboard talks to the server over HTTP only; it shares payload TYPES with src/ (import type), never code',
      from: { path: '^dashboard/' },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-has-no-io',
      severity: 'error',
      comment: 'the pure cores (stats, domain, drift, models, datagen) do no I/O and use no framework',
      from: { path: '^src/(stats|domain|drift|models|datagen)/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev'], pathNot: ['^(node:)?(util|assert)$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(test|contract)\\.ts$|/test-support/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
