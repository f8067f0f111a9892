/**
 * Performance drift in live monitoring, against the real service (composeServer on loopback, driven over HTTP): the
 * inputs stay stationary while the labelling function changes (a pure concept change), labels arrive, and the stored
 * drift report grades performance drift `high` — for a served champion (reference from its training data, performance
 * from its held-out rows) and for a logging-only model whose reference was uploaded with target and prediction — and
 * the retraining policy's performance trigger opens a job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApi, type DemoApi } from '../../src/cli/demo/demo-api.js';
import { composeServer, createTrackingBackend } from '../../src/compose.js';
import type { RetrainingJob } from '../../src/domain/retraining-job.js';
import type { DriftReport, ReferenceProfile } from '../../src/drift/index.js';
import type { MonitoredModelDefinition } from '../../src/services/config/monitored-model-definition.js';
import { loopbackServeSettings } from '../support/services/loopback-serve-settings.js';
import {
  type Concept,
  featuresOf,
  type LoanRow,
  loanDefinition,
  loanRows,
  registerLoanChampion,
} from '../support/services/retraining-fixture.js';

const ADMIN = 'perf-admin-key-0123456789abcdef';
const WINDOW = 300;
const CHAMPION = 'loans';
const EXTERNAL = 'external-loans';

/** A model served elsewhere: its decision rule is the `before` concept's (x1 + 0.5·x2 > 0). */
const externalDecision = (row: LoanRow): 'yes' | 'no' => (row.x1 + 0.5 * row.x2 > 0 ? 'yes' : 'no');

const externalDefinition = (): MonitoredModelDefinition => ({
  ...loanDefinition(EXTERNAL),
  prediction: 'decision',
  retraining: undefined,
});

