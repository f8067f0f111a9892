import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachStore } from '../../tests/support/http/each-store.js';
import { expectErrorBody } from '../../tests/support/http/expect-error-body.js';
import { auth, createTestApp, registerChampion } from '../../tests/support/http/test-app.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const features = { momentum: 0.3, sector: 'tech' };

describeOnEachStore(
  'labels: known classes only, re-labelling only with overwrite, replaced labels kept',
  (storeUrl) => {
    let t: TestApp;
    const post = (model: string, payload: unknown, role: 'ingest' | 'admin' = 'ingest') =>
      t.app.inject({
        method: 'POST',
        url: `/v1/models/${model}/labels`,
        headers: auth(role),
        payload: payload as object,
      });

    beforeAll(async () => {
      t = await createTestApp({ storeUrl: storeUrl() });
      const definitions = [
        { name: 'updown', features: { momentum: {}, sector: { kind: 'categorical' } }, target: 'direction' },
        { name: 'unjudged', features: { momentum: {}, sector: { kind: 'categorical' } } },
        { name: 'credit-default', features: { income: {}, region: { kind: 'categorical' }, owner: {} } },
      ];
      for (const payload of definitions)
        expect(
          (await t.app.inject({ method: 'POST', url: '/v1/models', headers: auth('admin'), payload })).statusCode,
        ).toBe(201);
      const rows = Array.from({ length: 60 }, (_, i) => ({
        momentum: i / 60,
        sector: i % 2 === 0 ? 'tech' : 'energy',
        direction: i % 3 === 0 ? 'DOWN' : 'UP',
      }));
      const reference = await t.app.inject({
        method: 'PUT',
        url: '/v1/models/updown/reference',
        headers: auth('admin'),
        payload: { rows },
      });
      expect(reference.statusCode, reference.body).toBe(200);
      for (const model of ['updown', 'unjudged'])
        await t.app.inject({
          method: 'POST',
          url: `/v1/models/${model}/predictions`,
          headers: auth('ingest'),
          payload: { predictions: ['p1', 'p2', 'p3'].map((id) => ({ id, features, prediction: 'UP' })) },
        });
    });
    afterAll(async () => {
      await t.close();
    });

    it('a label that is not one of the classes of the reference is a 422 listing them; nothing is stored', async () => {
      const res = await post('updown', {
        labels: [
          { predictionId: 'p1', label: 'UP' },
          { predictionId: 'p2', label: 'SIDEWAYS' },
        ],
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(expectErrorBody(res).details).toEqual([
        {
          path: '/labels/1/label',
          reason: expect.stringMatching(/"SIDEWAYS".*reference profile.*(DOWN, UP|UP, DOWN)/),
        },
      ]);
      expect(await t.store.getPrediction('updown', 'p1')).toMatchObject({ label: null });
    });

    it("a champion's class labels count as the classes when there is no reference", async () => {
      await registerChampion(t.tracking, 'credit-default');
      await t.app.inject({
        method: 'POST',
        url: '/v1/models/credit-default/predict',
        headers: auth('ingest'),
        payload: { id: 'c1', features: { income: 90_000, region: 'north', owner: true } },
      });
      const refused = await post('credit-default', { labels: [{ predictionId: 'c1', label: 'maybe' }] });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(expectErrorBody(refused).details[0].reason).toMatch(/champion version 1.*(no, yes|yes, no)/);
      expect((await post('credit-default', { labels: [{ predictionId: 'c1', label: 'yes' }] })).statusCode).toBe(200);
    });

    it('with no reference target and no champion the classes are unknown and any label is taken', async () => {
      const res = await post('unjudged', { labels: [{ predictionId: 'p1', label: 'ANYTHING' }] });
      expect(res.json()).toEqual({ joined: 1, unknownIds: [], relabeledIds: [] });
    });

    it('a second, different label is a 409 listing the ids unless "overwrite": true; the replaced label is kept', async () => {
      expect((await post('updown', { labels: [{ predictionId: 'p1', label: 'UP' }] })).json()).toEqual({
        joined: 1,
        unknownIds: [],
        relabeledIds: [],
      });
      // The same label again (a retry) is not a relabel.
      expect((await post('updown', { labels: [{ predictionId: 'p1', label: 'UP' }] })).statusCode).toBe(200);
      const conflict = await post('updown', {
        labels: [
          { predictionId: 'p3', label: 'UP' },
          { predictionId: 'p1', label: 'DOWN' },
        ],
      });
      expect(conflict.statusCode, conflict.body).toBe(409);
      const body = expectErrorBody(conflict);
      expect(body.message).toMatch(/p1.*overwrite/);
      expect(body.details).toEqual([{ path: '/labels/1/label', reason: 'prediction p1 already has another label' }]);
      expect(await t.store.getPrediction('updown', 'p1')).toMatchObject({ label: 'UP' });
      expect(await t.store.getPrediction('updown', 'p3')).toMatchObject({ label: null });

      const replaced = await post('updown', { labels: [{ predictionId: 'p1', label: 'DOWN' }], overwrite: true });
      expect(replaced.json()).toEqual({ joined: 1, unknownIds: [], relabeledIds: ['p1'] });
      expect(await t.store.getPrediction('updown', 'p1')).toMatchObject({ label: 'DOWN' });
      const audit = await t.app.inject({
        url: '/v1/models/updown/label-revisions?predictionId=p1',
        headers: auth('read'),
      });
      expect(audit.statusCode, audit.body).toBe(200);
      expect(audit.json().items).toEqual([
        {
          predictionId: 'p1',
          previousLabel: 'UP',
          previousLabelTimestamp: '2026-11-26T12:00:00.000Z',
          label: 'DOWN',
          labelTimestamp: '2026-11-26T12:00:00.000Z',
          revisedAt: '2026-11-26T12:00:00.000Z',
          revisedBy: 'ingestor',
        },
      ]);
      expect((await t.app.inject({ url: '/v1/models/nope/label-revisions', headers: auth('read') })).statusCode).toBe(
        404,
      );
    });

    it('documents overwrite, the 409 and the audit route in the OpenAPI', async () => {
      const doc = (await t.app.inject('/openapi.json')).json();
      const labels = doc.paths['/v1/models/{name}/labels'].post;
      expect(labels.requestBody.content['application/json'].schema.properties.overwrite.type).toBe('boolean');
      expect(Object.keys(labels.responses)).toContain('409');
      expect(doc.paths['/v1/models/{name}/label-revisions'].get).toBeDefined();
    });
  },
);
