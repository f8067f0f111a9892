import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport } from '../../tests/support/drift/sample-report.js';
import { auth, createTestApp, KEYS, registerChampion } from '../../tests/support/http/test-app.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const credit = {
  name: 'credit-default',
  task: 'classification',
  features: { income: {}, region: { kind: 'categorical' }, owner: {} },
  drift: { mode: 'driftguard', window: { type: 'count', windowSize: 500, step: 100 } },
};

const row = (over: Record<string, unknown> = {}) => ({
  features: { income: 52000, region: 'north', owner: true },
  prediction: 1,
  score: 0.8,
  ...over,
});

describe('HTTP API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const created = await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('admin'), payload: credit });
    expect(created.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers health and readiness without a key', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('creates, lists, gets and replaces monitored models', async () => {
    const list = await t.app.inject({ url: '/v1/models', headers: auth('read') });
    expect(list.json().items.map((m: { definition: { name: string } }) => m.definition.name)).toEqual([
      'credit-default',
    ]);
    const one = await t.app.inject({ url: '/v1/models/credit-default', headers: auth('read') });
    expect(one.json()).toMatchObject({ definition: credit, createdAt: '2026-11-26T12:00:00.000Z' });
    const again = await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('admin'), payload: credit });
    expect(again.statusCode).toBe(409);
    const replaced = await t.app.inject({
      method: 'PUT',
      url: '/v1/models/credit-default',
      headers: auth('admin'),
      payload: { ...credit, description: 'v2' },
    });
    expect(replaced.json().definition.description).toBe('v2');
    const mismatch = await t.app.inject({
      method: 'PUT',
      url: '/v1/models/credit-default',
      headers: auth('admin'),
      payload: { ...credit, name: 'other' },
    });
    expect(mismatch.statusCode).toBe(422);
  });

  it('logs a batch, then joins late labels and lists unknown ids', async () => {
    const logged = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/predictions',
      headers: auth('ingest'),
      payload: { predictions: [row({ id: 'a1' }), row({ id: 'a2', timestamp: '2026-11-26T11:00:00Z' }), row()] },
    });
    expect(logged.statusCode).toBe(201);
    expect(logged.json().accepted).toBe(3);
    expect(logged.json().ids.slice(0, 2)).toEqual(['a1', 'a2']);
    const stored = await t.store.getPrediction('credit-default', 'a2');
    expect(stored).toMatchObject({ timestampMs: Date.UTC(2026, 10, 26, 11), predictedClass: 1, score: 0.8 });
    const labels = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/labels',
      headers: auth('ingest'),
      payload: {
        labels: [
          { predictionId: 'a1', label: 1 },
          { predictionId: 'zz', label: 0 },
        ],
      },
    });
    expect(labels.json()).toEqual({ joined: 1, unknownIds: ['zz'], relabeledIds: [] });
  });

  it('refuses a re-logged id with 409 and writes nothing of that batch', async () => {
    const before = await t.store.countPredictions('credit-default');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/predictions',
      headers: auth('ingest'),
      payload: { predictions: [row({ id: 'fresh' }), row({ id: 'a1' })] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().details).toEqual([{ path: '/predictions/1/id', reason: 'id a1 already logged' }]);
    expect(await t.store.countPredictions('credit-default')).toEqual(before);
  });

  it('serves drift reports newest first with a cursor, and 404 before the first one', async () => {
    const none = await t.app.inject({ url: '/v1/models/credit-default/drift-reports/latest', headers: auth('read') });
    expect(none.statusCode).toBe(404);
    for (let i = 0; i < 3; i++) {
      await t.store.saveDriftReport(
        {
          model: 'credit-default',
          windowStartMs: i * 1000,
          windowEndMs: i * 1000 + 999,
          createdAtMs: i * 1000 + 1000,
          severity: 'low',
          driftShare: 0.1 * i,
        },
        sampleReport([], { currentRowCount: i }),
      );
    }
    const page = await t.app.inject({ url: '/v1/models/credit-default/drift-reports?limit=2', headers: auth('read') });
    expect(page.json().items.map((r: { report: { currentRowCount: number } }) => r.report.currentRowCount)).toEqual([
      2, 1,
    ]);
    const next = await t.app.inject({
      url: `/v1/models/credit-default/drift-reports?limit=2&before=${page.json().nextBefore}`,
      headers: auth('read'),
    });
    expect(next.json()).toMatchObject({ items: [{ report: { currentRowCount: 0 } }], nextBefore: null });
    const latest = await t.app.inject({ url: '/v1/models/credit-default/drift-reports/latest', headers: auth('read') });
    expect(latest.json()).toMatchObject({
      severity: 'low',
      windowEnd: '1970-01-01T00:00:02.999Z',
      report: { currentRowCount: 2 },
    });
  });

  it('exposes Prometheus metrics: rows logged, labels joined and request latency', async () => {
    const res = await t.app.inject('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0.0.4/);
    expect(res.body).toContain('driftguard_prediction_rows_logged_total{model="credit-default"} 3');
    expect(res.body).toContain('driftguard_labels_joined_total{model="credit-default"} 1');
    expect(res.body).toMatch(
      /driftguard_http_request_duration_seconds_count\{method="POST",route="\/v1\/models\/:name\/predictions",status="201"\} 1/,
    );
  });

  it('serves the champion for one row and for a batch, logging every prediction with its version', async () => {
    expect((await t.app.inject({ url: '/v1/models/credit-default/versions', headers: auth('read') })).json()).toEqual({
      items: [],
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/predict',
      headers: auth('ingest'),
      payload: { features: { income: 1 } },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/no champion version/);
    const { model, version } = await registerChampion(t.tracking, 'credit-default');
    const features = { income: 90_000, region: 'north', owner: true };
    const one = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/predict',
      headers: auth('ingest'),
      payload: { id: 'p-1', features },
    });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual({ id: 'p-1', class: 'yes', score: model.predictProba(features), modelVersion: version });
    const batch = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/predict',
      headers: auth('ingest'),
      payload: {
        rows: [
          { features: { income: 21_000, region: 'east', owner: false } },
          { features: { income: null, region: 'west', owner: null } },
        ],
      },
    });
    expect(batch.json().predictions.map((p: { class: string }) => p.class)).toEqual(['no', expect.any(String)]);
    const logged = await t.store.getPrediction('credit-default', 'p-1');
    expect(logged).toMatchObject({ predictedClass: 'yes', modelVersion: version, features });
    const versions = await t.app.inject({ url: '/v1/models/credit-default/versions', headers: auth('read') });
    expect(versions.json().items).toMatchObject([{ version, aliases: ['champion'], status: 'READY' }]);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/predict',
      headers: auth('ingest'),
      payload: { features: { ...features, colour: 'red' } },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().details[0]).toMatchObject({ path: '/features/colour' });
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/predict',
      headers: auth('ingest'),
      payload: { features: { ...features, income: 'lots' } },
    });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().details[0]).toMatchObject({
      path: '/features/income',
      reason: expect.stringMatching(/finite number/),
    });
  });

  it('lists, filters, shows and acknowledges alerts', async () => {
    const base = {
      model: 'credit-default',
      kind: 'data_drift' as const,
      peakSeverity: 'high' as const,
      dedupKey: 'credit-default:data_drift',
      summary: 's',
      lastSeenMs: 2000,
      resolvedAtMs: null,
      acknowledgedAtMs: null,
      acknowledgedBy: null,
      cleanEvaluations: 0,
      lastNotifiedMs: null,
      lastNotifiedSeverity: null,
      driftReportId: null,
    };
    await t.store.saveAlert({
      ...base,
      id: 'old',
      severity: 'high',
      status: 'resolved',
      firstSeenMs: 1000,
      resolvedAtMs: 1500,
    });
    await t.store.saveAlert({ ...base, id: 'new', severity: 'medium', status: 'firing', firstSeenMs: 2000 });
    await t.store.recordDelivery({
      alertId: 'new',
      sink: 'slack-1',
      event: 'fired',
      attempt: 1,
      outcome: 'delivered',
      httpStatus: 200,
      error: null,
      atMs: 2000,
    });
    const all = await t.app.inject({ url: '/v1/alerts?model=credit-default', headers: auth('read') });
    expect(all.json().items.map((a: { id: string }) => a.id)).toEqual(['new', 'old']);
    const firing = await t.app.inject({ url: '/v1/alerts?status=firing&severity=medium', headers: auth('read') });
    expect(firing.json().items).toMatchObject([{ id: 'new', firstSeen: '1970-01-01T00:00:02.000Z', resolvedAt: null }]);
    const detail = await t.app.inject({ url: '/v1/alerts/new', headers: auth('read') });
    expect(detail.json().deliveries).toEqual([
      {
        sink: 'slack-1',
        event: 'fired',
        attempt: 1,
        outcome: 'delivered',
        httpStatus: 200,
        error: null,
        at: '1970-01-01T00:00:02.000Z',
      },
    ]);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/alerts/new/acknowledge', headers: auth('read') })).statusCode,
    ).toBe(403);
    const ack = await t.app.inject({ method: 'POST', url: '/v1/alerts/new/acknowledge', headers: auth('admin') });
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ops' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/alerts/old/acknowledge', headers: auth('admin') })).statusCode,
    ).toBe(422);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/alerts/nope/acknowledge', headers: auth('admin') })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/v1/alerts?status=open', headers: auth('read') })).statusCode).toBe(400);
  });

  it('streams service events over SSE, filtered by model', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const response = await fetch(`${address}/v1/events?model=credit-default`, {
      headers: auth('read'),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    t.events.publish({
      type: 'drift_report',
      model: 'other',
      atMs: 0,
      data: { id: 1, severity: 'none', driftShare: 0 },
    });
    t.events.publish({
      type: 'drift_report',
      model: 'credit-default',
      atMs: 0,
      data: { id: 2, severity: 'high', driftShare: 0.5 },
    });
    let text = '';
    while (!text.includes('"id":2')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('event: drift_report\ndata: {"type":"drift_report","model":"credit-default"');
    expect(text).not.toContain('"model":"other"');
  });

  it('sets the reference from uploaded rows with the declared schema, refusing rows that lack a declared feature', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      income: 30_000 + i * 100,
      region: ['north', 'south'][i % 2],
      owner: i % 3 === 0,
      extra: i,
    }));
    const res = await t.app.inject({
      method: 'PUT',
      url: '/v1/models/credit-default/reference',
      headers: auth('admin'),
      payload: { rows },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      model: 'credit-default',
      source: 'upload by ops',
      rows: 200,
      features: [
        { name: 'income', kind: 'numeric' },
        { name: 'region', kind: 'categorical' },
        { name: 'owner', kind: 'boolean' },
      ],
    });
    const stored = await t.store.latestReferenceProfile('credit-default');
    expect(stored).toMatchObject({ source: 'upload by ops', createdAtMs: t.clock.nowMs(), rowSampleRowCount: 200 });
    // The uploaded rows (all 200: fewer than 5,000) are kept as the reference's row sample for multivariate tests.
    const sample = await t.store.referenceRowSample('credit-default', stored!.id);
    expect(sample).toMatchObject({ sourceRowCount: 200, rowCount: 200 });
    expect(sample!.columns.map((c) => c.name)).toEqual(['income', 'region', 'owner']);
    const lacking = await t.app.inject({
      method: 'PUT',
      url: '/v1/models/credit-default/reference',
      headers: auth('admin'),
      payload: { rows: [{ income: 1, region: 'n' }] },
    });
    expect(lacking.statusCode).toBe(422);
    expect(lacking.json().details).toEqual([
      { path: '/rows/0/owner', reason: 'declared by the model but absent from every row' },
    ]);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/v1/models/credit-default/reference',
          headers: auth('ingest'),
          payload: { rows },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/v1/models/credit-default/reference',
          headers: auth('admin'),
          payload: { rows: [] },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('sets the reference from an uploaded CSV body; malformed CSV is a 400 naming the line, other content types a 415', async () => {
    const put = (payload: string, contentType: string, role: 'admin' | 'ingest' = 'admin') =>
      t.app.inject({
        method: 'PUT',
        url: '/v1/models/credit-default/reference',
        headers: { ...auth(role), 'content-type': contentType },
        payload,
      });
    const lines = Array.from(
      { length: 150 },
      (_, i) => `${40_000 + i * 10},${['"north, upper"', 'south'][i % 2]},${i % 2 === 0 ? 'True' : 'false'},${i}`,
    );
    const res = await put(['income,region,owner,extra', ...lines].join('\n'), 'text/csv; charset=utf-8');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 150,
      features: [
        { name: 'income', kind: 'numeric' },
        { name: 'region', kind: 'categorical' },
        { name: 'owner', kind: 'boolean' },
      ],
    });
    const profile = (await t.store.latestReferenceProfile('credit-default'))?.profile;
    expect(JSON.stringify(profile?.features.find((f) => f.name === 'region'))).toContain('north, upper');

    const ragged = await put('income,region,owner\n1,north,true\n2,south\n', 'text/csv');
    expect(ragged.statusCode).toBe(400);
    expect(ragged.json()).toMatchObject({
      error: 'bad_request',
      details: [{ path: '/csv/line/3', reason: expect.stringMatching(/expected 3 fields/) }],
    });
    const unclosed = await put('income,region,owner\n1,"north,true\n', 'text/csv');
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().details[0].reason).toMatch(/malformed CSV/);
    const lacking = await put('income,region\n1,north\n', 'text/csv');
    expect(lacking.statusCode).toBe(422);
    expect(lacking.json().details).toEqual([
      { path: '/csv/header/owner', reason: 'declared by the model but absent from every CSV header' },
    ]);
    const headerOnly = await put('income,region,owner\n', 'text/csv');
    expect(headerOnly.statusCode).toBe(422);
    expect((await put('', 'text/csv')).statusCode).toBe(400);
    expect((await put('income,region,owner\n1,n,true\n', 'text/plain')).statusCode).toBe(415);
    expect((await put('income,region,owner\n1,n,true\n', 'text/csv', 'ingest')).statusCode).toBe(403);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit-default/predictions',
      headers: { ...auth('ingest'), 'content-type': 'text/csv' },
      payload: 'a\n1\n',
    });
    expect(elsewhere.statusCode).toBe(415);
    const unknownModel = await t.app.inject({
      method: 'PUT',
      url: '/v1/models/nope/reference',
      headers: { ...auth('admin'), 'content-type': 'text/csv' },
      payload: 'a\n1\n',
    });
    expect(unknownModel.statusCode).toBe(404);
    const doc = (await t.app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths['/v1/models/{name}/reference'].put.requestBody.content).sort()).toEqual([
      'application/json',
      'text/csv',
    ]);
  });

  it('publishes an OpenAPI 3 document covering the routes', async () => {
    const doc = (await t.app.inject('/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/models',
        '/v1/models/{name}',
        '/v1/models/{name}/predictions',
        '/v1/models/{name}/labels',
        '/v1/models/{name}/drift-reports',
      ]),
    );
    expect((await t.app.inject('/docs')).statusCode).toBeLessThan(400);
    // The multivariate test's settings and alert kind are part of the published schemas.
    const text = JSON.stringify(doc);
    expect(text).toContain('"multivariate_drift"');
    expect(text).toContain('"everyWindows"');
    expect(text).toContain('"triggerOnMultivariateDrift"');
  });
});

