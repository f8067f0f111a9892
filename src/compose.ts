/** The one place that picks adapters from configuration / URLs (sqlite:, postgres:, http(s):, file:). */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { createAlertmanagerSink } from './adapters/alerts/alertmanager-sink.js';
import { createSlackSink } from './adapters/alerts/slack-sink.js';
import { createWebhookSink } from './adapters/alerts/webhook-sink.js';
import { createPostgresStore } from './adapters/store/postgres/postgres-store.js';
import { createSqliteStore } from './adapters/store/sqlite/sqlite-store.js';
import { createApiKeyVerifier } from './http/api-keys.js';
import { createHttpApp } from './http/app.js';
import type { AlertSink } from './ports/alert-sink.js';
import type { Store } from './ports/store.js';
import { createInProcessEventBus } from './adapters/events/in-process-event-bus.js';
import { createPostgresEventBus } from './adapters/events/postgres-event-bus.js';
import { createAlertDispatcher } from './services/alert-dispatcher.js';
import { createAlertQueries } from './services/alert-queries.js';
import { createChampionChanges, type ChampionChanges } from './services/champion-changes.js';
import { createChampionReadiness } from './services/champion-readiness.js';
import { createDriftMonitoring } from './services/drift-monitoring.js';
import { createWorkerDriftEvaluator } from './services/drift-evaluator-worker.js';
import { createMonitoringScheduler } from './services/monitoring-scheduler.js';
import { createDriftReportQueries } from './services/drift-report-queries.js';
import { createMetricsRegistry, type MetricsRegistry } from './services/metrics-registry.js';
import { createModelVersionQueries } from './services/model-version-queries.js';
import { createMonitoredModels, type MonitoredModels } from './services/monitored-models.js';
import { createPredictionLogQueries } from './services/prediction-log-queries.js';
import { createPredictionLogging } from './services/prediction-logging.js';
import { createUuidV7Generator } from './services/uuid-v7.js';
import { createPredictionServing } from './services/prediction-serving.js';
import { createReferenceUpload } from './services/reference-upload.js';
import { createRetrainingJobs, type RetrainingJobs } from './services/retraining-jobs.js';
import { createRetrainingRunner } from './services/retraining-runner.js';
import { createWorkerChallengerExecutor } from './services/challenger-execution.js';
import { locateThreadEntry } from './services/worker-thread.js';
import { createServingModels, type ServingModels } from './services/serving-models.js';
import type { HttpServices } from './http/http-services.js';
import type { Clock } from './ports/clock.js';
import type { EventBus } from './ports/event-bus.js';
import type { ResolvedSink, ServeSettings } from './services/serve-settings.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalBackend } from './adapters/tracking/local/local-backend.js';
import { createMlflowBackend } from './adapters/tracking/mlflow/mlflow-backend.js';
import { mlflowOptionsFromEnv } from './adapters/tracking/mlflow/mlflow-client.js';
import type { TrackingBackend } from './ports/tracking-backend.js';
import type { ModelDirectory } from './ports/model-directory.js';
import { createFileModelDirectory } from './adapters/files/file-model-directory.js';
import { createCsvTextParser } from './adapters/tabular/csv-reader.js';
import { TrackingError } from './ports/tracking-error.js';

