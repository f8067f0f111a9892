import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../tests/support/network/http-receiver.js';
import { createWebhookSink } from '../../adapters/alerts/webhook-sink.js';
import { createInProcessEventBus } from '../../adapters/events/in-process-event-bus.js';
import { createSqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { dataTableFromRows } from '../../domain/data-table.js';
import { inferSchema } from '../../domain/infer-schema.js';
import { buildReferenceProfile } from '../../drift/index.js';
import type { ServiceEvent } from '../../ports/event-bus.js';
import { createWorkerDriftEvaluator } from '../../workers/drift-window-worker.js';
import { createAlertDispatcher } from '../alerting/alert-dispatcher.js';
import { createPredictionLogging } from '../ingestion/prediction-logging.js';
import { createMonitoredModels } from '../monitored-models.js';
import { createDriftMonitoring } from './drift-monitoring.js';
import { createMonitoringScheduler } from './monitoring-scheduler.js';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows = (n: number, seed: number, shifted: boolean) => {
  const r = random(seed);
  return Array.from({ length: n }, () => ({
    income: 50_000 + 20_000 * (r() + r() + r() - 1.5) + (shifted ? 30_000 : 0),
    region: shifted ? (r() < 0.8 ? 'east' : 'north') : ['north', 'south', 'east'][Math.floor(r() * 3)],
  }));
};

describe('retention', () => {
  it('deletes predictions older than the retention period, as the lease holder, at most once per period', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    let now = 10 * 86_400_000;
    const clock = { nowMs: () => now };
    const models = createMonitoredModels({ store, clock });
    await models.create({ name: 'm', features: { x: {} } });
    const logging = createPredictionLogging({ store, clock, models, newId: randomUUID });
    await logging.logPredictions(
      'm',
      [1, 5, 9].map((day) => ({ timestamp: day * 86_400_000, features: { x: day }, prediction: 1 })),
    );
    const dispatcher = createAlertDispatcher({ sinks: [], store, clock });
    const monitoring = createDriftMonitoring({ store, models, clock, dispatcher, events: createInProcessEventBus() });
    const scheduler = createMonitoringScheduler({
      store,
      models,
      monitoring,
      clock,
      holder: 'r',
      retentionMs: 3 * 86_400_000,
    });
    await scheduler.runOnce();
    expect((await store.latestPredictions('m', 10)).map((p) => p.features.x)).toEqual([9]);
    await logging.logPredictions('m', [{ timestamp: 2 * 86_400_000, features: { x: 2 }, prediction: 1 }]);
    now += 60_000;
    await scheduler.runOnce(); // within the hour: not run again
    expect((await store.countPredictions('m')).total).toBe(2);
    await store.close();
  });
});

describe('continuous drift monitoring (real store, real webhook receiver)', () => {
  const store = createSqliteStore({ path: ':memory:' });
  let now = Date.UTC(2026, 10, 26);
  const clock = { nowMs: () => now };
  const models = createMonitoredModels({ store, clock });
  const logging = createPredictionLogging({ store, clock, models, newId: randomUUID });
  const events: ServiceEvent[] = [];
  const bus = createInProcessEventBus();
  bus.subscribe((e) => events.push(e));
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let scheduler: ReturnType<typeof createMonitoringScheduler>;
  let dispatcher: ReturnType<typeof createAlertDispatcher>;
  let seed = 100;
  const evaluator = createWorkerDriftEvaluator();

  async function log(shifted: boolean, n = 300) {
    now += 60_000;
    await logging.logPredictions(
      'credit',
      rows(n, seed++, shifted).map((features) => ({ features, prediction: 1 })),
    );
    await scheduler.runOnce();
    await dispatcher.drain();
  }

  beforeAll(async () => {
    await store.migrate();
    receiver = await startReceiver();
    dispatcher = createAlertDispatcher({ sinks: [createWebhookSink({ url: receiver.url })], store, clock });
    const monitoring = createDriftMonitoring({
      store,
      models,
      clock,
      dispatcher,
      events: bus,
      alertPolicy: { resolveAfterCleanEvaluations: 2 },
      evaluator,
    });
    scheduler = createMonitoringScheduler({ store, models, monitoring, clock, holder: 'replica-1' });
    await models.create({
      name: 'credit',
      features: { income: {}, region: {} },
      drift: { window: { type: 'count', windowSize: 300, step: 300 } },
    });
    const reference = dataTableFromRows(rows(5000, 1, false));
    const profile = buildReferenceProfile(reference, inferSchema(reference, {}));
    await store.saveReferenceProfile('credit', 'test reference', profile, now);
  });
  afterAll(async () => {
    await evaluator.close();
    await receiver.close();
    await store.close();
  });

  it('stores a report per due window, raises and delivers an alert on drift, and resolves it after clean windows', async () => {
    await log(false);
    let latest = await store.latestDriftReport('credit');
    expect(latest).toMatchObject({ severity: 'none', driftShare: 0 });
    expect(await store.openAlert('credit', 'data_drift')).toBeNull();

    await log(true);
    latest = await store.latestDriftReport('credit');
    expect(latest).toMatchObject({ severity: 'high', driftShare: 1 });
    const open = await store.openAlert('credit', 'data_drift');
    expect(open).toMatchObject({ status: 'firing', severity: 'high', driftReportId: latest!.id });
    expect(receiver.requests.map((r) => r.headers['x-driftguard-event'])).toEqual(['fired']);
    expect((await store.listDeliveries(open!.id)).map((d) => d.outcome)).toEqual(['delivered']);

    await log(false);
    expect((await store.openAlert('credit', 'data_drift'))?.cleanEvaluations).toBe(1);
    await log(false);
    expect(await store.openAlert('credit', 'data_drift')).toBeNull();
    expect((await store.getAlert(open!.id))?.status).toBe('resolved');
    expect(receiver.requests.map((r) => r.headers['x-driftguard-event'])).toEqual(['fired', 'resolved']);
    expect(events.filter((e) => e.type === 'drift_report')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'alert').map((e) => e.data.event)).toEqual(['fired', 'resolved']);
  });

  it('does not evaluate again before enough new events, and only the lease holder evaluates', async () => {
    const before = (await store.listDriftReports('credit', { limit: 100 })).length;
    await scheduler.runOnce();
    expect((await store.listDriftReports('credit', { limit: 100 })).length).toBe(before);
    const other = createMonitoringScheduler({
      store,
      models,
      monitoring: createDriftMonitoring({ store, models, clock, dispatcher, events: bus }),
      clock,
      holder: 'replica-2',
    });
    await logging.logPredictions(
      'credit',
      rows(300, 999, false).map((features) => ({ features, prediction: 1 })),
    );
    await other.runOnce(); // replica-1's lease (30 s) has not expired: replica-2 must not evaluate
    expect((await store.listDriftReports('credit', { limit: 100 })).length).toBe(before);
    await scheduler.runOnce();
    expect((await store.listDriftReports('credit', { limit: 100 })).length).toBe(before + 1);
  });
});
