import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessEventBus } from '../adapters/events/in-process-event-bus.js';
import { createPromClientRegistry } from '../adapters/metrics/prom-client-registry.js';
import { createSqliteStore } from '../adapters/store/sqlite/sqlite-store.js';
import { createLocalBackend } from '../adapters/tracking/local/local-backend.js';
import { composeHttpServices } from '../compose.js';
import { createMonitoredModels } from '../services/monitored-models.js';
import { createApiKeyVerifier } from './api-keys.js';
import { createHttpApp, type HttpApp } from './app.js';

describe('the dashboard served by the API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftguard-dashboard-'));
  const page = `<!doctype html><title>dash ${Math.random()}</title>`;
  const script = `console.log(${Date.now()})`;
  let app: HttpApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), page);
    writeFileSync(join(dir, 'dist', 'assets', 'index-abc.js'), script);
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    const backend = createLocalBackend({ dataDir: dir });
    const clock = { nowMs: () => Date.now() };
    const models = createMonitoredModels({ store, clock });
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
      apiKeys: createApiKeyVerifier([{ name: 'ops', roles: ['admin'], key: 'k'.repeat(24) }]),
      dashboardDir: join(dir, 'dist'),
    });
    close = async () => {
      await app.close();
      await store.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    };
  });
  afterAll(() => close());

  it('serves the page at / and /dashboard/ without a key, never cached', async () => {
    for (const url of ['/', '/dashboard/']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(page);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets under any prefix, cached for good', async () => {
    for (const url of ['/assets/index-abc.js', '/dashboard/assets/index-abc.js']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(script);
      expect(res.headers['cache-control']).toMatch(/immutable/);
    }
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
  });

  it('falls back to the page for HTML navigations; the API keeps its routes and JSON 404s', async () => {
    const nav = await app.inject({ url: '/models/credit', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(nav.statusCode).toBe(200);
    expect(nav.body).toBe(page);
    const api = await app.inject({ url: '/v1/nothing-here', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not_found' });
    expect((await app.inject({ url: '/v1/models', headers: { accept: 'text/html' } })).statusCode).toBe(401);
    expect((await app.inject('/elsewhere')).json()).toMatchObject({ error: 'not_found' });
    expect((await app.inject({ method: 'POST', url: '/', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });
});