describe('performance drift in live monitoring (composeServer, local tracking store)', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof composeServer>>;
  let api: DemoApi;
  let seed = 40;

  const latestReport = async (name: string) => {
    const items = (
      await api.call<{ items: { id: number; severity: string; report: DriftReport }[] }>(
        'GET',
        `/v1/models/${name}/drift-reports?limit=1`,
      )
    ).items;
    return items[0];
  };
  const jobs = async () =>
    (await api.call<{ jobs: RetrainingJob[] }>('GET', `/v1/models/${CHAMPION}/retraining-jobs`)).jobs;
  const alerts = async (name: string) =>
    (
      await api.call<{ items: { kind: string; status: string; severity: string; summary: string }[] }>(
        'GET',
        `/v1/alerts?model=${name}`,
      )
    ).items;
  /** One window of the champion's traffic through /predict, its first `labelled` rows labelled, then a monitoring and a retraining pass. */
  const championWindow = async (concept: Concept, labelled: number) => {
    const rows = loanRows(WINDOW, (seed += 1), concept);
    const { predictions } = await api.call<{ predictions: { id: string }[] }>(
      'POST',
      `/v1/models/${CHAMPION}/predict`,
      { rows: rows.map((r) => ({ features: featuresOf(r) })) },
    );
    const labels = predictions.slice(0, labelled).map((p, i) => ({ predictionId: p.id, label: rows[i].label }));
    if (labels.length > 0) await api.call('POST', `/v1/models/${CHAMPION}/labels`, { labels });
    await server.scheduler.runOnce();
    await server.retrainer.runOnce();
    return latestReport(CHAMPION);
  };
  /** One labelled window of the external model's predictions (logged, then labelled), then a monitoring pass. */
  const externalWindow = async (concept: Concept) => {
    const rows = loanRows(WINDOW, (seed += 1), concept);
    const { ids } = await api.call<{ ids: string[] }>('POST', `/v1/models/${EXTERNAL}/predictions`, {
      predictions: rows.map((r) => ({ features: featuresOf(r), prediction: externalDecision(r) })),
    });
    await api.call('POST', `/v1/models/${EXTERNAL}/labels`, {
      labels: ids.map((id, i) => ({ predictionId: id, label: rows[i].label })),
    });
    await server.scheduler.runOnce();
    return latestReport(EXTERNAL);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftguard-performance-drift-'));
    const trackingUri = `file:${join(dir, 'tracking')}`;
    const backend = createTrackingBackend({ trackingUri, dataDir: dir });
    await registerLoanChampion(backend, CHAMPION, Date.now());
    await backend.close();
    // More labels than the test sends: the triggered job waits (deferred) instead of training.
    const retraining = {
      minLabeledRows: 2000,
      minPerClass: 50,
      horizonRows: 5000,
      persistWindows: 1,
      cooldownWindows: 0,
    };
    const settings = loopbackServeSettings({
      dataDir: dir,
      trackingUri,
      apiKeys: [{ name: 'ops', roles: ['admin'], key: ADMIN }],
      models: [loanDefinition(CHAMPION, retraining), externalDefinition()],
    });
    server = await composeServer(settings);
    api = createDemoApi(await server.app.listen({ host: '127.0.0.1', port: 0 }), ADMIN);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('grades a concept change with stationary inputs as performance drift (high) and the retraining policy triggers on it', async () => {
    const stationary = await championWindow('before', WINDOW);
    // The champion's reference declares the label, predicted class and score, with its held-out performance.
    const reference = (await server.store.latestReferenceProfile(CHAMPION))!;
    const profile = reference.profile as unknown as ReferenceProfile;
    expect(reference.source).toMatch(/^champion version 1/);
    expect([
      profile.schema.target?.name,
      profile.schema.prediction?.name,
      profile.schema.predictionScore?.name,
    ]).toEqual(['__label', '__prediction', '__score']);
    expect(profile.performance?.labelledCount).toBe(225); // the held-out 15 % of the 1,500 training rows
    expect(profile.performance?.accuracy).toBeGreaterThan(0.85);

    expect(stationary.report.performanceUnavailableReason).toBeNull();
    expect(stationary.report.performance).toMatchObject({
      metric: 'error_rate',
      labelledCount: WINDOW,
      drifted: false,
    });
    expect(stationary.report.predictionDrift?.drifted).toBe(false);
    expect(await jobs()).toEqual([]);

    const fewLabels = await championWindow('before', 12);
    expect(fewLabels.report.performance).toBeNull();
    expect(fewLabels.report.performanceUnavailableReason).toBe(
      `insufficient labels: 12 of ${WINDOW} row(s) labelled, fewer than performance.minLabelledRows = 30`,
    );

    const concept = await championWindow('relabelled', WINDOW);
    expect(concept.severity).not.toBe('high'); // the inputs did not move
    const performance = concept.report.performance!;
    expect(performance).toMatchObject({ metric: 'error_rate', labelledCount: WINDOW, drifted: true });
    expect(performance.current - performance.reference).toBeGreaterThan(0.2);
    expect(performance.pValue).toBeLessThan(performance.threshold);
    const alert = (await alerts(CHAMPION)).find((a) => a.kind === 'performance_drift');
    expect(alert).toMatchObject({ status: 'firing', severity: 'high' });
    expect(alert?.summary).toBe(
      `error_rate ${performance.reference.toFixed(3)} → ${performance.current.toFixed(3)} on ${WINDOW} labelled rows (label coverage ${WINDOW} of ${WINDOW})`,
    );
    const [job] = await jobs();
    expect(job).toMatchObject({ status: 'deferred', trigger: { kind: 'drift', driftReportId: concept.id } });
    expect(job.trigger.reason).toBe('performance drift for 1 consecutive window');
    console.log(
      `[performance drift] champion error rate ${performance.reference.toFixed(3)} (held-out) → ${performance.current.toFixed(3)} on ${performance.labelledCount} labelled rows, ` +
        `p = ${performance.pValue.toExponential(2)}; data drift ${concept.severity} (share ${concept.report.driftShare.toFixed(2)}); job ${job.status}: ${job.deferral?.reason ?? ''}`,
    );
  }, 60_000);

  it('measures performance for a logging-only model whose uploaded reference has the target and prediction columns', async () => {
    const reference = loanRows(1000, 7, 'before').map((r) => ({
      ...featuresOf(r),
      label: r.label,
      decision: externalDecision(r),
    }));
    await api.call('PUT', `/v1/models/${EXTERNAL}/reference`, { rows: reference });
    const stationary = await externalWindow('before');
    expect(stationary.report.performance).toMatchObject({
      metric: 'error_rate',
      labelledCount: WINDOW,
      drifted: false,
    });
    const concept = await externalWindow('relabelled');
    expect(concept.severity).not.toBe('high');
    expect(concept.report.performance).toMatchObject({ labelledCount: WINDOW, drifted: true });
    expect((await alerts(EXTERNAL)).find((a) => a.kind === 'performance_drift')).toMatchObject({
      status: 'firing',
      severity: 'high',
    });
  }, 60_000);
});
