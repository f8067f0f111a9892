import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { createInProcessEventBus } from '../../../src/adapters/events/in-process-event-bus.js';
import { createPromClientRegistry } from '../../../src/adapters/metrics/prom-client-registry.js';
import { protobufjsOnnxCodec } from '../../../src/adapters/onnx/protobufjs-onnx-codec.js';
import { createSqliteStore } from '../../../src/adapters/store/sqlite/sqlite-store.js';
import { createLocalBackend } from '../../../src/adapters/tracking/local/local-backend.js';
import { composeHttpServices, createStore } from '../../../src/compose.js';
import { dataTableFromRows } from '../../../src/domain/data-table.js';
import { createApiKeyVerifier } from '../../../src/http/api-keys.js';
import { createHttpApp, type HttpApp } from '../../../src/http/app.js';
import { logisticTrainer } from '../../../src/models/index.js';
import { createMonitoredModels } from '../../../src/services/monitored-models.js';
import { buildDriftguardModelDirectory } from '../../../src/services/tracking/driftguard-model-directory.js';
import { trackModelRun } from '../../../src/services/tracking/track-model-run.js';

export const KEYS = {
  admin: 'admin-key-0123456789abcdef',
  ingest: 'ingest-key-0123456789abcdef',
  read: 'read-key-0123456789abcdef0',
} as const;

export const auth = (role: keyof typeof KEYS) => ({ authorization: `Bearer ${KEYS[role]}` });

/** A real app on an in-memory SQLite store (or the store at `storeUrl`) and a local tracking store, with a fixed clock and one key per role. */
export async function createTestApp(
  options: {
    openRead?: boolean;
    bodyLimitBytes?: number;
    storeUrl?: string;
    logger?: FastifyBaseLogger;
    requestTimeoutMs?: number;
  } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'driftguard-http-'));
  const store =
    options.storeUrl === undefined ? createSqliteStore({ path: ':memory:' }) : createStore(options.storeUrl);
  await store.migrate();
  const tracking = createLocalBackend({ dataDir });
  const clock = { nowMs: () => Date.UTC(2026, 10, 26, 12) };
  const models = createMonitoredModels({ store, clock });
  const metrics = createPromClientRegistry();
  const events = createInProcessEventBus();
  const { services } = composeHttpServices({ store, backend: tracking, clock, models, metrics, events });
  const app: HttpApp = await createHttpApp({
    services,
    apiKeys: createApiKeyVerifier([
      { name: 'ops', roles: ['admin'], key: KEYS.admin },
      { name: 'ingestor', roles: ['ingest'], key: KEYS.ingest },
      { name: 'viewer', roles: ['read'], key: KEYS.read },
    ]),
    openRead: options.openRead,
    bodyLimitBytes: options.bodyLimitBytes,
    logger: options.logger,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  return {
    app,
    store,
    clock,
    events,
    tracking,
    async close() {
      await app.close();
      await store.close();
      await tracking.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Trains a small logistic model (approve when income is high, region matters a little) and registers it as the
 * champion of `name` in the app's tracking store — the way `driftguard train --register` does.
 */
export async function registerChampion(tracking: ReturnType<typeof createLocalBackend>, name: string) {
  const rows = Array.from({ length: 400 }, (_, i) => {
    const income = 20_000 + ((i * 7919) % 80_000);
    const region = ['north', 'south', 'east'][i % 3];
    return {
      income,
      region,
      owner: i % 2 === 0,
      approved: income + (region === 'north' ? 5000 : 0) > 60_000 ? 'yes' : 'no',
    };
  });
  const { model } = logisticTrainer.fit(
    { table: dataTableFromRows(rows), target: 'approved', task: 'binary', positiveClass: 'yes' },
    null,
    {},
    1,
  );
  const run = await trackModelRun({
    tracking: tracking.tracking,
    registry: tracking.registry,
    experimentName: name,
    runName: 'initial',
    modelFiles: buildDriftguardModelDirectory({ model, codec: protobufjsOnnxCodec, createdAtMs: 0 }),
    register: { modelName: name, alias: 'champion', by: 'test', reason: 'initial model' },
  });
  return { model, version: run.version!.version };
}
