import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestApp, registerChampion } from '../../../tests/support/http/test-app.js';
import type { ServiceEvent } from '../../ports/event-bus.js';
import { routeAccessOf } from '../app.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const credit = {
  name: 'credit',
  task: 'classification',
  features: { income: {}, region: { kind: 'categorical' }, owner: {} },
  target: 'approved',
};

describe('retraining routes', () => {
  let t: TestApp;
  const events: ServiceEvent[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    t.events.subscribe((e) => events.push(e));
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('admin'), payload: credit })).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, payload?: unknown, role: 'admin' | 'read' | 'ingest' = 'admin') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: auth(role),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const get = (url: string) => t.app.inject({ url, headers: auth('read') });

  it('keeps the access map: triggers and champion moves need admin, job reads need read', async () => {
    const access = Object.fromEntries(routeAccessOf(t.app).map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(access).toMatchObject({
      'POST /v1/models/:name/retraining': 'admin',
      'GET /v1/models/:name/retraining-jobs': 'read',
      'GET /v1/models/:name/retraining-jobs/:id': 'read',
      'POST /v1/models/:name/rollback': 'admin',
      'POST /v1/models/:name/promote': 'admin',
    });
    expect((await t.app.inject({ method: 'POST', url: '/v1/models/credit/retraining' })).statusCode).toBe(401);
    expect((await post('/v1/models/credit/retraining', {}, 'read')).statusCode).toBe(403);
    expect((await post('/v1/models/credit/rollback', { reason: 'x' }, 'ingest')).statusCode).toBe(403);
    const doc = (await t.app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/models/{name}/retraining',
        '/v1/models/{name}/retraining-jobs',
        '/v1/models/{name}/retraining-jobs/{id}',
        '/v1/models/{name}/rollback',
        '/v1/models/{name}/promote',
      ]),
    );
  });

  it('refuses bad input with 4xx naming the field, never 500', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/v1/models/credit/retraining', { reason: 7 }, 400, '/reason'],
      ['/v1/models/credit/retraining', { why: 'x' }, 400, '/why'],
      ['/v1/models/credit/rollback', {}, 400, '/reason'],
      ['/v1/models/credit/rollback', { reason: '   ' }, 400, '/reason'],
      ['/v1/models/credit/promote', { version: 'latest', reason: 'x' }, 400, '/version'],
      ['/v1/models/credit/promote', { reason: 'x' }, 400, '/version'],
      ['/v1/models/NOT_A_NAME/retraining', {}, 400, 'params/name'],
    ];
    for (const [url, payload, status, path] of cases) {
      const response = await post(url, payload);
      expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(status);
      const body = response.json();
      expect(body).toMatchObject({ error: 'bad_request', message: expect.any(String) });
      expect(body.details.map((d: { path: string }) => d.path).join(' ')).toContain(path);
    }
    expect((await get('/v1/models/credit/retraining-jobs?limit=0')).statusCode).toBe(400);
    expect((await get('/v1/models/credit/retraining-jobs?colour=red')).statusCode).toBe(400);
    expect((await post('/v1/models/nobody/retraining', {})).json()).toMatchObject({ error: 'not_found' });
    expect((await get('/v1/models/nobody/retraining-jobs')).statusCode).toBe(404);
    expect((await get('/v1/models/credit/retraining-jobs/no-such-job')).statusCode).toBe(404);
  });

  it('defers a manual trigger without labels with the exact reason, lists and gets the job, publishes it', async () => {
    await registerChampion(t.tracking, 'credit');
    const response = await post('/v1/models/credit/retraining', { reason: 'new data' });
    expect(response.statusCode, response.body).toBe(202);
    const { job } = response.json();
    expect(job).toMatchObject({
      model: 'credit',
      status: 'deferred',
      trigger: { kind: 'manual', reason: 'new data (by ops)' },
      deferral: {
        reason: '0 of 1,000 labelled rows; class no has 0 of 50; class yes has 0 of 50',
        labeledRows: 0,
        minLabeledRows: 1000,
        minPerClass: 50,
      },
    });
    expect(events.filter((e) => e.type === 'retraining').at(-1)?.data).toMatchObject({
      model: 'credit',
      job: { id: job.id, status: 'deferred' },
    });
    // Without a body at all, the open deferred job is looked at again (and stays one job).
    const again = await t.app.inject({ method: 'POST', url: '/v1/models/credit/retraining', headers: auth('admin') });
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().job.id).toBe(job.id);
    expect((await get('/v1/models/credit/retraining-jobs')).json().jobs.map((j: { id: string }) => j.id)).toEqual([
      job.id,
    ]);
    expect((await get(`/v1/models/credit/retraining-jobs/${job.id}`)).json().job).toMatchObject({
      id: job.id,
      steps: [{ status: 'deferred' }],
    });
    expect((await get(`/v1/models/credit/retraining-jobs?before=${job.id}`)).json().jobs).toEqual([]);
  });

  it('answers 409 to a trigger while a job is queued or running', async () => {
    const open = (await t.store.openRetrainingJob('credit'))!;
    await t.store.saveRetrainingJob({ ...open, status: 'training' });
    const response = await post('/v1/models/credit/retraining', {});
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'conflict', message: expect.stringMatching(/already training/) });
    await t.store.saveRetrainingJob({ ...open, status: 'failed', finishedAtMs: open.createdAtMs });
  });

  it('promotes and rolls back the champion with the reason, answering 404 / 409 when the registry cannot', async () => {
    expect((await post('/v1/models/credit/rollback', { reason: 'bad model' })).statusCode).toBe(409);
    expect((await post('/v1/models/credit/promote', { version: '99', reason: 'x' })).statusCode).toBe(404);
    const second = await registerChampion(t.tracking, 'credit');
    const before = events.length;
    const rolledBack = await post('/v1/models/credit/rollback', { reason: 'accuracy dropped' });
    expect(rolledBack.statusCode, rolledBack.body).toBe(200);
    expect(rolledBack.json()).toEqual({ fromVersion: second.version, toVersion: '1', changed: true });
    expect(events.slice(before).find((e) => e.type === 'model')?.data).toMatchObject({
      event: 'champion_changed',
      action: 'rollback',
      fromVersion: second.version,
      toVersion: '1',
      reason: 'accuracy dropped',
    });
    const versions = (await get('/v1/models/credit/versions')).json().items;
    expect(
      versions.find((v: { version: string }) => v.version === second.version).tags['driftguard.rollback_reason'],
    ).toBe('accuracy dropped');
    const promoted = await post('/v1/models/credit/promote', { version: second.version, reason: 'fixed' });
    expect(promoted.json()).toEqual({ fromVersion: '1', toVersion: second.version, changed: true });
    expect(
      (await post('/v1/models/credit/promote', { version: second.version, reason: 'again' })).json(),
    ).toMatchObject({ changed: false });
  });
});
