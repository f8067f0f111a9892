/**
 * `driftguard demo`: the real service in-process, a credit-default model on generated loan applications, and a
 * scripted scenario driven over the public HTTP API — stationary traffic, gradual then abrupt drift with a changed
 * labelling function, delayed labels, retraining, promotion and recovery. Every stage line comes from what the
 * service reports (events and API), never from the script's own expectations.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { composeServer, createTrackingBackend, locateDashboard } from '../../compose.js';
import { blendShift, createAgrawalStream, type LabelledApplication } from '../../datagen/agrawal-stream.js';
import { cellAt, type Column, dataTableFromRows, type Cell } from '../../domain/data-table.js';
import { resolveServeSettings } from '../../services/serve-settings.js';
import { trackTrainedModel } from '../../services/track-trained-model.js';
import { createTrainModelService } from '../../services/train-model.js';
import { listenOrExplain } from '../listen-service.js';
import type { ProgressStream } from '../progress-bar.js';
import { createDemoApi } from './demo-api.js';
import { prepareDemoDataDir } from './demo-data-dir.js';
import {
  ABRUPT_SHIFT,
  BASE_ROWS_PER_SECOND,
  DEMO_MODEL,
  DEMO_TARGET,
  demoModelDefinition,
  FUNCTION_AFTER,
  FUNCTION_BEFORE,
  GRADUAL_SHIFT,
  type DemoScenario,
} from './demo-scenario.js';
import { createStageTracker, type StageTracker } from './demo-stages.js';
import { createTraffic, sleep } from './demo-traffic.js';

export interface DemoOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Keep the data directory (and show what is in it) instead of starting fresh. */
  readonly resume: boolean;
  readonly scenario: DemoScenario;
  /** Tracking URI; default MLFLOW_TRACKING_URI, else the local store in the data dir. */
  readonly trackingUri?: string;
  /** Stop the service when the scenario is done (default: keep serving until the signal aborts). */
  readonly exitWhenDone: boolean;
  readonly out: ProgressStream;
  /** Aborted by Ctrl-C: the scenario stops and the service closes cleanly. */
  readonly signal: AbortSignal;
  /** Name of the monitored and registered model (default `credit-default`). */
  readonly modelName?: string;
  /** Longest wait for each service-driven stage, in seconds at speed 1 (default 180). */
  readonly stageTimeoutSeconds?: number;
}

export interface DemoResult {
  readonly completed: boolean;
  readonly seconds: number;
  readonly baseUrl: string;
}

const toRow = (a: LabelledApplication): Record<string, Cell> => ({ ...a.features, [DEMO_TARGET]: a.groupA ? 0 : 1 });
const count = (n: number) => n.toLocaleString('en-US');

async function startService(options: DemoOptions, key: string) {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('MLFLOW_TRACKING_')));
  if (options.trackingUri !== undefined) env.MLFLOW_TRACKING_URI = options.trackingUri;
  const settings = resolveServeSettings({ host: options.host, port: String(options.port), dataDir: options.dataDir }, env, {
    server: { openRead: true },
    apiKeys: [{ name: 'demo-admin', roles: ['admin'], key: { value: key } }],
    alerting: { resolveAfterCleanEvaluations: 2 },
  });
  const server = await composeServer(settings);
  const [baseUrl] = await listenOrExplain(server, settings.host, settings.port);
  server.scheduler.start();
  server.retrainer.start();
  return { server, settings, baseUrl };
}

