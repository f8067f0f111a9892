/**
 * End to end, against the real service (composeServer listening on loopback, driven over HTTP): stationary traffic,
 * then drifting traffic without labels → retraining deferred with the exact reason → late labels → retrained →
 * version registered (local tracking store AND a real MLflow server) → promoted, served without a failed request →
 * the new reference fits the new traffic → the drift alert resolves. Timings are printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApi, type DemoApi } from '../../src/cli/demo/demo-api.js';
import { composeServer, createTrackingBackend } from '../../src/compose.js';
import type { RetrainingJob } from '../../src/domain/retraining-job.js';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { mlflowServer, mlflowTrackingUri } from '../support/components/mlflow-server.js';
import { loopbackServeSettings } from '../support/services/loopback-serve-settings.js';
import {
  featuresOf,
  type LoanRow,
  loanDefinition,
  loanRows,
  registerLoanChampion,
} from '../support/services/retraining-fixture.js';

const ADMIN = 'e2e-admin-key-0123456789abcdef';
const WINDOW = 300;

interface SseEvent {
  readonly type: string;
  readonly data: { data: Record<string, unknown> };
}

function retrainingScenario(trackingUri: () => string, experimentPrefix: string) {
  let dir: string;
  let server: Awaited<ReturnType<typeof composeServer>>;
  let baseUrl: string;
  let api: DemoApi;
  const sse = { events: [] as SseEvent[], stop: () => {} };
  const name = `${experimentPrefix}-loans-${Date.now().toString(36)}`;

  const call = (method: string, path: string, body?: unknown) =>
    api.request<Record<string, unknown>>(method, path, body);
  const predict = async (rows: readonly LoanRow[]) => {
    const response = await call('POST', `/v1/models/${name}/predict`, {
      rows: rows.map((r) => ({ features: featuresOf(r) })),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.predictions as { id: string; modelVersion: string }[];
  };
  const latestReport = async () =>
    (
      (await call('GET', `/v1/models/${name}/drift-reports?limit=1`)).body.items as {
        severity: string;
        driftShare: number;
      }[]
    )[0];
  const jobs = async () => (await call('GET', `/v1/models/${name}/retraining-jobs`)).body.jobs as RetrainingJob[];
  const dataDriftAlert = async () =>
    ((await call('GET', `/v1/alerts?model=${name}`)).body.items as { kind: string; status: string }[]).find(
      (a) => a.kind === 'data_drift',
    );
  /** One monitoring pass (a window is due every 300 events), then the retraining runner's pass. */
  const evaluate = async () => {
    await server.scheduler.runOnce();
    await server.retrainer.runOnce();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftguard-retraining-e2e-'));
    const backend = createTrackingBackend({ trackingUri: trackingUri(), dataDir: dir });
    await registerLoanChampion(backend, name, Date.now());
    await backend.close();
    const settings = loopbackServeSettings({
      dataDir: dir,
      trackingUri: trackingUri(),
      apiKeys: [{ name: 'ops', roles: ['admin'], key: ADMIN }],
      models: [loanDefinition(name, { minLabeledRows: 400, minPerClass: 40, horizonRows: 600, persistWindows: 2 })],
    });
    server = await composeServer(settings);
    baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
    api = createDemoApi(baseUrl, ADMIN);
    sse.stop = api.subscribe(`/v1/events?model=${name}`, (type, data) =>
      sse.events.push({ type, data: data as SseEvent['data'] }),
    );
  });
  afterAll(async () => {
    sse.stop();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('defers on drift without labels, retrains when late labels arrive, promotes without a failed request, and the alert resolves', async () => {
    const timings: Record<string, number> = {};
    const started = performance.now();
    const mark = (label: string) => (timings[label] = Math.round(performance.now() - started));

    // Stationary traffic: the champion's reference (its training data) fits.
    expect(new Set((await predict(loanRows(WINDOW, 21, 'before'))).map((p) => p.modelVersion))).toEqual(new Set(['1']));
    await evaluate();
    expect((await latestReport()).severity).not.toBe('high');
    expect(await jobs()).toEqual([]);
    mark('stationary window');

    // Drift: two high windows (persistWindows 2) with no labels yet → deferred with the exact reason.
    const drifted = loanRows(2 * WINDOW, 22, 'after');
    const firstIds = (await predict(drifted.slice(0, WINDOW))).map((p) => p.id);
    await evaluate();
    expect((await latestReport()).severity).toBe('high');
    expect(await jobs()).toEqual([]);
    const secondIds = (await predict(drifted.slice(WINDOW))).map((p) => p.id);
    await evaluate();
    expect((await dataDriftAlert())?.status).toBe('firing');
    const [deferred] = await jobs();
    expect(deferred).toMatchObject({ status: 'deferred', trigger: { kind: 'drift', severity: 'high' } });
    expect(deferred.deferral?.reason).toBe('0 of 400 labelled rows; class no has 0 of 40; class yes has 0 of 40');
    mark('deferred');

    // Late labels; the runner re-evaluates, trains, tracks and promotes while requests keep being served.
    const ids = [...firstIds, ...secondIds];
    const labelled = await call('POST', `/v1/models/${name}/labels`, {
      labels: ids.map((id, i) => ({ predictionId: id, label: drifted[i].label })),
    });
    expect(labelled.status, JSON.stringify(labelled.body)).toBeLessThan(300);
    mark('labels posted');
    const during = loanRows(200, 23, 'after');
    const retraining = server.retrainer.runOnce();
    const latencies: number[] = [];
    const served: Awaited<ReturnType<typeof call>>[] = [];
    // Requests one after another while the job runs (in its worker thread): none fails, none waits for the training.
    for (const row of during) {
      const t0 = performance.now();
      served.push(await call('POST', `/v1/models/${name}/predict`, { features: featuresOf(row) }));
      latencies.push(performance.now() - t0);
    }
    await retraining;
    mark('promoted');
    expect(served.filter((r) => r.status !== 200)).toEqual([]);
    const [promoted] = await jobs();
    expect(promoted.id).toBe(deferred.id);
    expect(promoted.status, JSON.stringify(promoted.steps)).toBe('promoted');
    expect(promoted.steps.map((s) => s.status)).toEqual([
      'deferred',
      'queued',
      'training',
      'evaluating',
      'tracking',
      'promoted',
    ]);
    expect(promoted.metrics!.challenger.test.accuracy).toBeGreaterThan(promoted.metrics!.champion!.test.accuracy);
    expect(promoted.tracking).toMatchObject({ registeredVersion: '2', runId: expect.any(String) });
    if (experimentPrefix === 'mlflow')
      expect(promoted.tracking?.runUrl).toMatch(/\/#\/experiments\/\d+\/runs\/[0-9a-f]{32}$/);
    const versions = (await call('GET', `/v1/models/${name}/versions`)).body.items as {
      version: string;
      aliases: string[];
    }[];
    expect(versions.find((v) => v.version === '2')?.aliases.sort()).toEqual(['challenger', 'champion']);
    expect(new Set((await predict(loanRows(10, 24, 'after'))).map((p) => p.modelVersion))).toEqual(new Set(['2']));

    // The new champion's training data is the reference: traffic like it is clean, and the alert resolves.
    let windows = 0;
    while ((await dataDriftAlert())?.status !== 'resolved' && windows < 6) {
      await predict(loanRows(WINDOW, 30 + windows, 'after'));
      await evaluate();
      windows++;
    }
    expect((await dataDriftAlert())?.status).toBe('resolved');
    mark('alert resolved');

    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toContain(`driftguard_retraining_transitions_total{model="${name}",status="promoted"} 1`);
    const types = sse.events
      .filter((e) => e.type === 'retraining')
      .map((e) => (e.data.data.job as RetrainingJob).status);
    expect(types).toEqual(
      expect.arrayContaining(['deferred', 'queued', 'training', 'evaluating', 'tracking', 'promoted']),
    );
    expect(
      sse.events.find((e) => e.type === 'model' && e.data.data.event === 'champion_changed')?.data.data,
    ).toMatchObject({ fromVersion: '1', toVersion: '2' });
    const step = (s: string) => promoted.steps.find((x) => x.status === s)!.atMs;
    console.log(
      `[retraining e2e ${experimentPrefix}] ms since start: ${JSON.stringify(timings)}; job: queued→promoted ${step('promoted') - step('queued')} ms ` +
        `(training ${step('evaluating') - step('training')} ms, tracking ${step('promoted') - step('tracking')} ms); ${windows} clean window(s) to resolve; ` +
        `${served.length} requests during the job and swap, all 200 (max ${Math.max(...latencies).toFixed(0)} ms, median ${[...latencies].sort((a, b) => a - b)[latencies.length >> 1].toFixed(1)} ms); accuracy challenger ${promoted.metrics!.challenger.test.accuracy.toFixed(3)} vs champion ${promoted.metrics!.champion!.test.accuracy.toFixed(3)}`,
    );
  }, 120_000);
}

describe('retraining end to end, local tracking store', () => {
  // An explicit file: URI: CI sets MLFLOW_TRACKING_URI globally, and this suite is about the local store.
  let trackingDir: string;
  beforeAll(() => {
    trackingDir = mkdtempSync(join(tmpdir(), 'driftguard-retraining-e2e-tracking-'));
  });
  afterAll(() => rmSync(trackingDir, { recursive: true, force: true }));
  retrainingScenario(() => `file:${trackingDir}`, 'local');
});

describeWithComponent('retraining end to end, MLflow server', mlflowServer, () => {
  retrainingScenario(() => mlflowTrackingUri, 'mlflow');
});
