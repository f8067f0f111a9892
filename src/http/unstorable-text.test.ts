import type { InjectOptions } from 'fastify';

type HTTPMethods = NonNullable<InjectOptions['method']>;

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachStore } from '../../tests/support/http/each-store.js';
import { expectErrorBody } from '../../tests/support/http/expect-error-body.js';
import { auth, createTestApp } from '../../tests/support/http/test-app.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const features = { income: 52_000, region: 'north', owner: true };

/** A valid JSON body for every operation that takes one (the first test checks the list is complete). */
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /v1/models': {
    name: 'text-model',
    description: 'free text',
    target: 'y',
    features: { region: { kind: 'categorical', allowedValues: ['north', 'south'], test: 'chisquare' } },
  },
  'PUT /v1/models/{name}': {
    name: 'credit',
    description: 'free text',
    features: { income: {}, region: { kind: 'categorical', allowedValues: ['north'] }, owner: {} },
  },
  'PUT /v1/models/{name}/reference': { rows: [{ ...features }, { ...features, region: 'south' }] },
  'POST /v1/models/{name}/predictions': {
    predictions: [{ id: 'p-1', modelVersion: 'v1', timestamp: '2026-01-01T00:00:00Z', features, prediction: 'yes' }],
  },
  'POST /v1/models/{name}/labels': {
    labels: [{ predictionId: 'p-1', label: 'yes', timestamp: '2026-01-01T00:00:00Z' }],
  },
  'POST /v1/models/{name}/predict': { id: 'q-1', timestamp: '2026-01-01T00:00:00Z', features },
  'POST /v1/models/{name}/retraining': { reason: 'free text' },
  'POST /v1/models/{name}/rollback': { reason: 'free text' },
  'POST /v1/models/{name}/promote': { version: '1', reason: 'free text' },
};

/** Every string (value or key) of a JSON value, as a function that returns a copy with that string replaced. */
function stringSites(value: unknown): { where: string; replace: (text: string) => unknown }[] {
  if (typeof value === 'string') return [{ where: '', replace: (text) => text }];
  if (Array.isArray(value))
    return value.flatMap((item, i) =>
      stringSites(item).map((s) => ({
        where: `/${i}${s.where}`,
        replace: (text: string) => value.map((v, j) => (j === i ? s.replace(text) : v)),
      })),
    );
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.flatMap(([key, child], i) => [
      {
        where: `/${key} (key)`,
        replace: (text: string) => Object.fromEntries(entries.map(([k, v], j) => [j === i ? `${k}${text}` : k, v])),
      },
      ...stringSites(child).map((s) => ({
        where: `/${key}${s.where}`,
        replace: (text: string) => Object.fromEntries(entries.map(([k, v], j) => [k, j === i ? s.replace(text) : v])),
      })),
    ]);
  }
  return [];
}

const POISONS = [
  { name: 'U+0000', text: 'a\u0000b', encoded: 'a%00b' },
  { name: 'a lone high surrogate', text: 'a\ud800b', encoded: null },
  { name: 'a lone low surrogate', text: '\udc00', encoded: null },
];

describeOnEachStore('U+0000 and lone surrogates anywhere are a 400 / 422, never a 500, on both stores', (storeUrl) => {
  let t: TestApp;
  let operations: { method: HTTPMethods; path: string; query: string[]; json: boolean }[];
  beforeAll(async () => {
    t = await createTestApp({ storeUrl: storeUrl() });
    await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: { name: 'credit', features: { income: {}, region: { kind: 'categorical' }, owner: {} } },
    });
    const doc = (await t.app.inject('/openapi.json')).json() as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content?: Record<string, unknown> }; parameters?: { in: string; name: string }[] }
        >
      >;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase() as HTTPMethods,
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        json: op.requestBody?.content?.['application/json'] !== undefined,
      })),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const urlOf = (path: string) => path.replace('{name}', 'credit').replace(/\{\w+\}/g, 'x1');

  it('has a sample body for every operation that takes JSON', () => {
    const withBody = operations.filter((o) => o.json).map((o) => `${o.method} ${o.path}`);
    expect(withBody.sort()).toEqual(Object.keys(SAMPLE_BODIES).sort());
  });

  it('in every string value and key of every JSON body', async () => {
    const before = await t.store.countPredictions('credit');
    for (const [operation, sample] of Object.entries(SAMPLE_BODIES)) {
      const [verb, path] = operation.split(' ');
      const method = verb as HTTPMethods;
      for (const site of stringSites(sample)) {
        for (const poison of POISONS) {
          const res = await t.app.inject({
            method,
            url: urlOf(path),
            headers: { ...auth('admin'), 'content-type': 'application/json' },
            payload: JSON.stringify(site.replace(poison.text)),
          });
          const what = `${operation} ${site.where} with ${poison.name}`;
          expect([400, 422], `${what}: ${res.body}`).toContain(res.statusCode);
          expect(expectErrorBody(res, what).details.length, what).toBeGreaterThan(0);
        }
      }
    }
    expect(await t.store.countPredictions('credit')).toEqual(before);
    expect(await t.store.getModel('text-model')).toBeNull();
  });

  it('in every path parameter and every query parameter of every route', async () => {
    for (const op of operations) {
      for (const param of op.path.match(/\{\w+\}/g) ?? []) {
        const url = urlOf(op.path.replace(param, 'a%00b'));
        const res = await t.app.inject({
          method: op.method,
          url,
          headers: auth('admin'),
          payload: op.json ? {} : undefined,
        });
        expect(res.statusCode, `${op.method} ${url}: ${res.body}`).toBe(400);
        expect(expectErrorBody(res).details[0].path).toBe(`/params/${param.slice(1, -1)}`);
      }
      for (const name of op.query) {
        const url = `${urlOf(op.path)}?${name}=a%00b`;
        const res = await t.app.inject({ method: op.method, url, headers: auth('admin') });
        expect(res.statusCode, `${op.method} ${url}: ${res.body}`).toBe(400);
        expect(expectErrorBody(res).details.map((d) => d.path)).toContain(`/query/${name}`);
      }
    }
  });

  it('NUL bytes in a CSV reference body are a 400 naming the line', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/v1/models/credit/reference',
      headers: { ...auth('admin'), 'content-type': 'text/csv' },
      payload: 'income,region,owner\n1,north,true\n2,so\u0000uth,false\n',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(expectErrorBody(res).details).toEqual([{ path: '/csv/line/3', reason: expect.stringMatching(/U\+0000/) }]);
    expect(await t.store.latestReferenceProfile('credit')).toBeNull();
  });

  it('a lone surrogate in a CSV reference body (its UTF-8 form ED A0 80) is a 400 naming the line, not a silent U+FFFD', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/v1/models/credit/reference',
      headers: { ...auth('admin'), 'content-type': 'text/csv' },
      payload: Buffer.concat([
        Buffer.from('income,region,owner\n1,north,true\n2,so'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('uth,false\n'),
      ]),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(expectErrorBody(res).details).toEqual([{ path: '/csv/line/3', reason: expect.stringMatching(/U\+D800/) }]);
    expect(await t.store.latestReferenceProfile('credit')).toBeNull();
  });
});