export interface TrackingBackendOptions {
  /** Default: env MLFLOW_TRACKING_URI. `http(s)://…` → MLflow REST; unset, `file:<dir>` or `sqlite:///<file>` → local store. */
  readonly trackingUri?: string;
  /** Data directory of the local store when the URI is unset (`<dataDir>/tracking.db`, `<dataDir>/artifacts/`). */
  readonly dataDir: string;
  /** Source of MLFLOW_TRACKING_* credentials; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Picks the tracking backend from a URI, like MLflow's store registry: `http(s)://` → MLflow REST adapter
 * (MLFLOW_TRACKING_USERNAME / _PASSWORD basic auth, MLFLOW_TRACKING_TOKEN bearer); unset → local SQLite + files in
 * dataDir; `file:<dir>` → local store in that directory; `sqlite:///<relative>` / `sqlite:////<absolute>` → local
 * store in that database file, artifacts beside it.
 */
export function createTrackingBackend(options: TrackingBackendOptions): TrackingBackend {
  const env = options.env ?? process.env;
  const uri = (options.trackingUri ?? env.MLFLOW_TRACKING_URI ?? '').trim();
  if (uri === '') return createLocalBackend({ dataDir: options.dataDir });
  if (/^https?:\/\//i.test(uri)) return createMlflowBackend({ ...mlflowOptionsFromEnv(env), trackingUri: uri });
  if (/^file:/i.test(uri)) {
    const dataDir = uri.startsWith('file://') ? fileURLToPath(uri) : uri.slice('file:'.length);
    return createLocalBackend({ dataDir: resolve(dataDir) });
  }
  if (/^sqlite:/i.test(uri)) {
    const path = uri.replace(/^sqlite:\/\/\//i, '');
    if (path === '' || path === uri) {
      throw new TrackingError(`tracking URI ${uri}: expected sqlite:///<relative path> or sqlite:////<absolute path>`, { kind: 'invalid', operation: 'configure' });
    }
    const databasePath = isAbsolute(path) ? path : resolve(path);
    return createLocalBackend({ dataDir: dirname(databasePath), databasePath });
  }
  const scheme = uri.split(':')[0];
  throw new TrackingError(`tracking URI scheme "${scheme}:" is not supported (use http(s)://host:port, file:<dir> or sqlite:///<file>)`, {
    kind: 'invalid',
    operation: 'configure',
  });
}

export { createTableReader } from './table-readers.js';

/** Model directories (model.json, model.onnx, schema, reference profile, metrics) on the local file system. */
export function createModelDirectory(): ModelDirectory {
  return createFileModelDirectory();
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/** Picks the store by URL: `sqlite:<file>` (embedded default) or `postgres://…` / `postgresql://…` (shared by replicas). */
export function createStore(url: string): Store {
  if (isPostgresUrl(url)) return createPostgresStore({ connectionString: url });
  if (/^sqlite:/i.test(url)) {
    const path = url.replace(/^sqlite:(\/\/)?/i, '');
    if (path === '') throw new Error(`store URL ${url}: expected sqlite:<file>`);
    return createSqliteStore({ path: path === ':memory:' ? path : resolve(path) });
  }
  throw new Error(`store URL scheme of ${JSON.stringify(url.split(':')[0])} is not supported (use sqlite:<file> or postgres://…)`);
}

/** How long start-up waits for the PostgreSQL event bus to LISTEN before going on (it keeps retrying after). */
const EVENT_BUS_START_WAIT_MS = 10_000;

/**
 * Picks the event bus by the store URL: on PostgreSQL the replicas share one (LISTEN/NOTIFY), so an SSE client of any
 * replica sees every replica's events; on SQLite the in-process bus. Start-up waits until it listens (bounded).
 */
export async function createEventBus(storeUrl: string, onError: (error: unknown) => void): Promise<EventBus & { close(): Promise<void> }> {
  if (!isPostgresUrl(storeUrl)) return { ...createInProcessEventBus(onError), close: async () => undefined };
  const bus = createPostgresEventBus({ connectionString: storeUrl, onError });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), EVENT_BUS_START_WAIT_MS)));
  const listening = await Promise.race([bus.listening().then(() => true), waited]);
  clearTimeout(timer);
  if (!listening) onError(new Error(`event bus: not listening after ${EVENT_BUS_START_WAIT_MS} ms; events of other replicas arrive once it does`));
  return bus;
}

function createSink(sink: ResolvedSink): AlertSink {
  if (sink.type === 'webhook') return createWebhookSink(sink);
  if (sink.type === 'slack') return createSlackSink(sink);
  return createAlertmanagerSink(sink);
}

/** The use cases behind the HTTP API, wired on a store and a tracking backend (shared by serve and the API tests). */
export function composeHttpServices(deps: {
  store: Store;
  backend: TrackingBackend;
  clock: Clock;
  models: MonitoredModels;
  metrics: MetricsRegistry;
  events: EventBus;
}): { services: HttpServices; serving: ServingModels; retraining: RetrainingJobs; champions: ChampionChanges } {
  const { store, backend, clock, models, metrics, events } = deps;
  const serving = createServingModels({ registry: backend.registry, tracking: backend.tracking, clock });
  const predictionLogging = createPredictionLogging({ store, clock, models, newId: createUuidV7Generator(), metrics });
  const retraining = createRetrainingJobs({ store, models, serving, clock, events, metrics });
  const champions = createChampionChanges({ store, models, registry: backend.registry, serving, events, clock });
  const checkChampions = createChampionReadiness({ models, serving });
  return {
    serving,
    retraining,
    champions,
    services: {
      models,
      predictionLogging,
      predictionServing: createPredictionServing({ serving, logging: predictionLogging, clock, metrics }),
      predictionLog: createPredictionLogQueries({ store, models }),
      driftReports: createDriftReportQueries({ store, models }),
      alerts: createAlertQueries({ store, clock, events }),
      referenceUpload: createReferenceUpload({ store, models, clock, events, csv: createCsvTextParser() }),
      versions: createModelVersionQueries({ models, registry: backend.registry, tracking: backend.tracking }),
      retraining,
      champions,
      events,
      checkReady: async () => {
        await store.countPredictions('__readiness__');
        await checkChampions();
      },
      metrics,
    },
  };
}

