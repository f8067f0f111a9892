import type { InjectOptions } from 'fastify';

type HTTPMethods = NonNullable<InjectOptions['method']>;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../../tests/support/http/expect-error-body.js';
import { auth, createTestApp } from '../../tests/support/http/test-app.js';
import { rawRequest } from '../../tests/support/network/raw-http.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

interface Operation {
  readonly method: HTTPMethods;
  /** OpenAPI path, e.g. `/v1/models/{name}/predict`. */
  readonly path: string;
  readonly params: readonly string[];
  readonly jsonBody: boolean;
}

/** Every operation of the published OpenAPI document (the routes a client can find). */
async function operationsOf(t: TestApp): Promise<Operation[]> {
  const doc = (await t.app.inject('/openapi.json')).json() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as HTTPMethods,
      path,
      params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      jsonBody: op.requestBody?.content?.['application/json'] !== undefined,
    })),
  );
}

const fill = (path: string, values: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? (name === 'name' ? 'credit-default' : 'x1'));

describe('every error answer has the documented { error, message, details } body', () => {
  let t: TestApp;
  let operations: Operation[];
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: { name: 'credit-default', features: { income: {} } },
    });
    operations = await operationsOf(t);
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the routes to probe in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((o) => o.params.length > 0).length).toBeGreaterThan(10);
  });

  it('a path parameter longer than the router allows (414) on every route with one', async () => {
    for (const op of operations.filter((o) => o.params.length > 0)) {
      for (const param of op.params) {
        const url = fill(op.path, { [param]: 'a'.repeat(300) });
        const res = await t.app.inject({
          method: op.method,
          url,
          headers: auth('admin'),
          payload: op.jsonBody ? {} : undefined,
        });
        const body = expectErrorBody(res, `${op.method} ${op.path} long ${param}`);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode === 414) expect(body.details[0]?.path).toBe('/params');
      }
    }
  });

  it('a path parameter that is not valid percent-encoding (400) on every route with one', async () => {
    for (const op of operations.filter((o) => o.params.length > 0)) {
      const url = fill(op.path, { [op.params[0]]: '%E0%A4%A' });
      const res = await t.app.inject({ method: op.method, url, headers: auth('admin') });
      expectErrorBody(res, `${op.method} ${op.path} bad escape`);
      expect(res.statusCode).toBe(400);
    }
  });

  it('an unknown route (404) and a method a route does not have (404 / 405)', async () => {
    expectErrorBody(await t.app.inject({ url: '/v1/nothing', headers: auth('admin') }), 'unknown route');
    for (const op of operations) {
      const other = op.method === 'DELETE' ? 'PATCH' : 'DELETE';
      const res = await t.app.inject({ method: other, url: fill(op.path), headers: auth('admin') });
      expectErrorBody(res, `${other} ${op.path}`);
      expect([404, 405]).toContain(res.statusCode);
    }
  });

  it('a JSON body nested 10,000 deep is a 400 on every route that takes JSON (never a stack overflow)', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepWithBigNumber = `{"a":${'['.repeat(10_000)}1e999${']'.repeat(10_000)}}`;
    for (const op of operations.filter((o) => o.jsonBody)) {
      for (const payload of [deep, deepWithBigNumber]) {
        const res = await t.app.inject({
          method: op.method,
          url: fill(op.path),
          headers: { ...auth('admin'), 'content-type': 'application/json' },
          payload,
        });
        const body = expectErrorBody(res, `${op.method} ${op.path} deep JSON`);
        expect(res.statusCode, `${op.method} ${op.path}`).toBe(400);
        expect(body.message).toMatch(/nest/);
      }
    }
  });

  it('headers too large (431), a bad Content-Length (400) and a malformed request line (400) over a real socket', async () => {
    const big = await rawRequest(baseUrl, [
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    ]);
    expect(big.status).toBe(431);
    expectErrorBody({ statusCode: big.status, headers: big.headers, body: big.body }, '431');
    const badLength = await rawRequest(baseUrl, [
      'POST /v1/models HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}',
    ]);
    expect(badLength.status).toBe(400);
    expectErrorBody({ statusCode: badLength.status, headers: badLength.headers, body: badLength.body }, 'bad length');
    const garbage = await rawRequest(baseUrl, ['NOT AN HTTP REQUEST\r\n\r\n']);
    expect(garbage.status).toBe(400);
    expectErrorBody({ statusCode: garbage.status, headers: garbage.headers, body: garbage.body }, 'garbage');
  });

  it('a long path parameter over a real socket is answered in the same shape', async () => {
    const res = await rawRequest(baseUrl, [
      `GET /v1/models/${'a'.repeat(300)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    ]);
    expectErrorBody({ statusCode: res.status, headers: res.headers, body: res.body }, 'long param, socket');
  });
});
