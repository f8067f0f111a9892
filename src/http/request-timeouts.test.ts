import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../../tests/support/http/expect-error-body.js';
import { createTestApp, KEYS } from '../../tests/support/http/test-app.js';
import { rawRequest } from '../../tests/support/network/raw-http.js';
import { resolveServeSettings } from '../services/config/serve-settings.js';
import { parseServiceConfig } from '../services/config/service-config.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe('request timeouts: a request whose headers or body stall is cut with a 408 in the error body', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp({ requestTimeoutMs: 1000 });
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a body that stops arriving', async () => {
    const started = Date.now();
    const res = await rawRequest(
      baseUrl,
      [
        `POST /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEYS.admin}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
        '{"name": "slow',
      ],
      { waitMs: 8000 },
    );
    expect(res.status).toBe(408);
    expect(expectErrorBody({ statusCode: res.status, headers: res.headers, body: res.body }).error).toBe(
      'request_timeout',
    );
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('headers that never end', async () => {
    const started = Date.now();
    const res = await rawRequest(baseUrl, ['GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a'], { waitMs: 8000 });
    expect(res.status).toBe(408);
    expectErrorBody({ statusCode: res.status, headers: res.headers, body: res.body });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('a request that arrives in time is answered as usual', async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    expect(res.status).toBe(200);
  });

  it('defaults to 60 s and is configurable as server.requestTimeoutMs (at least 1000)', () => {
    expect(resolveServeSettings({}, {}, {}).requestTimeoutMs).toBe(60_000);
    const config = parseServiceConfig({ server: { requestTimeoutMs: 5000 } }, 'c.json');
    expect(resolveServeSettings({}, {}, config).requestTimeoutMs).toBe(5000);
    expect(() => parseServiceConfig({ server: { requestTimeoutMs: 10 } }, 'c.json')).toThrow(
      '/server/requestTimeoutMs',
    );
  });
});
