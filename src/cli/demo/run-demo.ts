/**
 * `driftguard demo`: the real service in-process, a credit-default model on generated loan applications, and a
 * scripted scenario driven over the public HTTP API — stationary traffic, gradual then abrupt drift with a changed
 * labelling function, delayed labels, retraining, promotion and recovery. Every stage line comes from what the
 * service reports (events and API), never from the script's own expectations.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { composeServer, createOnnxCodec, createTrackingBackend, locateDashboard } from '../../compose.js';
import {
  type AgrawalStream,
  blendShift,
  createAgrawalStream,
  type LabelledApplication,
} from '../../datagen/agrawal-stream.js';
import { type Cell, type Column, cellAt, dataTableFromRows } from '../../domain/data-table.js';
import { resolveServeSettings } from '../../services/config/serve-settings.js';
import { trackTraining } from '../../services/training/track-training.js';
import { createTrainModelService } from '../../services/training/train-model.js';
import { listenOrExplain } from '../listen-service.js';
import type { ProgressStream } from '../progress-bar.js';
import { createDemoApi, type DemoApi } from './demo-api.js';
import { prepareDemoDataDir } from './demo-data-dir.js';
import {
  ABRUPT_SHIFT,
  BASE_ROWS_PER_SECOND,
  DEMO_MODEL,
  DEMO_TARGET,
  type DemoScenario,
  demoModelDefinition,
  FUNCTION_AFTER,
  FUNCTION_BEFORE,
  GRADUAL_SHIFT,
} from './demo-scenario.js';
import { createStageTracker, type StageState, type StageTracker } from './demo-stages.js';
import { createTraffic, sleep, type Traffic } from './demo-traffic.js';

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
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.startsWith('MLFLOW_TRACKING_')),
  );
  if (options.trackingUri !== undefined) env.MLFLOW_TRACKING_URI = options.trackingUri;
  const settings = resolveServeSettings(
    { host: options.host, port: String(options.port), dataDir: options.dataDir },
    env,
    {
      server: { openRead: true },
      apiKeys: [{ name: 'demo-admin', roles: ['admin'], key: { value: key } }],
      alerting: { resolveAfterCleanEvaluations: 2 },
    },
  );
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
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is already in use (another demo?); choose another with --port`)
          : error,
      ),
    );
    probe.listen({ host, port }, () => probe.close(() => resolve()));
  });
}

/** Trains the initial champion on stationary applications and registers it (local store or MLflow). */
async function trainInitialChampion(options: DemoOptions, trackingUri: string | null) {
  const stream = createAgrawalStream({
    seed: options.scenario.seed + 1,
    classificationFunction: FUNCTION_BEFORE,
    perturbation: 0.05,
  });
  const table = dataTableFromRows(stream.take(options.scenario.trainingRows).map(toRow));
  const trained = createTrainModelService({ clock: { nowMs: () => performance.timeOrigin + performance.now() } }).train(
    {
      table,
      target: DEMO_TARGET,
      estimator: 'gbdt',
      seed: options.scenario.seed,
    },
  );
  const backend = createTrackingBackend({ trackingUri: trackingUri ?? undefined, dataDir: options.dataDir });
  try {
    const run = await trackTraining({
      backend,
      codec: createOnnxCodec(),
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

type Print = (line: string) => void;

/** Prints where to find the dashboard, the admin key, the API docs and the data. */
function printAccess(print: Print, baseUrl: string, key: string, options: DemoOptions, resumed: boolean): void {
  print(
    `dashboard: ${baseUrl}/${locateDashboard() === null ? ' (not built: run npm run build; the API docs are at /docs)' : ''}`,
  );
  print(`admin key: ${key} (API docs ${baseUrl}/docs; data in ${options.dataDir}${resumed ? ', resumed' : ''})`);
}

/** True (and says so) when a resumed data directory already serves the model: the scenario is not replayed. */
async function servesResumedModel(api: DemoApi, model: string, options: DemoOptions, print: Print): Promise<boolean> {
  const found = await api.request('GET', `/v1/models/${model}`);
  if (found.status !== 200) return false;
  print(
    `resumed: ${model} and its history are served from ${options.dataDir}; run without --resume to replay the scenario`,
  );
  return true;
}

/**
 * Trains and registers the initial champion, defines the monitored model and uploads the champion's training rows
 * as its reference. Returns the champion's version.
 */
async function setUpModel(
  options: DemoOptions,
  model: string,
  api: DemoApi,
  trackingUri: string | null,
  print: Print,
): Promise<string> {
  const initial = await trainInitialChampion(options, trackingUri);
  const testAccuracy = initial.trained.metrics.test.accuracy;
  print(
    `model: ${model} version ${initial.run.version?.version ?? '?'} — gbdt on ${count(initial.trained.rows.train)} loan applications (F${FUNCTION_BEFORE}), test accuracy ${testAccuracy.toFixed(3)}, champion in ${initial.location}`,
  );
  await api.call('PUT', `/v1/models/${model}`, demoModelDefinition(options.scenario, model));
  const referenceRows = Array.from({ length: initial.trained.trainTable.rowCount }, (_, i) =>
    Object.fromEntries(
      initial.trained.trainTable.columnNames.map((c) => [
        c,
        cellAt(initial.trained.trainTable.columns.get(c) as Column, i),
      ]),
    ),
  );
  const reference = await api.call<{ rows: number; features: unknown[] }>('PUT', `/v1/models/${model}/reference`, {
    rows: referenceRows,
  });
  print(
    `reference: ${count(reference.rows)} training rows, ${reference.features.length} features; window 500 predictions, evaluated every 250`,
  );
  return initial.run.version?.version ?? '?';
}

/** What the stages share: the service's reported state, the traffic driver and the one application stream. */
interface ScenarioRun {
  readonly scenario: DemoScenario;
  readonly print: Print;
  readonly tracker: StageTracker;
  readonly state: StageState;
  readonly traffic: Traffic;
  readonly stream: AgrawalStream;
  /** Version of the initial champion. */
  readonly v1: string;
  /** Row cap of a stage that waits for the service: its rows plus the stage timeout's worth of traffic. */
  readonly cap: (rows: number) => number;
  /** Accuracy on stationary traffic (measured when the gradual shift begins). */
  accuracyBefore: number;
}

/** One stage of the scenario; the demo stops between stages when the signal aborts. */
interface DemoStage {
  readonly name: string;
  readonly run: (run: ScenarioRun) => Promise<void>;
}

/** Labelled traffic of the shifted population until the service reports what `holdWhile` waits for. */
function keepServing(run: ScenarioRun, label: string, rows: number, holdWhile: () => boolean): Promise<unknown> {
  const { traffic, stream, cap } = run;
  const shiftAt = () => ABRUPT_SHIFT;
  return traffic.drive({ label, stream, rows, maxRows: cap(rows), shiftAt, labels: 'prompt', holdWhile });
}

async function stationaryTraffic({ traffic, tracker, stream, scenario }: ScenarioRun): Promise<void> {
  traffic.accuracy.setStage('stationary');
  const rows = scenario.stationaryRows;
  await traffic.drive({ label: 'stationary', stream, rows, maxRows: rows, shiftAt: () => undefined, labels: 'none' });
  await tracker.settled();
}

/** Reports the stationary stage, then shifts salary and loan gradually until the service reports drift. */
async function gradualShift(run: ScenarioRun): Promise<void> {
  const { traffic, state, stream, scenario } = run;
  run.accuracyBefore = traffic.accuracy.of('stationary').accuracy;
  traffic.accuracy.setStage('gradual');
  run.print(
    `stationary: ${count(scenario.stationaryRows)} applications scored, drift ${state.severity} (share ${state.driftShare.toFixed(2)}), accuracy ${run.accuracyBefore.toFixed(3)}`,
  );
  await traffic.drive({
    label: 'gradual shift (salary, loan)',
    stream,
    rows: scenario.gradualRows,
    maxRows: run.cap(scenario.gradualRows),
    shiftAt: (done, rows) => blendShift(GRADUAL_SHIFT, done / rows),
    labels: 'none',
    holdWhile: () => !state.mediumSeen && !state.highSeen,
  });
}

/** A new population and labelling function; labels are withheld until the service defers (or finishes) retraining. */
async function abruptShift({ traffic, state, stream, scenario, print, cap }: ScenarioRun): Promise<void> {
  stream.setClassificationFunction(FUNCTION_AFTER);
  traffic.accuracy.setStage('shifted');
  print(
    `abrupt shift: younger applicants, dearer houses, more education; defaults now follow F${FUNCTION_AFTER}; labels delayed`,
  );
  await traffic.drive({
    label: 'abrupt shift, labels delayed',
    stream,
    rows: scenario.abruptRows,
    maxRows: cap(scenario.abruptRows),
    shiftAt: () => ABRUPT_SHIFT,
    labels: 'delayed',
    holdWhile: () => state.deferralReason === null && state.finished === null,
  });
}

/** The delayed labels arrive; labelled traffic goes on until the retraining job finishes. */
async function labelsAndRetraining(run: ScenarioRun): Promise<void> {
  const { traffic, print, v1 } = run;
  // The line goes out before the labels: the service may start retraining before the request returns.
  const released = await traffic.releaseWithheld((n) =>
    print(
      `labels arrived: ${count(n)} delayed labels sent; accuracy of version ${v1} since the shift ${traffic.accuracy.of('shifted', v1).accuracy.toFixed(3)}`,
    ),
  );
  if (released.joined < released.sent)
    print(`labels: only ${count(released.joined)} of ${count(released.sent)} delayed labels were joined`);
  await keepServing(run, 'labelled traffic, retraining', 0, () => run.state.finished === null);
}

/** After a promotion, at least one window of the new champion's predictions (its accuracy needs enough rows). */
async function recovery(run: ScenarioRun): Promise<void> {
  if (run.state.finished === 'promoted') await keepServing(run, 'recovery', 500, () => !run.state.alertsResolved);
  await run.tracker.settled();
}

/** The scenario, in order. */
const SCENARIO: readonly DemoStage[] = [
  { name: 'stationary traffic', run: stationaryTraffic },
  { name: 'gradual drift', run: gradualShift },
  { name: 'abrupt drift, labels delayed', run: abruptShift },
  { name: 'labels arrive, retraining', run: labelsAndRetraining },
  { name: 'recovery', run: recovery },
];

/** The closing lines: the served versions' accuracy, and whether the loop closed (promoted, alerts resolved). */
function printOutcome(
  run: ScenarioRun,
  options: DemoOptions,
  baseUrl: string,
  completed: boolean,
  seconds: number,
): void {
  const { state, traffic, v1, accuracyBefore, print } = run;
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
}

/** The traffic and the application stream the stages drive, beside the tracker of what the service reports. */
function startScenario(
  options: DemoOptions,
  started: { model: string; api: DemoApi; tracker: StageTracker; v1: string; print: Print },
): ScenarioRun {
  const { model, api, tracker, v1, print } = started;
  const { scenario } = options;
  const traffic = createTraffic(api, { ...options, model });
  const stream = createAgrawalStream({
    seed: scenario.seed,
    classificationFunction: FUNCTION_BEFORE,
    perturbation: 0.05,
  });
  const rowsFor = (seconds: number) => Math.round(seconds * BASE_ROWS_PER_SECOND * scenario.speed);
  const cap = (rows: number) => rows + rowsFor(options.stageTimeoutSeconds ?? 180);
  return { scenario, print, tracker, state: tracker.state, traffic, stream, v1, cap, accuracyBefore: Number.NaN };
}

/** Unless `exitWhenDone`, keeps the service running until the signal aborts. */
async function serveUntilStopped(options: DemoOptions): Promise<void> {
  if (!options.exitWhenDone) await sleep(2 ** 31 - 1, options.signal);
}

/** Runs the demo; resolves when the scenario is done (and, unless `exitWhenDone`, the signal has stopped it). */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const startedMs = Date.now();
  const elapsedSeconds = () => (Date.now() - startedMs) / 1000;
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
    printAccess(print, baseUrl, key, options, resumed);
    if (resumed && (await servesResumedModel(api, model, options, print))) {
      await serveUntilStopped(options);
      return { completed: true, seconds: elapsedSeconds(), baseUrl };
    }
    const v1 = await setUpModel(options, model, api, settings.trackingUri, print);
    const tracker: StageTracker = createStageTracker({ api, model, print });
    unsubscribe = api.subscribe(`/v1/events?model=${model}`, (type, data) => tracker.onEvent(type, data));
    const run = startScenario(options, { model, api, tracker, v1, print });
    clearProgress = run.traffic.clearProgress;
    for (const [i, stage] of SCENARIO.entries()) {
      if (i > 0 && options.signal.aborted) return { completed: false, seconds: elapsedSeconds(), baseUrl };
      await stage.run(run);
    }
    const completed = run.state.finished === 'promoted' && run.state.alertsResolved;
    const seconds = elapsedSeconds();
    printOutcome(run, options, baseUrl, completed, seconds);
    await serveUntilStopped(options);
    return { completed, seconds, baseUrl };
  } finally {
    // The service ends its event streams on close; aborting ours first would leave its socket open for ~4 s.
    await server.close();
    unsubscribe();
  }
}