/**
 * The built dashboard: `dist/dashboard` beside the compiled code (dist/compose.js → dist/dashboard) or, when running
 * from the sources, in the repository's dist/; null when it was not built (the API runs without it).
 */
export function locateDashboard(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  return [resolve(here, 'dashboard'), resolve(here, '..', 'dist', 'dashboard')].find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
}

/** The running service's parts, wired from resolved settings; `close` stops them in order. */
export async function composeServer(settings: ServeSettings, logger: FastifyBaseLogger | boolean = false) {
  const store = createStore(settings.storeUrl);
  await store.migrate();
  const clock = { nowMs: () => Date.now() };
  const models = createMonitoredModels({ store, clock });
  for (const definition of settings.models) await models.replace(definition);
  const metrics = createMetricsRegistry();
  const dispatcher = createAlertDispatcher({ sinks: settings.sinks.map(createSink), store, clock });
  const backend = createTrackingBackend({ trackingUri: settings.trackingUri ?? undefined, dataDir: settings.dataDir });
  const events = await createEventBus(settings.storeUrl, (error) => console.error(`event bus: ${(error as Error).message ?? String(error)}`));
  const { services, serving, retraining, champions } = composeHttpServices({ store, backend, clock, models, metrics, events });
  const evaluator = createWorkerDriftEvaluator();
  if (evaluator.mode === 'in-thread') console.error('drift evaluation runs on the request thread: no worker entry found (build with npm run build)');
  const monitoring = createDriftMonitoring({ store, models, clock, dispatcher, events, metrics, alertPolicy: settings.alertPolicy, publicUrl: settings.publicUrl, evaluator });
  const scheduler = createMonitoringScheduler({
    store,
    models,
    monitoring,
    serving,
    clock,
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    onError: (model, error) => console.error(`monitoring ${model} failed: ${(error as Error).message}`),
    retentionMs: settings.predictionRetentionDays === null ? null : settings.predictionRetentionDays * 86_400_000,
    championRefreshMs: settings.championRefreshMs,
  });
  // A champion moved through another replica (announced on a shared bus) is re-read on the next tick.
  events.subscribe((event) => {
    if (event.type === 'model' && event.data.event === 'champion_changed') scheduler.followChampion(event.model);
  });
  const challengerThread = locateThreadEntry('challenger-thread');
  if (challengerThread.kind === 'in-thread') console.error(`retraining trains on the request thread: ${challengerThread.reason}`);
  const retrainer = createRetrainingRunner({
    store,
    models,
    jobs: retraining,
    serving,
    champions,
    backend,
    clock,
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    runUrl: backend.kind === 'mlflow' ? (experimentId, runId) => `${backend.location.replace(/\/+$/, '')}/#/experiments/${experimentId}/runs/${runId}` : undefined,
    onError: (model, error) => console.error(`retraining ${model} failed: ${(error as Error).message}`),
    ...(challengerThread.kind === 'worker' ? { executor: createWorkerChallengerExecutor(challengerThread) } : {}),
  });
  // A stored drift report or a job change (manual trigger) wakes the runner at once; labels are seen on its tick.
  events.subscribe((event) => {
    if (event.type === 'drift_report' || event.type === 'retraining') retrainer.wake();
  });
  const app = await createHttpApp({
    services,
    apiKeys: createApiKeyVerifier(settings.apiKeys),
    openRead: settings.openRead,
    bodyLimitBytes: settings.bodyLimitBytes,
    logger,
    dashboardDir: locateDashboard(),
  });
  return {
    app,
    store,
    scheduler,
    retrainer,
    async close() {
      await retrainer.stop();
      await scheduler.stop();
      await evaluator.close();
      await app.close();
      await events.close();
      await dispatcher.drain();
      await store.close();
      await backend.close();
    },
  };
}
