/** The one place that picks adapters from configuration / URLs (sqlite:, postgres:, http(s):, file:). */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import { createAlertmanagerSink } from './adapters/alerts/alertmanager-sink.js';
import { createSlackSink } from './adapters/alerts/slack-sink.js';
import { createWebhookSink } from './adapters/alerts/webhook-sink.js';
import { createInProcessEventBus } from './adapters/events/in-process-event-bus.js';
import { createPostgresEventBus } from './adapters/events/postgres-event-bus.js';
import { createFileModelDirectory } from './adapters/files/file-model-directory.js';
import { createRegistryInferenceSource } from './adapters/inference/registry-inference-source.js';
import { createPromClientRegistry } from './adapters/metrics/prom-client-registry.js';
import { protobufjsOnnxCodec } from './adapters/onnx/protobufjs-onnx-codec.js';
import { createPostgresStore } from './adapters/store/postgres/postgres-store.js';
import { createSqliteStore } from './adapters/store/sqlite/sqlite-store.js';
import { createParquetWriter } from './adapters/tabular/parquet-writer.js';
import { createLocalBackend } from './adapters/tracking/local/local-backend.js';
import { createMlflowBackend } from './adapters/tracking/mlflow/mlflow-backend.js';
import { mlflowOptionsFromEnv } from './adapters/tracking/mlflow/mlflow-client.js';
import { createCommandTrainer } from './adapters/trainers/command-trainer.js';
import { createWebhookTrainer } from './adapters/trainers/webhook-trainer.js';
import { createApiKeyVerifier } from './http/api-keys.js';
import { createHttpApp } from './http/app.js';
import type { HttpServices } from './http/http-services.js';
import type { AlertSink } from './ports/alert-sink.js';
import { type ChallengerTrainer, type JobDataLinks, TrainerError } from './ports/challenger-trainer.js';
import type { Clock } from './ports/clock.js';
import type { EventBus } from './ports/event-bus.js';
import type { MetricsRegistry } from './ports/metrics.js';
import type { ModelDirectory } from './ports/model-directory.js';
import type { OnnxCodec } from './ports/onnx-codec.js';
import type { Store } from './ports/store.js';
import type { TableWriter } from './ports/table-writer.js';
import type { TrackingBackend } from './ports/tracking-backend.js';
import { TrackingError } from './ports/tracking-error.js';
import { createAlertDispatcher } from './services/alerting/alert-dispatcher.js';
import { createAlertQueries } from './services/alerting/alert-queries.js';
import { type ChampionChanges, createChampionChanges } from './services/champion/champion-changes.js';
import { createModelVersionQueries } from './services/champion/model-version-queries.js';
import type { ResolvedSink, ServeSettings } from './services/config/serve-settings.js';
import { createPredictionLogQueries } from './services/ingestion/prediction-log-queries.js';
import { createPredictionLogging } from './services/ingestion/prediction-logging.js';
import { createReferenceUpload } from './services/ingestion/reference-upload.js';
import { createUuidV7Generator } from './services/ingestion/uuid-v7.js';
import { createMonitoredModels, type MonitoredModels } from './services/monitored-models.js';
import { createDriftMonitoring } from './services/monitoring/drift-monitoring.js';
import { createDriftReportQueries } from './services/monitoring/drift-report-queries.js';
import { createMonitoringScheduler } from './services/monitoring/monitoring-scheduler.js';
import { createMonitoringStatus } from './services/monitoring/monitoring-status.js';
import type { BacktestTrainer } from './services/retraining/backtest/backtest-trainer.js';
import { createExternalBacktestTrainer } from './services/retraining/backtest/external-backtest-trainer.js';
import { createJobDataLinks, type JobDataLinksService } from './services/retraining/job-data-links.js';
import { createRetrainingJobs, type RetrainingJobs } from './services/retraining/retraining-jobs.js';
import { createRetrainingRunner, type ExternalTrainerDeclaration } from './services/retraining/retraining-runner.js';
import { createChampionReadiness } from './services/serving/champion-readiness.js';
import { createPredictionServing } from './services/serving/prediction-serving.js';
import { createServingModels, type ServingModels } from './services/serving/serving-models.js';
import { createCsvBodyParser } from './table-readers.js';
import { createWorkerChallengerExecutor } from './workers/challenger-worker.js';
import { createWorkerDriftEvaluator } from './workers/drift-window-worker.js';
import { createWorkerReferenceProfiler } from './workers/reference-profile-worker.js';
import { locateThreadEntry } from './workers/worker-thread.js';

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
      throw new TrackingError(`tracking URI ${uri}: expected sqlite:///<relative path> or sqlite:////<absolute path>`, {
        kind: 'invalid',
        operation: 'configure',
      });
    }
    const databasePath = isAbsolute(path) ? path : resolve(path);
    return createLocalBackend({ dataDir: dirname(databasePath), databasePath });
  }
  const scheme = uri.split(':')[0];
  throw new TrackingError(
    `tracking URI scheme "${scheme}:" is not supported (use http(s)://host:port, file:<dir> or sqlite:///<file>)`,
    {
      kind: 'invalid',
      operation: 'configure',
    },
  );
}