describe('HTTP API bad input: always a 4xx with { error, message, details[] }, never a 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ bodyLimitBytes: 64 * 1024 });
    await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('admin'), payload: credit });
  });
  afterAll(async () => {
    await t.close();
  });

  const url = '/v1/models/credit-default/predictions';
  const json = { ...auth('ingest'), 'content-type': 'application/json' };
  const cases: { name: string; request: InjectOptions; status: number; detail?: { path: string; reason: RegExp } }[] = [
    {
      name: 'malformed JSON',
      request: { method: 'POST', url, headers: json, payload: '{"predictions": [' },
      status: 400,
    },
    { name: 'empty body', request: { method: 'POST', url, headers: json, payload: '' }, status: 400 },
    {
      name: 'NaN literal (not JSON)',
      request: {
        method: 'POST',
        url,
        headers: json,
        payload: '{"predictions":[{"features":{"income":NaN},"prediction":1}]}',
      },
      status: 400,
    },
    {
      name: 'Infinity via an overflowing number',
      request: {
        method: 'POST',
        url,
        headers: json,
        payload: '{"predictions":[{"features":{"income":1e999,"region":"n","owner":true},"prediction":1}]}',
      },
      status: 400,
      detail: { path: '/predictions/0/features/income', reason: /finite/ },
    },
    {
      name: 'wrong type of a feature value',
      request: {
        method: 'POST',
        url,
        headers: json,
        payload: { predictions: [row({ features: { income: [1], region: 'n', owner: true } })] },
      },
      status: 400,
      detail: { path: '/predictions/0/features/income', reason: /number, a string, a boolean or null/ },
    },
    {
      name: 'missing feature',
      request: {
        method: 'POST',
        url,
        headers: json,
        payload: { predictions: [row({ features: { income: 1, region: 'n' } })] },
      },
      status: 422,
      detail: { path: '/predictions/0/features/owner', reason: /missing feature/ },
    },
    {
      name: 'extra feature',
      request: {
        method: 'POST',
        url,
        headers: json,
        payload: { predictions: [row({ features: { income: 1, region: 'n', owner: true, age: 3 } })] },
      },
      status: 422,
      detail: { path: '/predictions/0/features/age', reason: /unknown feature/ },
    },
    {
      name: 'extra field in a row',
      request: { method: 'POST', url, headers: json, payload: { predictions: [row({ colour: 'red' })] } },
      status: 400,
      detail: { path: '/predictions/0/colour', reason: /not allowed/ },
    },
    {
      name: 'missing prediction',
      request: {
        method: 'POST',
        url,
        headers: json,
        payload: { predictions: [{ features: { income: 1, region: 'n', owner: true } }] },
      },
      status: 400,
      detail: { path: '/predictions/0/prediction', reason: /required/ },
    },
    {
      name: 'score outside [0, 1]',
      request: { method: 'POST', url, headers: json, payload: { predictions: [row({ score: 1.5 })] } },
      status: 400,
      detail: { path: '/predictions/0/score', reason: /<= 1/ },
    },
    {
      name: 'bad timestamp',
      request: { method: 'POST', url, headers: json, payload: { predictions: [row({ timestamp: 'yesterday' })] } },
      status: 422,
      detail: { path: '/predictions/0/timestamp', reason: /ISO 8601/ },
    },
    { name: 'empty batch', request: { method: 'POST', url, headers: json, payload: { predictions: [] } }, status: 400 },
    {
      name: 'unknown model',
      request: { method: 'POST', url: '/v1/models/nope/predictions', headers: json, payload: { predictions: [row()] } },
      status: 404,
    },
    {
      name: 'invalid model name in the URL',
      request: {
        method: 'POST',
        url: '/v1/models/NOT%20OK/predictions',
        headers: json,
        payload: { predictions: [row()] },
      },
      status: 400,
      detail: { path: '/params/name', reason: /pattern/ },
    },
    {
      name: 'oversized body',
      request: {
        method: 'POST',
        url,
        headers: json,
        payload: { predictions: Array.from({ length: 2000 }, () => row()) },
      },
      status: 413,
    },
    {
      name: 'wrong content type',
      request: { method: 'POST', url, headers: { ...auth('ingest'), 'content-type': 'text/csv' }, payload: 'a,b\n1,2' },
      status: 415,
    },
    {
      name: 'missing key',
      request: {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: { predictions: [row()] },
      },
      status: 401,
    },
    {
      name: 'wrong key',
      request: {
        method: 'POST',
        url,
        headers: { authorization: 'Bearer not-a-key-at-all-xxxxxxxx', 'content-type': 'application/json' },
        payload: { predictions: [row()] },
      },
      status: 401,
    },
    {
      name: 'under-privileged key (read cannot ingest)',
      request: {
        method: 'POST',
        url,
        headers: { ...auth('read'), 'content-type': 'application/json' },
        payload: { predictions: [row()] },
      },
      status: 403,
    },
    {
      name: 'under-privileged key (ingest cannot create models)',
      request: { method: 'POST', url: '/v1/models', headers: auth('ingest'), payload: credit },
      status: 403,
    },
    { name: 'reads need a key unless openRead', request: { method: 'GET', url: '/v1/models' }, status: 401 },
    { name: 'ingest cannot read', request: { method: 'GET', url: '/v1/models', headers: auth('ingest') }, status: 403 },
    {
      name: 'invalid model definition',
      request: {
        method: 'POST',
        url: '/v1/models',
        headers: auth('admin'),
        payload: { ...credit, name: 'x2', drift: { window: { type: 'count', windowSize: 0, step: 1 } } },
      },
      status: 400,
    },
    {
      name: 'bad page size',
      request: { method: 'GET', url: '/v1/models/credit-default/drift-reports?limit=0', headers: auth('read') },
      status: 400,
    },
    {
      name: 'unknown query parameter',
      request: { method: 'GET', url: '/v1/models/credit-default/drift-reports?colour=red', headers: auth('read') },
      status: 400,
    },
    { name: 'unknown route', request: { method: 'GET', url: '/v1/nothing', headers: auth('read') }, status: 404 },
    {
      name: 'labels with a non-finite label',
      request: {
        method: 'POST',
        url: '/v1/models/credit-default/labels',
        headers: json,
        payload: '{"labels":[{"predictionId":"x","label":-1e999}]}',
      },
      status: 400,
    },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const before = await t.store.countPredictions('credit-default');
      const res = await t.app.inject(c.request);
      expect(res.statusCode, res.body).toBe(c.status);
      const body = res.json();
      expect(body).toEqual({
        error: expect.any(String),
        message: expect.any(String),
        details: expect.any(Array),
        requestId: expect.any(String),
      });
      if (c.detail !== undefined) {
        expect(body.details).toContainEqual({ path: c.detail.path, reason: expect.stringMatching(c.detail.reason) });
      }
      expect(await t.store.countPredictions('credit-default')).toEqual(before);
    });
  }

  it('never echoes an API key in a response', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('ingest'), payload: credit });
    expect(res.body).not.toContain(KEYS.ingest);
  });
});

