import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachStore } from '../../tests/support/http/each-store.js';
import { expectErrorBody } from '../../tests/support/http/expect-error-body.js';
import { auth, createTestApp, registerChampion } from '../../tests/support/http/test-app.js';
import { MAX_TIMESTAMP_MS } from '../domain/timestamp.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const features = { income: 52_000, region: 'north', owner: true };

/** Timestamps no route may accept: outside what a Date holds, before 1970, or not strict ISO 8601 (RFC 3339). */
const BAD: readonly (string | number)[] = [
  1e17,
  MAX_TIMESTAMP_MS + 1,
  1e300,
  -1,
  '2024-02-30T00:00:00Z',
  '2023-02-29T00:00:00Z',
  '2024-13-01T00:00:00Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T12:60:00Z',
  '2023-12-31T23:59:60Z',
  '1',
  '2024',
  '2024-01-01',
  '2024-01-01T00:00:00',
  '2024-01-01 00:00:00Z',
  'Tue, 01 Jan 2024 00:00:00 GMT',
  '2024-01-01T00:00:00+25:00',
  '1969-12-31T23:59:59Z',
  'yesterday',
  '',
];

/** Accepted, with the epoch milliseconds each must be stored as (fractional milliseconds are rounded). */
const GOOD: readonly [string | number, number][] = [
  [0, 0],
  [MAX_TIMESTAMP_MS, MAX_TIMESTAMP_MS],
  [1_700_000_000_000.4, 1_700_000_000_000],
  [1_700_000_000_000.5, 1_700_000_000_001],
  ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ['2024-02-29T01:30:00.123456+01:30', Date.UTC(2024, 1, 29, 0, 0, 0, 123)],
  ['2024-02-29T00:00:00.9996Z', Date.UTC(2024, 1, 29, 0, 0, 1)],
  ['2024-02-29t00:00:00z', Date.UTC(2024, 1, 29)],
  ['9999-12-31T23:59:59.999Z', Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
];

/** Every timestamp a client can send, by route: how to send `value` there and the path a refusal must name. */
const FIELDS = [
  {
    name: 'POST …/predictions predictions[].timestamp',
    send: (t: TestApp, value: unknown, id: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/models/credit/predictions',
        headers: auth('ingest'),
        payload: {
          predictions: [
            { id: `${id}-a`, features, prediction: 1 },
            { id, features, prediction: 1, timestamp: value },
          ],
        },
      }),
    path: '/predictions/1/timestamp',
    stored: async (t: TestApp, id: string) => (await t.store.getPrediction('credit', id))?.timestampMs,
  },
  {
    name: 'POST …/labels labels[].timestamp',
    send: async (t: TestApp, value: unknown, id: string) => {
      await t.app.inject({
        method: 'POST',
        url: '/v1/models/credit/predictions',
        headers: auth('ingest'),
        payload: { predictions: [{ id, features, prediction: 1 }] },
      });
      return t.app.inject({
        method: 'POST',
        url: '/v1/models/credit/labels',
        headers: auth('ingest'),
        payload: { labels: [{ predictionId: id, label: 'yes', timestamp: value }] },
      });
    },
    path: '/labels/0/timestamp',
    stored: async (t: TestApp, id: string) => (await t.store.getPrediction('credit', id))?.labelTimestampMs,
  },
  {
    name: 'POST …/predict timestamp (one row)',
    send: (t: TestApp, value: unknown, id: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/models/credit/predict',
        headers: auth('ingest'),
        payload: { id, features, timestamp: value },
      }),
    path: '/timestamp',
    stored: async (t: TestApp, id: string) => (await t.store.getPrediction('credit', id))?.timestampMs,
  },
  {
    name: 'POST …/predict rows[].timestamp',
    send: (t: TestApp, value: unknown, id: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/models/credit/predict',
        headers: auth('ingest'),
        payload: {
          rows: [
            { id: `${id}-a`, features },
            { id, features, timestamp: value },
          ],
        },
      }),
    path: '/rows/1/timestamp',
    stored: async (t: TestApp, id: string) => (await t.store.getPrediction('credit', id))?.timestampMs,
  },
] as const;

