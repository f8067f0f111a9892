/**
 * The import arrows of the layer rules (docs/architecture.md draws them), enforced by `npm run lint` over every file
 * that ships or tests: src/, the dashboard, tests/ and the test helpers in tests/support/.
 *
 * Shipping code: stats/ and domain/ import nothing of ours; drift/ and models/ only the pure cores; ports only domain
 * (and, type-only, the payload types of the pure cores); adapters only ports and domain; services never an adapter, a
 * framework edge, a worker or compose.ts; workers/ (thread plumbing and executors) sit beside compose.ts.
 *
 * Tests: a test may import what its layer may import, plus its helpers (tests/support/). Tests of the edges and of
 * the use cases may also wire real adapters, workers and compose.ts (we test against real components, not mocks);
 * tests of the pure cores stay pure; a contract suite (`*.contract.ts`) tests its port only.
 */
const TEST_FILE = '\\.(test|contract)\\.ts$';
/** What the package ships as entry points: the CLI, driftguard/stats, /drift, /client, and the worker threads. */
const ENTRY_POINTS =
  '^src/(cli/main|stats/index|drift/index|client/index|(workers|adapters/[a-z/-]+)/[a-z-]+-thread)\\.ts$';

/** `src/x/` or `src/x.ts` as an anchored path pattern. */
const srcPattern = (name) => (name.endsWith('.ts') ? `^src/${name.replace('.', '\\.')}$` : `^src/${name}/`);

const LAYERS = {
  stats: [],
  domain: [],
  drift: ['stats', 'domain', 'models'],
  models: ['stats', 'domain'],
  datagen: ['models', 'stats', 'domain'],
  ports: ['domain', 'drift', 'models'],
  services: ['domain', 'drift', 'models', 'ports', 'stats'],
  workers: ['services', 'domain', 'drift', 'models', 'ports', 'stats'],
  adapters: ['ports', 'domain', 'models'],
  http: ['services', 'domain', 'ports'],
  cli: ['services', 'domain', 'ports', 'compose.ts', 'table-readers.ts', 'http', 'datagen', 'client', 'drift'],
};

/** What tests of a layer may import beyond the layer's own arrows: real adapters and the wiring (not for the cores). */
const TEST_EXTRAS = {
  stats: [],
  domain: [],
  drift: [],
  models: [],
  datagen: [],
  ports: [],
  services: ['adapters', 'workers', 'compose.ts'],
  workers: ['adapters', 'compose.ts'],
  adapters: ['models', 'drift', 'stats', 'services', 'compose.ts'],
  http: ['adapters', 'workers', 'compose.ts', 'models'],
  cli: ['adapters', 'workers', 'models'],
};

const shippingLayer = (from, allowed) => ({
  name: `${from}-imports-only-${allowed.join('-') || 'nothing'}`,
  severity: 'error',
  comment: `src/${from}/ may import only: ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'nothing of ours'}`,
  from: { path: `^src/${from}/`, pathNot: TEST_FILE },
  to: { path: '^src/', pathNot: [`^src/${from}/`, ...allowed.map(srcPattern)] },
});

const testLayer = (from, allowed) => ({
  name: `${from}-tests-import-only-${allowed.join('-') || 'nothing'}`,
  severity: 'error',
  comment: `tests of src/${from}/ and their helpers (tests/support/${from}/) may import only: ${allowed.map((a) => `src/${a}`).join(', ') || 'nothing of ours'}`,
  from: { path: [`^src/${from}/.*${TEST_FILE}`, `^tests/support/${from}/`] },
  to: { path: '^src/', pathNot: [`^src/${from}/`, ...allowed.map(srcPattern)] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...Object.entries(LAYERS).map(([from, allowed]) => shippingLayer(from, allowed)),
    ...Object.entries(LAYERS).map(([from, allowed]) => testLayer(from, [...allowed, ...TEST_EXTRAS[from]])),
    {
      name: 'nothing-only-tests-reach',
      severity: 'error',
      comment:
        'every shipping file of src/ is reachable from an entry point of the package (the CLI, driftguard/stats, driftguard/drift, driftguard/client, a worker thread): code only tests reach is exported and documented, or deleted',
      from: { path: ENTRY_POINTS },
      to: {
        path: '^src/',
        pathNot: [TEST_FILE, ENTRY_POINTS],
        reachable: false,
      },
    },
    {
      name: 'ports-import-only-types-from-the-cores',
      severity: 'error',
      comment:
        'src/ports/ names payload types of the pure cores (drift reports, reference profiles, models) but never runs their code',
      from: { path: '^src/ports/' },
      to: { path: '^src/(drift|models)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contract-suites-test-their-port-only',
      severity: 'error',
      comment:
        'a contract suite (x.contract.ts) reaches the adapter only through its port: it imports ports, domain and test helpers',
      from: { path: '\\.contract\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/ports/', '^src/domain/'] },
    },
    {
      name: 'shipping-code-imports-no-tests',
      severity: 'error',
      comment: 'nothing that ships imports a test or a test helper',
      from: { path: '^(src|dashboard/src)/', pathNot: TEST_FILE },
      to: { path: [TEST_FILE, '^tests/'] },
    },
    {
      name: 'client-imports-only-types',
      severity: 'error',
      comment: 'src/client/ (driftguard/client, also for browsers) may import only types from the rest of src/',
      from: { path: '^src/client/', pathNot: TEST_FILE },
      to: { path: '^src/', pathNot: ['^src/client/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'client-uses-no-runtime-modules',
      severity: 'error',
      comment: 'driftguard/client runs anywhere fetch does: no node: module and no npm package',
      from: { path: '^src/client/', pathNot: TEST_FILE },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev'] },
    },
    {
      name: 'dashboard-imports-only-types-from-src',
      severity: 'error',
      comment:
        'the dashboard talks to the server over HTTP only; it shares payload TYPES with src/ (import type), never code',
      from: { path: '^dashboard/', pathNot: TEST_FILE },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-has-no-io',
      severity: 'error',
      comment: 'the pure cores (stats, domain, drift, models, datagen) do no I/O and use no framework',
      from: { path: '^src/(stats|domain|drift|models|datagen)/', pathNot: TEST_FILE },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev'], pathNot: ['^(node:)?(util|assert)$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
