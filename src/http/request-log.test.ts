import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../../tests/support/http/expect-error-body.js';
import { auth, createTestApp, KEYS } from '../../tests/support/http/test-app.js';
import { createLogger } from '../compose.js';
import { resolveServeSettings } from '../services/config/serve-settings.js';
import { parseServiceConfig } from '../services/config/service-config.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A pino logger writing JSON lines into memory. */
function memoryLogger(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, destination), lines, records: () => lines.map((l) => JSON.parse(l)) };
}

const SECRET_VALUE = 'feature-value-that-must-never-be-logged';

describe('structured request logs (pino JSON lines) and request ids', () => {
  let t: TestApp;
  const log = memoryLogger();
  beforeAll(async () => {
    t = await createTestApp({ logger: log.logger });
    await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: { name: 'credit', features: { region: { kind: 'categorical' } } },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes one info line per request with method, route, status and duration, and never a key or a feature value', async () => {
    log.lines.length = 0;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit/predictions',
      headers: { ...auth('ingest'), 'x-api-key': KEYS.ingest },
      payload: { predictions: [{ id: 'p1', features: { region: SECRET_VALUE }, prediction: SECRET_VALUE }] },
    });
    expect(res.statusCode).toBe(201);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/models/credit/predictions',
      headers: auth('ingest'),
      payload: { predictions: [{ id: 'p2', features: { region: SECRET_VALUE, extra: SECRET_VALUE }, prediction: 1 }] },
    });
    expect(refused.statusCode).toBe(422);
    const records = log.records();
    expect(records).toHaveLength(2);
    for (const [record, status] of [
      [records[0], 201],
      [records[1], 422],
    ] as const) {
      expect(record).toMatchObject({
        level: 30,
        msg: 'request',
        method: 'POST',
        route: '/v1/models/:name/predictions',
        status,
        durationMs: expect.any(Number),
        reqId: expect.any(String),
      });
      expect(typeof record.time).toBe('number');
    }
    const all = log.lines.join('\n');
    for (const secret of [KEYS.ingest, SECRET_VALUE, 'authorization', 'Bearer']) expect(all).not.toContain(secret);
  });

  it('logs a 500 at error level with the stack, and the error body carries the request id', async () => {
    log.lines.length = 0;
    const broken = await createTestApp({ logger: log.logger });
    await broken.store.close(); // every store call now fails: an internal error
    const res = await broken.app.inject({
      url: '/v1/models',
      headers: { ...auth('read'), 'x-request-id': 'trace-42' },
    });
    expect(res.statusCode).toBe(500);
    const body = expectErrorBody(res);
    expect(body.requestId).toBe('trace-42');
    expect(res.headers['x-request-id']).toBe('trace-42');
    const records = log.records();
    const error = records.find((r) => r.level === 50);
    expect(error).toMatchObject({ reqId: 'trace-42', err: { stack: expect.stringMatching(/Error/) } });
    expect(records.find((r) => r.msg === 'request')).toMatchObject({
      reqId: 'trace-42',
      status: 500,
      route: '/v1/models',
    });
    await broken.app.close();
  });

  it('takes a sane X-Request-Id, generates one otherwise, and echoes it on every answer and error body', async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123_DEF.4' } });
    expect(given.headers['x-request-id']).toBe('abc-123_DEF.4');
    for (const insane of ['has spaces in it', 'x'.repeat(200), 'semi;colon', '']) {
      const res = await t.app.inject({ url: '/v1/models/nope', headers: { ...auth('read'), 'x-request-id': insane } });
      const id = res.headers['x-request-id'] as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(expectErrorBody(res).requestId).toBe(id);
    }
    const generated = await t.app.inject({ url: '/v1/nothing' });
    expect(expectErrorBody(generated).requestId).toBe(generated.headers['x-request-id']);
  });

  it('the level is configurable: flag > DRIFTGUARD_LOG_LEVEL > server.logLevel > info, and a wrong level is refused', () => {
    const config = parseServiceConfig({ server: { logLevel: 'warn' } }, 'c.json');
    expect(resolveServeSettings({}, {}, {}).logLevel).toBe('info');
    expect(resolveServeSettings({}, {}, config).logLevel).toBe('warn');
    expect(resolveServeSettings({}, { DRIFTGUARD_LOG_LEVEL: 'debug' }, config).logLevel).toBe('debug');
    expect(resolveServeSettings({ logLevel: 'error' }, { DRIFTGUARD_LOG_LEVEL: 'debug' }, config).logLevel).toBe(
      'error',
    );
    expect(() => resolveServeSettings({ logLevel: 'loud' }, {}, {})).toThrow(
      /--log-level.*fatal, error, warn, info, debug, trace, silent/,
    );
    expect(() => parseServiceConfig({ server: { logLevel: 'loud' } }, 'c.json')).toThrow('/server/logLevel');
    const quiet = memoryLogger('warn');
    quiet.logger.info('not written');
    quiet.logger.warn('written');
    expect(quiet.records().map((r) => r.msg)).toEqual(['written']);
  });
});
