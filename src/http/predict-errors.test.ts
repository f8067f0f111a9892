import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../../tests/support/http/expect-error-body.js';
import { auth, createTestApp, registerChampion } from '../../tests/support/http/test-app.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * The documented rule for `details[].path`: a JSON Pointer into the request body as it was sent. Its parent must
 * exist in the body (the field itself may be the missing one).
 */
function expectPathsInto(body: unknown, details: readonly { path: string }[]) {
  for (const { path } of details) {
    const segments = path.split('/').slice(1, -1);
    let node: unknown = body;
    for (const segment of segments) {
      expect(node !== null && typeof node === 'object', `${path}: ${segment} is inside the body`).toBe(true);
      node = (node as Record<string, unknown>)[segment];
    }
    expect(node !== null && typeof node === 'object', `${path}: its parent is in the body`).toBe(true);
  }
}

const features = { income: 90_000, region: 'north', owner: true };

describe('/predict errors: 404 like every route, detail paths into the body as sent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    for (const name of ['credit-default', 'no-champion']) {
      await t.app.inject({
        method: 'POST',
        url: '/v1/models',
        headers: auth('admin'),
        payload: { name, features: { income: {}, region: { kind: 'categorical' }, owner: {} } },
      });
    }
    await registerChampion(t.tracking, 'credit-default');
  });
  afterAll(async () => {
    await t.close();
  });

  const predict = (name: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/models/${name}/predict`,
      headers: auth('ingest'),
      payload: payload as object,
    });

  it('an unknown model is a 404 not_found, as on every other route of a model', async () => {
    for (const payload of [{ features }, { rows: [{ features }] }]) {
      const res = await predict('no-such-model', payload);
      expect(res.statusCode).toBe(404);
      expect(expectErrorBody(res).error).toBe('not_found');
    }
    const other = await t.app.inject({ url: '/v1/models/no-such-model/predictions', headers: auth('read') });
    expect(other.statusCode).toBe(404);
  });

  it('a known model without a champion stays a 409 naming what to do', async () => {
    const res = await predict('no-champion', { features });
    expect(res.statusCode).toBe(409);
    expect(expectErrorBody(res).message).toMatch(/no champion version/);
  });

  it('single row: paths are relative to the body ({features, timestamp, id}); batch: under /rows/<i>', async () => {
    const cases: { payload: unknown; status: number; paths: string[] }[] = [
      { payload: { features: { ...features, colour: 'red' } }, status: 422, paths: ['/features/colour'] },
      { payload: { features, timestamp: 'yesterday' }, status: 422, paths: ['/timestamp'] },
      {
        payload: { rows: [{ features }, { features, timestamp: 'yesterday' }] },
        status: 422,
        paths: ['/rows/1/timestamp'],
      },
      {
        payload: { rows: [{ features: { ...features, income: 'lots' } }, { features }] },
        status: 422,
        paths: ['/rows/0/features/income'],
      },
    ];
    for (const c of cases) {
      const res = await predict('credit-default', c.payload);
      expect(res.statusCode, res.body).toBe(c.status);
      const body = expectErrorBody(res);
      expect(body.details.map((d) => d.path)).toEqual(c.paths);
      expectPathsInto(c.payload, body.details);
    }
  });

  it('a re-used id is a 409 naming /id (single row) or /rows/<i>/id (batch)', async () => {
    expect((await predict('credit-default', { id: 'dup-1', features })).statusCode).toBe(200);
    const single = await predict('credit-default', { id: 'dup-1', features });
    expect(single.statusCode).toBe(409);
    expect(expectErrorBody(single).details).toEqual([{ path: '/id', reason: 'id dup-1 already logged' }]);
    const batch = await predict('credit-default', {
      rows: [
        { id: 'new-1', features },
        { id: 'dup-1', features },
      ],
    });
    expect(batch.statusCode).toBe(409);
    expect(expectErrorBody(batch).details).toEqual([{ path: '/rows/1/id', reason: 'id dup-1 already logged' }]);
  });
});