export { createTableReader } from './table-readers.js';

/** Tables written for programs outside driftguard (a trainer's Parquet files): hyparquet-writer. */
export function createTableWriter(): TableWriter {
  return createParquetWriter();
}

/** Model directories (model.json, model.onnx, schema, reference profile, metrics) on the local file system. */
export function createModelDirectory(): ModelDirectory {
  return createFileModelDirectory();
}

/** ONNX model files ⇄ ModelProto data: protobufjs with the vendored onnx-ml.proto. */
export function createOnnxCodec(): OnnxCodec {
  return protobufjsOnnxCodec;
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
  throw new Error(
    `store URL scheme of ${JSON.stringify(url.split(':')[0])} is not supported (use sqlite:<file> or postgres://…)`,
  );
}

/** How long start-up waits for the PostgreSQL event bus to LISTEN before going on (it keeps retrying after). */
const EVENT_BUS_START_WAIT_MS = 10_000;

/**
 * Picks the event bus by the store URL: on PostgreSQL the replicas share one (LISTEN/NOTIFY), so an SSE client of any
 * replica sees every replica's events; on SQLite the in-process bus. Start-up waits until it listens (bounded).
 */
export async function createEventBus(
  storeUrl: string,
  onError: (error: unknown) => void,
): Promise<EventBus & { close(): Promise<void> }> {
  if (!isPostgresUrl(storeUrl)) return { ...createInProcessEventBus(onError), close: async () => undefined };
  const bus = createPostgresEventBus({ connectionString: storeUrl, onError });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), EVENT_BUS_START_WAIT_MS)));
  const listening = await Promise.race([bus.listening().then(() => true), waited]);
  clearTimeout(timer);
  if (!listening)
    onError(
      new Error(
        `event bus: not listening after ${EVENT_BUS_START_WAIT_MS} ms; events of other replicas arrive once it does`,
      ),
    );
  return bus;
}

function createSink(sink: ResolvedSink): AlertSink {
  if (sink.type === 'webhook') return createWebhookSink(sink);
  if (sink.type === 'slack') return createSlackSink(sink);
  return createAlertmanagerSink(sink);
}

/**
 * The user's pipelines a model may declare as `retraining.trainer`: a command (run without a shell) or a webhook
 * (signed with the secret of the environment variable it names). A missing secret fails the job naming the variable.
 */
export function createTrainerFactory(
  backend: TrackingBackend,
  links: JobDataLinks,
  env: NodeJS.ProcessEnv = process.env,
): (declaration: ExternalTrainerDeclaration) => ChallengerTrainer {
  return (declaration) => {
    if (declaration.type === 'command')
      return createCommandTrainer({
        command: declaration.command,
        ...(declaration.cwd === undefined ? {} : { cwd: declaration.cwd }),
        registry: backend.registry,
        env,
      });
    const secret = declaration.secret === undefined ? undefined : env[declaration.secret.env];
    if (declaration.secret !== undefined && (secret === undefined || secret === ''))
      throw new TrainerError(
        `the webhook trainer's secret: environment variable ${declaration.secret.env} (retraining.trainer.secret.env) is not set`,
      );
    return createWebhookTrainer({
      url: declaration.url,
      ...(secret === undefined ? {} : { secret }),
      registry: backend.registry,
      links,
      ...(declaration.pollMs === undefined ? {} : { pollMs: declaration.pollMs }),
    });
  };
}

