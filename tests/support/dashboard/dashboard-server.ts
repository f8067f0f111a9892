import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServer, createTrackingBackend, locateDashboard } from '../../../src/compose.js';
import type { MonitoredModelDefinition } from '../../../src/services/config/monitored-model-definition.js';
import type { ServeSettings } from '../../../src/services/config/serve-settings.js';
import { numericResult, sampleReport } from '../drift/sample-report.js';
import {
  type Concept,
  featuresOf,
  loanDefinition,
  loanRows,
  registerLoanChampion,
} from '../services/retraining-fixture.js';

export const KEYS = {
  admin: 'dash-admin-key-0123456789',
  ingest: 'dash-ingest-key-0123456789',
  read: 'dash-read-key-0123456789ab',
} as const;
/**
 * The dashboard's model: the retraining fixture's loan stream, retraining after one high window once 300 rows are
 * labelled, with the multivariate drift test on.
 */
export function dashboardModel(name: string): MonitoredModelDefinition {
  const definition = loanDefinition(name, {
    minLabeledRows: 300,
    minPerClass: 30,
    horizonRows: 600,
    persistWindows: 1,
    cooldownWindows: 0,
  });
  return {
    ...definition,
    // The multivariate test on every window (the champion's reference keeps a row sample of its training rows).
    drift: { ...definition.drift, multivariate: { method: 'classifier' } },
    description: 'Loan approvals (synthetic two-concept stream) for the dashboard tests',
  };
}

async function registerChampion(dataDir: string, name: string, nowMs: number): Promise<void> {
  const backend = createTrackingBackend({ dataDir, trackingUri: `file:${dataDir}` });
  try {
    await registerLoanChampion(backend, name, nowMs);
  } finally {
    await backend.close();
  }
}

/** Builds the dashboard into dist/dashboard when this checkout has not (CI runs `npm run build` first). */
async function ensureDashboardBuilt(): Promise<void> {
  if (locateDashboard() !== null) return;
  const { build } = await import('vite');
  const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
  await build({ configFile: join(root, 'dashboard/vite.config.ts'), logLevel: 'warn' });
  if (!existsSync(join(root, 'dist/dashboard/index.html')))
    throw new Error('vite build did not produce dist/dashboard/index.html');
}

/**
 * A real `driftguard serve` (composeServer, loopback, SQLite, local tracking in a temp dir) with one model whose
 * champion (version 2, promoted over version 1) was trained and registered beforehand; plus HTTP traffic helpers.
 */
export async function startDashboardServer(name = 'loans') {
  await ensureDashboardBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'driftguard-dashboard-'));
  const now = Date.now();
  await registerChampion(dataDir, name, now - 120_000);
  await registerChampion(dataDir, name, now - 60_000);
  const settings: ServeSettings = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    storeUrl: `sqlite:${join(dataDir, 'driftguard.db')}`,
    // Pinned so an MLFLOW_TRACKING_URI in the environment (CI) does not redirect the registry.
    trackingUri: `file:${dataDir}`,
    publicUrl: null,
    openRead: false,
    bodyLimitBytes: 16 * 1024 * 1024,
    apiKeys: [
      { name: 'ops', roles: ['admin'], key: KEYS.admin },
      { name: 'traffic', roles: ['ingest'], key: KEYS.ingest },
      { name: 'viewer', roles: ['read'], key: KEYS.read },
    ],
    alertPolicy: {},
    sinks: [],
    predictionRetentionDays: null,
    models: [dashboardModel(name)],
  };
  const server = await composeServer(settings);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  server.scheduler.start();
  server.retrainer.start();
  const address = server.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const url = `http://127.0.0.1:${address.port}`;

  async function call<T>(method: string, path: string, role: keyof typeof KEYS, body?: unknown): Promise<T> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${KEYS[role]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return (text === '' ? null : JSON.parse(text)) as T;
  }

  let seed = 100;
  return {
    url,
    name,
    call,
    /**
     * Scores `n` rows of the concept through POST /predict (logged) in batches of one window (300): the scheduler
     * then never sees a partial window, which would postpone the next evaluation by a whole window.
     */
    async traffic(n: number, concept: Concept): Promise<{ id: string; label: string }[]> {
      const rows = loanRows(n, (seed += 1), concept);
      const out: { id: string; label: string }[] = [];
      for (let i = 0; i < rows.length; i += 300) {
        const batch = rows.slice(i, i + 300);
        const result = await call<{ predictions: { id: string }[] }>('POST', `/v1/models/${name}/predict`, 'ingest', {
          rows: batch.map((r) => ({ features: featuresOf(r) })),
        });
        result.predictions.forEach((p, j) => out.push({ id: p.id, label: batch[j].label }));
      }
      return out;
    },
    /**
     * One monitoring window (300 rows) of the concept, then waits until its drift report is stored. `labelled`: each
     * half is labelled right after it is scored, so the window's report has at least the first half's labels.
     */
    async window(concept: Concept, labelled = false): Promise<{ id: string; label: string }[]> {
      const count = async () =>
        (await call<{ items: unknown[] }>('GET', `/v1/models/${name}/drift-reports?limit=1000`, 'read')).items.length;
      const before = await count();
      const rows: { id: string; label: string }[] = [];
      for (const half of labelled ? [150, 150] : [300]) {
        const scored = await this.traffic(half, concept);
        if (labelled) await this.labels(scored);
        rows.push(...scored);
      }
      const deadline = Date.now() + 20_000;
      while ((await count()) === before) {
        if (Date.now() > deadline) {
          const reference = await server.store.latestReferenceProfile(name);
          const logged = await server.store.countPredictions(name);
          throw new Error(
            `no drift report within 20 s after a ${concept} window (${before} report(s) so far, ${logged.total} predictions logged, reference: ${reference?.source ?? 'none'})`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return rows;
    },
    /** Stores a drift report of another model (no monitoring of its own): global report ids then leave gaps. */
    async neighbourReport(): Promise<void> {
      const at = Date.now();
      await server.store.saveDriftReport(
        {
          model: 'neighbour',
          windowStartMs: at - 1000,
          windowEndMs: at,
          createdAtMs: at,
          severity: 'none',
          driftShare: 0,
        },
        sampleReport([numericResult('a', 0.01)]),
      );
    },
    async labels(rows: { id: string; label: string }[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000) {
        await call('POST', `/v1/models/${name}/labels`, 'ingest', {
          labels: rows.slice(i, i + 1000).map((r) => ({ predictionId: r.id, label: r.label })),
        });
      }
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type DashboardServer = Awaited<ReturnType<typeof startDashboardServer>>;
