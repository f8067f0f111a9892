import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessEventBus } from '../adapters/events/in-process-event-bus.js';
import { createPromClientRegistry } from '../adapters/metrics/prom-client-registry.js';
import { createSqliteStore } from '../adapters/store/sqlite/sqlite-store.js';
import { createMlflowBackend } from '../adapters/tracking/mlflow/mlflow-backend.js';
import { composeHttpServices } from '../compose.js';
import { createMonitoredModels } from '../services/monitored-models.js';
import { createApiKeyVerifier } from './api-keys.js';
import { createHttpApp, type HttpApp } from './app.js';

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the tracking backend (MLflow) is unreachable', () => {
  const store = createSqliteStore({ path: ':memory:' });
  let app: HttpApp;
  const headers = { authorization: 'Bearer admin-key-0123456789abcdef' };

  beforeAll(async () => {
    await store.migrate();
    const backend = createMlflowBackend({
      trackingUri: `http://127.0.0.1:${await closedPort()}`,
      maxRetries: 0,
      timeoutMs: 2000,
    });
    const clock = { nowMs: () => Date.now() };
    const models = createMonitoredModels({ store, clock });
    await models.create({ name: 'credit', features: { income: {} } });
    const { services } = composeHttpServices({
      store,
      backend,
      clock,
      models,
      metrics: createPromClientRegistry(),
      events: createInProcessEventBus(),
    });
    app = await createHttpApp({
      services,
      apiKeys: createApiKeyVerifier([{ name: 'ops', roles: ['admin'], key: 'admin-key-0123456789abcdef' }]),
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('POST /predict answers 503 with the JSON error body naming the tracking backend', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/models/credit/predict',
      headers,
      payload: { features: { income: 1 } },
    });
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body).toMatchObject({ error: 'unavailable', details: [expect.objectContaining({ path: '/tracking' })] });
    expect(body.message).toMatch(/tracking backend.*unavailable/);
    expect(response.headers['retry-after']).toBeDefined();
    // Logging predictions made elsewhere does not need the tracking backend.
    const logged = await app.inject({
      method: 'POST',
      url: '/v1/models/credit/predictions',
      headers,
      payload: { predictions: [{ features: { income: 1 }, prediction: 1 }] },
    });
    expect(logged.statusCode).toBeLessThan(300);
  });

  it('/readyz reports not ready with the reason: the champion cannot be loaded', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'not_ready',
      reason: expect.stringMatching(/credit.*champion.*cannot be loaded/),
    });
  });
});
