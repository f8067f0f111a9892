import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../../tests/support/http/expect-error-body.js';
import { auth, createTestApp } from '../../tests/support/http/test-app.js';
import { resolveServeSettings } from '../services/config/serve-settings.js';
import { parseServiceConfig } from '../services/config/service-config.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Definitions that can never be evaluated, each with the path its refusal must name. */
const NEVER_EVALUABLE: { name: string; definition: Record<string, unknown>; path: string; reason: RegExp }[] = [
  {
    name: 'an unknown test name',
    definition: { features: { income: { test: 'bogus_test' } } },
    path: '/features/income/test',
    reason: /unknown test.*ks/,
  },
  {
    name: 'ks on a categorical feature',
    definition: { features: { region: { kind: 'categorical', test: 'ks' } } },
    path: '/features/region/test',
    reason: /numeric/,
  },
  {
    name: 'ks on a feature whose allowed values make it categorical',
    definition: { features: { region: { allowedValues: ['n', 's'], test: 'ks' } } },
    path: '/features/region/test',
    reason: /categorical/,
  },
  {
    name: 'severity thresholds out of order',
    definition: { drift: { severity: { low: 0.5, medium: 0.2, high: 0.9 } } },
    path: '/drift/severity',
    reason: /low ≤ medium ≤ high/,
  },
  {
    name: 'severity medium above the default high',
    definition: { drift: { severity: { medium: 0.8 } } },
    path: '/drift/severity',
    reason: /low ≤ medium ≤ high/,
  },
  {
    name: 'bounds.min > bounds.max',
    definition: { features: { income: { bounds: { min: 10, max: 1 } } } },
    path: '/features/income/bounds',
    reason: /min.*≤ max/,
  },
  {
    name: 'allowedValues on a numeric feature',
    definition: { features: { income: { kind: 'numeric', allowedValues: [1, 2] } } },
    path: '/features/income/allowedValues',
    reason: /numeric/,
  },
  {
    name: 'bounds on a categorical feature',
    definition: { features: { region: { kind: 'categorical', bounds: { min: 0 } } } },
    path: '/features/region/bounds',
    reason: /only numeric/,
  },
  {
    name: 'a feature named ""',
    definition: { features: { '': {} } },
    path: '/features/',
    reason: /empty/,
  },
];

describe('definitions that can never be evaluated are refused with 422 naming the path', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('admin'), payload: { name: 'existing' } });
  });
  afterAll(async () => {
    await t.close();
  });

  for (const c of NEVER_EVALUABLE) {
    it(`${c.name}: POST /v1/models, PUT /v1/models/{name} and the config file`, async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/v1/models',
        headers: auth('admin'),
        payload: { name: 'fresh', ...c.definition },
      });
      expect(created.statusCode, created.body).toBe(422);
      expect(expectErrorBody(created).details).toContainEqual({
        path: c.path,
        reason: expect.stringMatching(c.reason),
      });
      const replaced = await t.app.inject({
        method: 'PUT',
        url: '/v1/models/existing',
        headers: auth('admin'),
        payload: { name: 'existing', ...c.definition },
      });
      expect(replaced.statusCode, replaced.body).toBe(422);
      expect(expectErrorBody(replaced).details).toContainEqual({
        path: c.path,
        reason: expect.stringMatching(c.reason),
      });
      expect((await t.app.inject({ url: '/v1/models/fresh', headers: auth('read') })).statusCode).toBe(404);
      const config = parseServiceConfig({ models: [{ name: 'ok' }, { name: 'm', ...c.definition }] }, 'c.json');
      expect(() => resolveServeSettings({}, {}, config, 'c.json')).toThrow(`/models/1${c.path}`);
    });
  }

  it('accepts the same features declared sensibly', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: {
        name: 'sensible',
        features: {
          income: { kind: 'numeric', test: 'ks', bounds: { min: 0, max: 10 } },
          region: { allowedValues: ['n', 's'], test: 'chisquare' },
          owner: { test: 'psi' },
        },
        drift: { severity: { low: 0.1, medium: 0.3, high: 0.6 } },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