/**
 * The backtest's models trained by the user's command through the trainer contract (`driftguard backtest
 * --trainer-command`): it registers into the MLflow server at `trackingUri`, driftguard loads what it registers.
 */
export function createCommandBacktestTrainer(options: {
  readonly command: readonly string[];
  readonly trackingUri: string;
  readonly modelName: string;
  readonly target: string;
  readonly exclude: readonly string[];
  readonly timeoutMs: number;
}): { trainer: BacktestTrainer; close(): Promise<void> } {
  const backend = createMlflowBackend({ ...mlflowOptionsFromEnv(process.env), trackingUri: options.trackingUri });
  return {
    trainer: createExternalBacktestTrainer({
      trainer: createCommandTrainer({ command: options.command, registry: backend.registry }),
      source: createRegistryInferenceSource({ registry: backend.registry }),
      tableWriter: createTableWriter(),
      trackingUri: backend.location,
      modelName: options.modelName,
      target: options.target,
      exclude: options.exclude,
      timeoutMs: options.timeoutMs,
      nowMs: () => Date.now(),
    }),
    close: () => backend.close(),
  };
}

/** The use cases behind the HTTP API, wired on a store and a tracking backend (shared by serve and the API tests). */
export function composeHttpServices(deps: {
  store: Store;
  backend: TrackingBackend;
  clock: Clock;
  models: MonitoredModels;
  metrics: MetricsRegistry;
  events: EventBus;
  /** Where serving says how it loaded a model driftguard did not train (default: stderr). */
  log?: (line: string) => void;
  /** The URL the service is reached at, for the links a webhook trainer downloads its rows from. */
  publicUrl?: string | null;
}): {
  services: HttpServices;
  serving: ServingModels;
  retraining: RetrainingJobs;
  champions: ChampionChanges;
  jobData: JobDataLinksService;
} {
  const { store, backend, clock, models, metrics, events } = deps;
  const serving = createServingModels({
    registry: backend.registry,
    tracking: backend.tracking,
    clock,
    models,
    inference: createRegistryInferenceSource({ registry: backend.registry }),
    log: deps.log ?? ((line) => console.error(line)),
  });
  const predictionLogging = createPredictionLogging({
    store,
    clock,
    models,
    newId: createUuidV7Generator(),
    metrics,
    championClasses: (name) => {
      const champion = serving.get(name);
      const labels = champion?.model.classLabels ?? null;
      return champion === null || labels === null ? null : { version: champion.version, labels: labels.map(String) };
    },
  });
  const retraining = createRetrainingJobs({ store, models, serving, clock, events, metrics });
  const champions = createChampionChanges({ store, models, registry: backend.registry, serving, events, clock });
  const checkChampions = createChampionReadiness({ models, serving });
  const jobData = createJobDataLinks({ publicUrl: deps.publicUrl ?? null });
  return {
    serving,
    retraining,
    champions,
    jobData,
    services: {
      jobData,
      models,
      predictionLogging,
      predictionServing: createPredictionServing({ serving, logging: predictionLogging, clock, models, metrics }),
      predictionLog: createPredictionLogQueries({ store, models }),
      driftReports: createDriftReportQueries({ store, models }),
      monitoringStatus: createMonitoringStatus({ store, models }),
      alerts: createAlertQueries({ store, clock, events }),
      referenceUpload: createReferenceUpload({
        store,
        models,
        clock,
        events,
        csv: createCsvBodyParser(),
        profiler: createWorkerReferenceProfiler(),
      }),
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
  return (
    [resolve(here, 'dashboard'), resolve(here, '..', 'dist', 'dashboard')].find((dir) =>
      existsSync(resolve(dir, 'index.html')),
    ) ?? null
  );
}

/** The structured log: pino JSON lines; level fatal | error | warn | info | debug | trace | silent. */
export type Logger = PinoLogger;

/**
 * The service's logger: JSON lines (pino) on stderr by default — stdout keeps the human start-up lines — with the
 * level given (`serve --log-level`, DRIFTGUARD_LOG_LEVEL, server.logLevel; default info). Request lines carry only
 * method, route, status, duration and request id; headers and bodies are never logged (request-log.ts).
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: { service: 'driftguard' } }, destination);
}

/** The running service's parts, wired from resolved settings; `close` stops them in order. */
export async function composeServer(settings: ServeSettings, logger?: Logger) {
  // Background failures (monitoring, retraining, the event bus) are always logged; requests only with a logger.
  const log = logger ?? createLogger('warn');
  const store = createStore(settings.storeUrl);
  await store.migrate();
  const clock = { nowMs: () => Date.now() };
  const models = createMonitoredModels({ store, clock });
  for (const definition of settings.models) await models.replace(definition);
  const metrics = createPromClientRegistry();
  const dispatcher = createAlertDispatcher({ sinks: settings.sinks.map(createSink), store, clock });
  const backend = createTrackingBackend({ trackingUri: settings.trackingUri ?? undefined, dataDir: settings.dataDir });
  const events = await createEventBus(settings.storeUrl, (error) => log.error({ err: error }, 'event bus failed'));
  const { services, serving, retraining, champions, jobData } = composeHttpServices({
    store,
    backend,
    clock,
    models,
    metrics,
    events,
    publicUrl: settings.publicUrl,
  });
  const evaluator = createWorkerDriftEvaluator();
  if (evaluator.mode === 'in-thread')
    log.warn('drift evaluation runs on the request thread: no worker entry found (build with npm run build)');
  const monitoring = createDriftMonitoring({
    store,
    models,
    clock,
    dispatcher,
    events,
    metrics,
    alertPolicy: settings.alertPolicy,
    publicUrl: settings.publicUrl,
    evaluator,
  });
  const scheduler = createMonitoringScheduler({
    store,
    models,
    monitoring,
    serving,
    clock,
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    onError: (model, error) =>
      log.error({ err: error, model }, `monitoring ${model} failed: ${(error as Error).message}`),
    retentionMs: settings.predictionRetentionDays === null ? null : settings.predictionRetentionDays * 86_400_000,
    championRefreshMs: settings.championRefreshMs,
  });
  // A champion moved through another replica (announced on a shared bus) is re-read on the next tick.
  events.subscribe((event) => {
    if (event.type === 'model' && event.data.event === 'champion_changed') scheduler.followChampion(event.model);
  });
  const challengerThread = locateThreadEntry('challenger-thread');
  if (challengerThread.kind === 'in-thread')
    log.warn(`retraining trains on the request thread: ${challengerThread.reason}`);
  const retrainer = createRetrainingRunner({
    store,
    models,
    jobs: retraining,
    serving,
    champions,
    backend,
    codec: createOnnxCodec(),
    trainerFor: createTrainerFactory(backend, jobData),
    tableWriter: createTableWriter(),
    clock,
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    runUrl:
      backend.kind === 'mlflow'
        ? (experimentId, runId) => `${backend.location.replace(/\/+$/, '')}/#/experiments/${experimentId}/runs/${runId}`
        : undefined,
    onError: (model, error) =>
      log.error({ err: error, model }, `retraining ${model} failed: ${(error as Error).message}`),
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
    requestTimeoutMs: settings.requestTimeoutMs,
    logger,
    dashboardDir: locateDashboard(),
  });
  return {
    app,
    store,
    scheduler,
    retrainer,
    /**
     * Stops in an order that never waits on a hanging dependency: a remote tracking server's outstanding calls are
     * abandoned first (they fail at once as unavailable), then the listener closes (in-flight requests are answered),
     * then the background loops, the bus, the alert deliveries and the store.
     */
    async close() {
      if (backend.kind === 'mlflow') await backend.close();
      await app.close();
      await retrainer.stop();
      await scheduler.stop();
      await evaluator.close();
      await events.close();
      await dispatcher.drain();
      await store.close();
      if (backend.kind !== 'mlflow') await backend.close();
    },
  };
}
