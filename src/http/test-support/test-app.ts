import { randomUUID } from 'node:crypto';
import { createSqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { createDriftReportQueries } from '../../services/drift-report-queries.js';
import { createMetricsRegistry } from '../../services/metrics-registry.js';
import { createMonitoredModels } from '../../services/monitored-models.js';
import { createPredictionLogging } from '../../services/prediction-logging.js';
import { createApiKeyVerifier } from '../api-keys.js';
import { createHttpApp, type HttpApp } from '../app.js';

export const KEYS = {
  admin: 'admin-key-0123456789abcdef',
  ingest: 'ingest-key-0123456789abcdef',
  read: 'read-key-0123456789abcdef0',
} as const;

export const auth = (role: keyof typeof KEYS) => ({ authorization: `Bearer ${KEYS[role]}` });

/** A real app on an in-memory SQLite store with a fixed clock and one key per role. */
export async function createTestApp(options: { openRead?: boolean; bodyLimitBytes?: number } = {}) {
  const store = createSqliteStore({ path: ':memory:' });
  await store.migrate();
  const clock = { nowMs: () => Date.UTC(2026, 10, 26, 12) };
  const models = createMonitoredModels({ store, clock });
  const metrics = createMetricsRegistry();
  const app: HttpApp = await createHttpApp({
    services: {
      models,
      predictionLogging: createPredictionLogging({ store, clock, models, newId: randomUUID, metrics }),
      driftReports: createDriftReportQueries({ store, models }),
      checkReady: async () => {
        await store.countPredictions('__readiness__');
      },
      metrics,
    },
    apiKeys: createApiKeyVerifier([
      { name: 'ops', roles: ['admin'], key: KEYS.admin },
      { name: 'ingestor', roles: ['ingest'], key: KEYS.ingest },
      { name: 'viewer', roles: ['read'], key: KEYS.read },
    ]),
    openRead: options.openRead,
    bodyLimitBytes: options.bodyLimitBytes,
  });
  return { app, store, clock };
}