/** Fails early when the port is taken, before a fresh start empties the data directory another demo may be using. */
function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use (another demo?); choose another with --port`) : error),
    );
    probe.listen({ host, port }, () => probe.close(() => resolve()));
  });
}

/** Trains the initial champion on stationary applications and registers it (local store or MLflow). */
async function trainInitialChampion(options: DemoOptions, trackingUri: string | null) {
  const stream = createAgrawalStream({ seed: options.scenario.seed + 1, classificationFunction: FUNCTION_BEFORE, perturbation: 0.05 });
  const table = dataTableFromRows(stream.take(options.scenario.trainingRows).map(toRow));
  const trained = createTrainModelService({ clock: { nowMs: () => performance.timeOrigin + performance.now() } }).train({
    table,
    target: DEMO_TARGET,
    estimator: 'gbdt',
    seed: options.scenario.seed,
  });
  const backend = createTrackingBackend({ trackingUri: trackingUri ?? undefined, dataDir: options.dataDir });
  try {
    const run = await trackTrainedModel({
      backend,
      trained,
      estimator: 'gbdt',
      params: {},
      dataFile: `agrawal-1993 generator, function F${FUNCTION_BEFORE}, seed ${options.scenario.seed + 1}`,
      experiment: 'driftguard-demo',
      registerAs: options.modelName ?? DEMO_MODEL,
      alias: 'champion',
      nowMs: Date.now(),
      by: 'driftguard demo',
    });
    return { trained, run, location: backend.location };
  } finally {
    await backend.close();
  }
}

/** Runs the demo; resolves when the scenario is done (and, unless `exitWhenDone`, the signal has stopped it). */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const startedMs = Date.now();
  const { scenario, signal } = options;
  const model = options.modelName ?? DEMO_MODEL;
  let clearProgress = () => {};
  const print = (line: string) => {
    clearProgress();
    options.out.write(`${line}\n`);
  };
  await assertPortFree(options.host, options.port);
  const { resumed } = prepareDemoDataDir(options.dataDir, options.resume);
  const key = randomBytes(24).toString('hex');
  const { server, settings, baseUrl } = await startService(options, key);
  const api = createDemoApi(baseUrl, key);
  let unsubscribe = () => {};
  try {
    print(`dashboard: ${baseUrl}/${locateDashboard() === null ? ' (not built: run npm run build; the API docs are at /docs)' : ''}`);
    print(`admin key: ${key} (API docs ${baseUrl}/docs; data in ${options.dataDir}${resumed ? ', resumed' : ''})`);
    if (resumed) {
      const found = await api.request('GET', `/v1/models/${model}`);
      if (found.status === 200) {
        print(`resumed: ${model} and its history are served from ${options.dataDir}; run without --resume to replay the scenario`);
        if (!options.exitWhenDone) await sleep(2 ** 31 - 1, signal);
        return { completed: true, seconds: (Date.now() - startedMs) / 1000, baseUrl };
      }
    }
    const initial = await trainInitialChampion(options, settings.trackingUri);
    const testAccuracy = initial.trained.metrics.test.accuracy;
    print(
      `model: ${model} version ${initial.run.version?.version ?? '?'} — gbdt on ${count(initial.trained.rows.train)} loan applications (F${FUNCTION_BEFORE}), test accuracy ${testAccuracy.toFixed(3)}, champion in ${initial.location}`,
    );
    await api.call('PUT', `/v1/models/${model}`, demoModelDefinition(scenario, model));
    const referenceRows = Array.from({ length: initial.trained.trainTable.rowCount }, (_, i) =>
      Object.fromEntries(initial.trained.trainTable.columnNames.map((c) => [c, cellAt(initial.trained.trainTable.columns.get(c) as Column, i)])),
    );
    const reference = await api.call<{ rows: number; features: unknown[] }>('PUT', `/v1/models/${model}/reference`, { rows: referenceRows });
    print(`reference: ${count(reference.rows)} training rows, ${reference.features.length} features; window 500 predictions, evaluated every 250`);

    const tracker: StageTracker = createStageTracker({ api, model, print });
    unsubscribe = api.subscribe(`/v1/events?model=${model}`, (type, data) => tracker.onEvent(type, data));
    const { state } = tracker;
    const traffic = createTraffic(api, { ...options, model });
    clearProgress = traffic.clearProgress;
    const stream = createAgrawalStream({ seed: scenario.seed, classificationFunction: FUNCTION_BEFORE, perturbation: 0.05 });
    const rowsFor = (seconds: number) => Math.round(seconds * BASE_ROWS_PER_SECOND * scenario.speed);
    const cap = (rows: number) => rows + rowsFor(options.stageTimeoutSeconds ?? 180);

    const v1 = initial.run.version?.version ?? '?';
    traffic.accuracy.setStage('stationary');
    await traffic.drive({ label: 'stationary', stream, rows: scenario.stationaryRows, maxRows: scenario.stationaryRows, shiftAt: () => undefined, labels: 'none' });
    await tracker.settled();
    if (signal.aborted) return { completed: false, seconds: (Date.now() - startedMs) / 1000, baseUrl };
    const accuracyBefore = traffic.accuracy.of('stationary').accuracy;
    traffic.accuracy.setStage('gradual');
    print(`stationary: ${count(scenario.stationaryRows)} applications scored, drift ${state.severity} (share ${state.driftShare.toFixed(2)}), accuracy ${accuracyBefore.toFixed(3)}`);

    await traffic.drive({
      label: 'gradual shift (salary, loan)',
      stream,
      rows: scenario.gradualRows,
      maxRows: cap(scenario.gradualRows),
      shiftAt: (done, rows) => blendShift(GRADUAL_SHIFT, done / rows),
      labels: 'none',
      holdWhile: () => !state.mediumSeen && !state.highSeen,
    });
    if (signal.aborted) return { completed: false, seconds: (Date.now() - startedMs) / 1000, baseUrl };

    stream.setClassificationFunction(FUNCTION_AFTER);
    traffic.accuracy.setStage('shifted');
    print(`abrupt shift: younger applicants, dearer houses, more education; defaults now follow F${FUNCTION_AFTER}; labels delayed`);
    await traffic.drive({
      label: 'abrupt shift, labels delayed',
      stream,
      rows: scenario.abruptRows,
      maxRows: cap(scenario.abruptRows),
      shiftAt: () => ABRUPT_SHIFT,
      labels: 'delayed',
      holdWhile: () => state.deferralReason === null && state.finished === null,
    });
    if (signal.aborted) return { completed: false, seconds: (Date.now() - startedMs) / 1000, baseUrl };
    // The line goes out before the labels: the service may start retraining before the request returns.
    const released = await traffic.releaseWithheld((n) =>
      print(`labels arrived: ${count(n)} delayed labels sent; accuracy of version ${v1} since the shift ${traffic.accuracy.of('shifted', v1).accuracy.toFixed(3)}`),
    );
    if (released.joined < released.sent) print(`labels: only ${count(released.joined)} of ${count(released.sent)} delayed labels were joined`);
    /** Labelled traffic of the shifted population until the service reports what `holdWhile` waits for. */
    const keepServing = (label: string, rows: number, holdWhile: () => boolean) =>
      traffic.drive({ label, stream, rows, maxRows: cap(rows), shiftAt: () => ABRUPT_SHIFT, labels: 'prompt', holdWhile });
    await keepServing('labelled traffic, retraining', 0, () => state.finished === null);
    if (signal.aborted) return { completed: false, seconds: (Date.now() - startedMs) / 1000, baseUrl };
    // At least one window of the new champion's predictions, so its accuracy is measured on enough rows.
    if (state.finished === 'promoted') await keepServing('recovery', 500, () => !state.alertsResolved);
    await tracker.settled();
    const completed = state.finished === 'promoted' && state.alertsResolved;
    const seconds = (Date.now() - startedMs) / 1000;
    const after = traffic.accuracy.of('shifted', v1);
    const recovered = traffic.accuracy.of('shifted', state.promotedVersion ?? '');
    print(
      recovered.n === 0
        ? `accuracy: version ${v1} ${after.accuracy.toFixed(3)} after the shift (${accuracyBefore.toFixed(3)} before it); no new version served`
        : `accuracy: version ${state.promotedVersion} ${recovered.accuracy.toFixed(3)} on its ${count(recovered.n)} predictions (version ${v1}: ${after.accuracy.toFixed(3)} after the shift, ${accuracyBefore.toFixed(3)} before it)`,
    );
    print(
      completed
        ? `demo complete in ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s${options.exitWhenDone ? '' : ` — the service keeps running at ${baseUrl}/; Ctrl-C stops it`}`
        : `demo stopped before the loop closed (retraining: ${state.finished ?? 'none'}, alerts resolved: ${state.alertsResolved ? 'yes' : 'no'})`,
    );
    if (!options.exitWhenDone) await sleep(2 ** 31 - 1, signal);
    return { completed, seconds, baseUrl };
  } finally {
    // The service ends its event streams on close; aborting ours first would leave its socket open for ~4 s.
    await server.close();
    unsubscribe();
  }
}
