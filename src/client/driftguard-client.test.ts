import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../tests/support/cli/cli-capture.js';
import { type ProxyAction, startFlakyProxy } from '../../tests/support/network/flaky-proxy.js';
import { tableToCsv, trainingTable } from '../../tests/support/services/training-table.js';
import { runTrain } from '../cli/train-command.js';
import { composeServer } from '../compose.js';
import { resolveServeSettings } from '../services/config/serve-settings.js';
import {
  createDriftguardClient,
  DriftguardClientStateError,
  DriftguardNetworkError,
  DriftguardRequestError,
  type PredictionInput,
} from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'dg-client-'));
const key = 'client-test-admin-key-0123456789';
const MODEL = 'credit-default';
let server: Awaited<ReturnType<typeof composeServer>>;
let url = '';

beforeAll(async () => {
  // A real champion, registered in a local tracking store the server reads (file: URI, whatever MLFLOW_TRACKING_URI says).
  writeFileSync(join(dir, 'loans.csv'), tableToCsv(trainingTable(400, 5)));
  const tracking = `file:${join(dir, 'tracking')}`;
  const trained = await runCaptured(runTrain, {
    data: join(dir, 'loans.csv'),
    target: 'default',
    model: 'logistic',
    timeColumn: 'ts',
    exclude: 'id',
    out: join(dir, 'model'),
    trackingUri: tracking,
    register: MODEL,
    alias: 'champion',
  });
  expect(trained.stderr).toBe('');
  const settings = resolveServeSettings(
    { host: '127.0.0.1', port: '0', dataDir: join(dir, 'data') },
    { DRIFTGUARD_ADMIN_KEY: key },
    {
      tracking: { uri: tracking },
      models: [
        {
          name: MODEL,
          features: { income: {}, debt: {}, region: { kind: 'categorical' }, owner: { kind: 'boolean' } },
        },
        { name: 'served-elsewhere', features: { income: {}, region: { kind: 'categorical' } } },
      ],
    },
  );
  server = await composeServer(settings);
  url = await server.app.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (i: number): PredictionInput => ({
  features: {
    income: 20 + (i % 80),
    debt: (i % 100) / 100,
    region: ['north', 'south', 'east'][i % 3],
    owner: i % 2 === 0,
  },
  prediction: i % 4 === 0 ? 'yes' : 'no',
  score: (i % 10) / 10,
});

/** Requests the server answered on a route, from its own Prometheus metrics. */
async function requestsServed(route: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      (line) => line.startsWith('driftguard_http_request_duration_seconds_count{') && line.includes(`route="${route}"`),
    )
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

const logged = async () => (await server.store.countPredictions(MODEL)).total;
const fast = { baseDelayMs: 5, maxDelayMs: 50 };

describe('driftguard/client against a real driftguard serve', () => {
  it('coalesces 1,000 logPrediction calls into a few requests, and labels join by the returned ids', async () => {
    const before = { rows: await logged(), requests: await requestsServed('/v1/models/:name/predictions') };
    const client = createDriftguardClient({
      url,
      apiKey: key,
      model: MODEL,
      maxBatchRows: 400,
      maxDelayMs: 50,
      retry: fast,
    });
    const ids = await Promise.all(Array.from({ length: 1000 }, (_, i) => client.logPrediction(row(i))));
    expect(new Set(ids).size).toBe(1000);
    expect(await logged()).toBe(before.rows + 1000);
    const requests = (await requestsServed('/v1/models/:name/predictions')) - before.requests;
    expect(requests).toBeGreaterThanOrEqual(3);
    expect(requests).toBeLessThanOrEqual(4);

    const labels = await client.sendLabels([
      ...ids.slice(0, 300).map((id, i) => ({ predictionId: id, label: i % 3 === 0 ? 'yes' : 'no' })),
      { predictionId: 'never-logged', label: 'no' },
    ]);
    expect(labels).toEqual({ joined: 300, unknownIds: ['never-logged'] });
    expect((await server.store.countPredictions(MODEL)).labeled).toBeGreaterThanOrEqual(300);
    await client.close();
  });

  it('retries a dropped connection, a 503 and a 429 with Retry-After, then succeeds without logging twice', async () => {
    const plan: ProxyAction[] = [
      { kind: 'drop' },
      { kind: 'fail', status: 503 },
      { kind: 'fail', status: 429, retryAfter: '0' },
    ];
    const proxy = await startFlakyProxy(url, (_req, index) => plan[index] ?? { kind: 'forward' });
    try {
      const before = await logged();
      const client = createDriftguardClient({ url: proxy.url, apiKey: key, model: MODEL, retry: fast });
      const ids = await client.logPredictions(Array.from({ length: 25 }, (_, i) => row(i)));
      expect(ids).toHaveLength(25);
      expect(proxy.requests.map((r) => r.status)).toEqual([null, 503, 429, 201]);
      expect(await logged()).toBe(before + 25);
    } finally {
      await proxy.close();
    }
  });

  it('a lost acknowledgement (committed, then 502) is re-sent and recognised by its ids: every row logged exactly once', async () => {
    const proxy = await startFlakyProxy(url, (_req, index) =>
      index === 0 ? { kind: 'forward-then-fail', status: 502 } : { kind: 'forward' },
    );
    try {
      const before = await logged();
      const client = createDriftguardClient({ url: proxy.url, apiKey: key, model: MODEL, retry: fast });
      const ids = await client.logPredictions(Array.from({ length: 10 }, (_, i) => row(i)));
      expect(proxy.requests.map((r) => r.status)).toEqual([502, 409]);
      expect(ids).toHaveLength(10);
      expect(await logged()).toBe(before + 10);
      const joined = await client.sendLabels(ids.map((id) => ({ predictionId: id, label: 'no' })));
      expect(joined.joined).toBe(10);
    } finally {
      await proxy.close();
    }
  });

  it('a 400 / 422 is not retried and names the refused rows with the server details; the other rows are logged', async () => {
    const proxy = await startFlakyProxy(url, () => ({ kind: 'forward' }));
    try {
      const before = await logged();
      const client = createDriftguardClient({
        url: proxy.url,
        apiKey: key,
        model: MODEL,
        retry: fast,
        onError: () => {},
      });
      const rows = Array.from({ length: 8 }, (_, i) => row(i));
      rows[2] = { ...rows[2], score: 1.5 }; // schema: 400
      rows[5] = { ...rows[5], features: { ...rows[5].features, zipcode: '10115' } }; // undeclared feature: 422
      const error = await client.logPredictions(rows).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DriftguardRequestError);
      const refused = error as DriftguardRequestError;
      expect(refused.message).toMatch(/^2 of 8 predictions refused \(6 accepted\)/);
      expect(refused.details).toEqual(
        expect.arrayContaining([
          { path: '/predictions/2/score', reason: expect.stringMatching(/<= 1/) },
          { path: '/predictions/5/features/zipcode', reason: expect.stringMatching(/unknown feature/) },
        ]),
      );
      expect(await logged()).toBe(before + 6);
      // three requests: the batch (400 for row 2), the rest (422 for row 5), the six good rows — never a retry of a 4xx
      expect(proxy.requests.map((r) => r.status)).toEqual([400, 422, 201]);

      const single = await client.logPrediction({ ...row(0), features: { income: 1 } }).catch((e: unknown) => e);
      expect(single).toMatchObject({ name: 'DriftguardRequestError', status: 422, code: 'unprocessable', attempts: 1 });
      expect((single as DriftguardRequestError).details.map((d) => d.path).sort()).toEqual([
        '/features/debt',
        '/features/owner',
        '/features/region',
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('a wrong key, an unknown model and an unreachable server fail the whole batch with a typed error', async () => {
    const wrongKey = createDriftguardClient({ url, apiKey: 'not-a-key-0123456789', model: MODEL, onError: () => {} });
    await expect(wrongKey.logPrediction(row(1))).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    const unknown = createDriftguardClient({ url, apiKey: key, model: 'no-such-model', onError: () => {} });
    await expect(unknown.logPredictions([row(1), row(2)])).rejects.toMatchObject({
      status: 404,
      message: /2 of 2 predictions refused/,
    });
    const down = createDriftguardClient({
      url: 'http://127.0.0.1:9',
      apiKey: key,
      model: MODEL,
      retry: { maxRetries: 2, baseDelayMs: 1 },
      onError: () => {},
    });
    const error = await down.logPrediction(row(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriftguardNetworkError);
    expect(error).toMatchObject({ attempts: 3, message: /ECONNREFUSED/ });
  });

  it('close() sends what is queued (even before the max delay), waits for it, then refuses new rows', async () => {
    const before = await logged();
    const errors: Error[] = [];
    const client = createDriftguardClient({
      url,
      apiKey: key,
      model: MODEL,
      maxDelayMs: 600_000,
      onError: (e) => errors.push(e),
    });
    const ids = Array.from({ length: 37 }, (_, i) => client.logPrediction(row(i))); // fire and forget
    expect(client.pending).toBe(37);
    expect(await client.close()).toEqual({ sent: 37, failed: 0 });
    expect(await logged()).toBe(before + 37);
    expect((await Promise.all(ids)).length).toBe(37);
    expect(errors).toEqual([]);
    expect(() => client.logPrediction(row(0))).toThrow(DriftguardClientStateError);
  });

  it('uploads a reference as JSON rows or CSV text; a refused upload names the missing column and is not retried', async () => {
    const client = createDriftguardClient({ url, apiKey: key, model: 'served-elsewhere', retry: fast });
    const rows = Array.from({ length: 300 }, (_, i) => ({ income: 20 + (i % 80), region: ['north', 'south'][i % 2] }));
    expect(await client.uploadReference(rows)).toMatchObject({
      model: 'served-elsewhere',
      rows: 300,
      features: [
        { name: 'income', kind: 'numeric' },
        { name: 'region', kind: 'categorical' },
      ],
    });
    const csv = ['id,income,region', ...rows.map((r, i) => `${i},${r.income},${r.region}`)].join('\n');
    expect(await client.uploadReference({ csv })).toMatchObject({ rows: 300 });
    const refused = await client.uploadReference({ csv: 'id,income\n1,20\n' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      name: 'DriftguardRequestError',
      status: 422,
      attempts: 1,
      details: [{ path: '/csv/header/region', reason: expect.any(String) }],
    });
    expect(await client.logPrediction({ features: { income: 50, region: 'north' }, prediction: 0 })).toEqual(
      expect.any(String),
    );
    await client.close();
  });

  it('predict scores with the champion (logged, retried through a 503) and its id takes a label', async () => {
    const proxy = await startFlakyProxy(url, (_req, index) =>
      index === 0 ? { kind: 'fail', status: 503 } : { kind: 'forward' },
    );
    try {
      const before = await logged();
      const client = createDriftguardClient({ url: proxy.url, apiKey: key, model: MODEL, retry: fast });
      const one = await client.predict({ features: { income: 30, debt: 0.9, region: 'south', owner: false } });
      expect(one).toMatchObject({ class: expect.stringMatching(/^(yes|no)$/), modelVersion: '1' });
      expect(one.score).toBeGreaterThan(0);
      expect(one.score).toBeLessThan(1);
      const many = await client.predictBatch(Array.from({ length: 5 }, (_, i) => ({ features: row(i).features })));
      expect(many.map((p) => p.modelVersion)).toEqual(['1', '1', '1', '1', '1']);
      expect(proxy.requests.map((r) => r.status)).toEqual([503, 200, 200]);
      expect(await logged()).toBe(before + 6);
      expect(await client.sendLabel({ predictionId: one.id, label: 'yes' })).toBe(true);
      const refused = await client.predict({ features: { income: 'high' } }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ status: 422 });
      expect((refused as DriftguardRequestError).details[0].path).toMatch(/^\/rows\/0\/features\//);
    } finally {
      await proxy.close();
    }
  });
});

describe('driftguard/client options', () => {
  it('refuses a bad batch, delay, queue or timeout option at construction, naming it', () => {
    const base = { url: 'http://127.0.0.1:9', model: 'credit' };
    expect(() => createDriftguardClient({ ...base, maxBatchRows: 2.5 })).toThrow(
      /^maxBatchRows must be an integer ≥ 1, got 2\.5$/,
    );
    expect(() => createDriftguardClient({ ...base, maxBatchRows: 0 })).toThrow(
      /^maxBatchRows must be an integer ≥ 1, got 0$/,
    );
    expect(() => createDriftguardClient({ ...base, maxDelayMs: Number.NaN })).toThrow(
      /^maxDelayMs must be a finite number ≥ 0, got NaN$/,
    );
    expect(() => createDriftguardClient({ ...base, maxQueuedRows: Number.POSITIVE_INFINITY })).toThrow(
      /^maxQueuedRows must be an integer ≥ 1, got Infinity$/,
    );
    expect(() => createDriftguardClient({ ...base, requestTimeoutMs: 0 })).toThrow(
      /^requestTimeoutMs must be a finite number > 0, got 0$/,
    );
    expect(() => createDriftguardClient({ ...base, url: 'localhost:8080' })).toThrow(/url must start with http/);
    expect(() => createDriftguardClient({ ...base, maxBatchRows: 20_000, maxDelayMs: 0 })).not.toThrow();
  });
});