/** Query parameters that are dates (refused with 400 naming /query/<name>). */
const QUERY_DATES = [{ url: '/v1/models/credit/drift-reports', names: ['from', 'to'] }] as const;

describeOnEachStore('timestamps: only what a Date holds, strict ISO 8601, refused with the field named', (storeUrl) => {
  let t: TestApp;
  let counter = 0;
  beforeAll(async () => {
    t = await createTestApp({ storeUrl: storeUrl() });
    await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: { name: 'credit', features: { income: {}, region: { kind: 'categorical' }, owner: {} } },
    });
    await registerChampion(t.tracking, 'credit');
  });
  afterAll(async () => {
    await t.close();
  });

  it('the table covers every timestamp and date a client can send, as the OpenAPI document lists them', async () => {
    const spec = (await t.app.inject('/openapi.json')).json() as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: unknown; parameters?: { in: string; name: string; schema: { format?: string } }[] }
        >
      >;
    };
    /** Request-body properties named `timestamp` or with a date format, as `<method> <path><pointer into the schema>`. */
    const found: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, child] of Object.entries(node)) {
        if (key === 'properties' && child !== null && typeof child === 'object')
          for (const [name, schema] of Object.entries(child))
            if (name === 'timestamp' || (schema as { format?: string }).format === 'date-time')
              found.push(`${where}/properties/${name}`);
        walk(child, `${where}/${key}`);
      }
    };
    for (const [path, methods] of Object.entries(spec.paths))
      for (const [method, op] of Object.entries(methods)) walk(op.requestBody, `${method.toUpperCase()} ${path}`);
    expect(new Set(found).size).toBe(FIELDS.length);
    const queryDates = Object.values(spec.paths)
      .flatMap((methods) => Object.values(methods))
      .flatMap((op) => op.parameters ?? [])
      .filter((p) => p.in === 'query' && p.schema.format === 'date-time').length;
    expect(queryDates).toBe(QUERY_DATES.reduce((n, q) => n + q.names.length, 0));
  });

  for (const field of FIELDS) {
    it(`${field.name}: each bad value is a 422 naming ${field.path}, nothing is written`, async () => {
      for (const value of BAD) {
        const id = `bad-${++counter}`;
        const res = await field.send(t, value, id);
        expect(res.statusCode, `${JSON.stringify(value)}: ${res.body}`).toBe(422);
        expect(expectErrorBody(res).details, JSON.stringify(value)).toContainEqual({
          path: field.path,
          reason: expect.stringMatching(/ISO 8601|epoch milliseconds/),
        });
        expect(await field.stored(t, id), JSON.stringify(value)).toBeFalsy();
      }
    });

    it(`${field.name}: each good value is stored as the epoch milliseconds it denotes and reads back`, async () => {
      for (const [value, ms] of GOOD) {
        const id = `good-${++counter}`;
        const res = await field.send(t, value, id);
        expect(res.statusCode, `${JSON.stringify(value)}: ${res.body}`).toBeLessThan(300);
        expect(await field.stored(t, id), JSON.stringify(value)).toBe(ms);
      }
      const page = await t.app.inject({ url: '/v1/models/credit/predictions?limit=1000', headers: auth('read') });
      expect(page.statusCode, page.body).toBe(200);
    });
  }

  it('date query parameters: bad values are a 400 naming /query/<name>', async () => {
    for (const { url, names } of QUERY_DATES) {
      for (const name of names) {
        for (const value of BAD.filter((v) => typeof v === 'string' && v !== '')) {
          const res = await t.app.inject({ url: `${url}?${name}=${encodeURIComponent(value)}`, headers: auth('read') });
          expect(res.statusCode, `${name}=${value}: ${res.body}`).toBe(400);
          expect(expectErrorBody(res).details.map((d) => d.path)).toContain(`/query/${name}`);
        }
        const ok = await t.app.inject({ url: `${url}?${name}=2024-02-29T00:00:00Z`, headers: auth('read') });
        expect(ok.statusCode, ok.body).toBe(200);
      }
    }
  });
});