describe('openRead', () => {
  it('lets GET routes through without a key but never mutating ones', async () => {
    const t = await createTestApp({ openRead: true });
    expect((await t.app.inject('/v1/models')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/v1/models', payload: credit })).statusCode).toBe(401);
    await t.close();
  });
});

describe('GET /v1/models/{name}/predictions', () => {
  it('pages the prediction log newest first with time, class and label filters', async () => {
    const t = await createTestApp();
    const model = { ...credit, name: 'log-browse' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('admin'), payload: model })).statusCode,
    ).toBe(201);
    const predictions = Array.from({ length: 5 }, (_, i) =>
      row({ id: `b${i}`, timestamp: Date.UTC(2026, 10, 26, 10, i), prediction: i % 2 }),
    );
    await t.app.inject({
      method: 'POST',
      url: '/v1/models/log-browse/predictions',
      headers: auth('ingest'),
      payload: { predictions },
    });
    await t.app.inject({
      method: 'POST',
      url: '/v1/models/log-browse/labels',
      headers: auth('ingest'),
      payload: { labels: [{ predictionId: 'b3', label: 0 }] },
    });
    const get = async (query: string) =>
      (await t.app.inject({ url: `/v1/models/log-browse/predictions${query}`, headers: auth('read') })).json();
    const first = await get('?limit=2');
    expect(first.items.map((p: { id: string }) => p.id)).toEqual(['b4', 'b3']);
    expect(first.counts).toEqual({ total: 5, labeled: 1 });
    expect(first.items[1]).toMatchObject({
      label: 0,
      prediction: 1,
      features: { income: 52000, region: 'north', owner: true },
      timestamp: '2026-11-26T10:03:00.000Z',
    });
    expect((await get(`?limit=2&before=${first.nextBefore}`)).items.map((p: { id: string }) => p.id)).toEqual([
      'b2',
      'b1',
    ]);
    expect((await get('?class=1')).items.map((p: { id: string }) => p.id)).toEqual(['b3', 'b1']);
    expect((await get('?labeled=false&class=1')).items.map((p: { id: string }) => p.id)).toEqual(['b1']);
    expect(
      (await get(`?fromMs=${Date.UTC(2026, 10, 26, 10, 1)}&toMs=${Date.UTC(2026, 10, 26, 10, 3)}`)).items.map(
        (p: { id: string }) => p.id,
      ),
    ).toEqual(['b2', 'b1']);
    const bad = await t.app.inject({ url: '/v1/models/log-browse/predictions?labeled=maybe', headers: auth('read') });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/v1/models/log-browse/predictions' })).statusCode).toBe(401);
    await t.close();
  });
});
