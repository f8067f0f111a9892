import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessEventBus } from '../../adapters/events/in-process-event-bus.js';
import { createSqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { createCsvTextParser } from '../../adapters/tabular/csv-reader.js';
import { dataTableFromRows } from '../../domain/data-table.js';
import { inferSchema } from '../../domain/infer-schema.js';
import { buildReferenceProfile, type ReferenceProfile } from '../../drift/index.js';
import { createAlertDispatcher } from '../alerting/alert-dispatcher.js';
import { createPredictionLogging } from '../ingestion/prediction-logging.js';
import { createReferenceUpload } from '../ingestion/reference-upload.js';
import { createMonitoredModels } from '../monitored-models.js';
import { createDriftMonitoring } from './drift-monitoring.js';
import { createDriftReportQueries } from './drift-report-queries.js';

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

type Shift = 'none' | 'region' | 'boundary';

/** The score depends on income only; `region` drifts without touching it; `boundary` crowds incomes at the cut. */
const rows = (n: number, seed: number, shift: Shift) => {
  const r = random(seed);
  return Array.from({ length: n }, () => {
    const z = r() + r() + r() - 1.5;
    const income = 50_000 + (shift === 'boundary' ? 1_000 : 25_000) * z;
    const score = 1 / (1 + Math.exp(-(income - 50_000) / 8_000));
    const region =
      shift === 'region' ? (r() < 0.8 ? 'east' : 'north') : ['north', 'south', 'east'][Math.floor(r() * 3)];
    return { income, region, score, predicted: score > 0.5 ? 1 : 0, label: r() < score ? 1 : 0 };
  });
};

describe('estimated performance of monitoring windows and impact-aware grading', () => {
  const store = createSqliteStore({ path: ':memory:' });
  let now = Date.UTC(2026, 10, 26);
  const clock = { nowMs: () => now };
  const models = createMonitoredModels({ store, clock });
  const logging = createPredictionLogging({ store, clock, models, newId: randomUUID });
  const dispatcher = createAlertDispatcher({ sinks: [], store, clock });
  const monitoring = createDriftMonitoring({ store, models, clock, dispatcher, events: createInProcessEventBus() });
  let seed = 10;

  const labelsOf = new Map<string, number>();

  async function windowOf(model: string, shift: Shift) {
    now += 60_000;
    const s = seed++;
    await logging.logPredictions(
      model,
      rows(500, s, shift).map(({ income, region, score, predicted, label }, i) => {
        labelsOf.set(`${model}-${s}-${i}`, label);
        return { id: `${model}-${s}-${i}`, features: { income, region }, prediction: predicted, score };
      }),
    );
    return (await monitoring.evaluate(model))!;
  }

  beforeAll(async () => {
    await store.migrate();
    const reference = dataTableFromRows(rows(5000, 1, 'none'));
    const schema = inferSchema(reference, {
      target: 'label',
      prediction: 'predicted',
      predictionScore: 'score',
      task: 'classification',
    });
    const profile = buildReferenceProfile(reference, schema);
    for (const [name, estimation] of [
      ['aware', undefined],
      ['unaware', { impactAware: false }],
      ['off', { enabled: false }],
      ['realized', undefined],
    ] as const) {
      await models.create({
        name,
        features: { income: {}, region: {} },
        drift: { window: { type: 'count', windowSize: 500, step: 500 } },
        ...(estimation === undefined ? {} : { estimation }),
      });
      await store.saveReferenceProfile(name, 'test reference', profile, now);
    }
  });
  afterAll(async () => {
    await store.close();
  });

  it('stores the estimate with its band and threshold in each window and grades a quiet window no-drift', async () => {
    const stored = await windowOf('aware', 'none');
    const estimate = stored.report.estimatedPerformance!;
    expect(estimate.metrics.map((m) => m.metric)).toEqual(['rocAuc', 'accuracy']);
    for (const m of estimate.metrics) {
      expect(m.lower!).toBeLessThanOrEqual(m.value!);
      expect(m.upper!).toBeGreaterThanOrEqual(m.value!);
      expect(m.threshold).not.toBeNull();
    }
    expect(stored.report.impact).toMatchObject({ grade: 'no-drift', policy: { enabled: true, dropWhen: 'estimate' } });
    expect(await store.openAlert('aware', 'estimated_performance')).toBeNull();
  });

  it('labels data drift on a feature the scores ignore "no measurable impact" and grades its alert medium', async () => {
    const stored = await windowOf('aware', 'region');
    expect(stored.severity).toBe('high');
    expect(stored.report.impact).toMatchObject({ grade: 'no-measurable-impact', dataDriftTriggers: false });
    const alert = await store.openAlert('aware', 'data_drift');
    expect(alert).toMatchObject({ severity: 'medium' });
    expect(alert!.summary).toMatch(/no measurable impact/);
  });

  it('keeps the data-drift alert high without impact awareness', async () => {
    await windowOf('unaware', 'none');
    const stored = await windowOf('unaware', 'region');
    expect(stored.report.impact).toMatchObject({ grade: 'no-measurable-impact', dataDriftTriggers: true });
    expect(await store.openAlert('unaware', 'data_drift')).toMatchObject({ severity: 'high' });
  });

  it('fires an estimated_performance alert when the estimate crosses its threshold, and resolves it', async () => {
    const stored = await windowOf('aware', 'boundary');
    expect(stored.report.impact).toMatchObject({ grade: 'performance-drop', countsAsPerformanceDrift: true });
    const alert = await store.openAlert('aware', 'estimated_performance');
    expect(alert).toMatchObject({ status: 'firing', severity: 'high', driftReportId: stored.id });
    expect(alert!.summary).toMatch(/estimated performance dropped: rocAuc/);
    for (let i = 0; i < 3; i++) await windowOf('aware', 'none');
    expect(await store.openAlert('aware', 'estimated_performance')).toBeNull();
  });

  it('shows the realized performance beside the estimate once labels arrive', async () => {
    const queries = createDriftReportQueries({ store, models });
    const stored = await windowOf('realized', 'none');
    let windows = await queries.performance('realized', 10);
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ driftReportId: stored.id, realized: null, unavailableReason: null });
    const ids = [...labelsOf.keys()].filter((id) => id.startsWith('realized-'));
    await logging.attachLabels(
      'realized',
      ids.map((predictionId) => ({ predictionId, label: labelsOf.get(predictionId)! })),
    );
    windows = await queries.performance('realized', 10);
    const realized = windows[0].realized!;
    expect(realized.labelledRows).toBe(500);
    const auc = windows[0].estimated!.find((m) => m.metric === 'rocAuc')!;
    expect(Math.abs(realized.values.rocAuc! - auc.value!)).toBeLessThan(0.05);
    expect(realized.warnings).toEqual([]);
  });

  it('reads the prediction log once for all windows and splits it per window', async () => {
    let reads = 0;
    const counted = {
      ...store,
      predictionsBetween: (model: string, fromMs: number, toMs: number) => {
        reads++;
        return store.predictionsBetween(model, fromMs, toMs);
      },
    };
    const queries = createDriftReportQueries({ store: counted, models });
    const second = await windowOf('realized', 'none');
    const windows = await queries.performance('realized', 10);
    expect(reads).toBe(1);
    expect(windows).toHaveLength(2);
    expect(windows[0].realized?.labelledRows).toBe(500);
    expect(windows[1]).toMatchObject({ driftReportId: second.id, realized: null });
  });

  it('does not estimate when the definition turns estimation off, and says why old profiles are not estimated', async () => {
    const off = await windowOf('off', 'none');
    expect(off.report.estimatedPerformance).toBeUndefined();
    expect(off.report.impact?.grade).toBe('not-estimated');
    const {
      estimationSample: _s,
      estimationSampleUnavailableReason: _r,
      ...old
    } = (await store.latestReferenceProfile('aware'))!.profile;
    await store.saveReferenceProfile('aware', 'old reference', old as ReferenceProfile, now);
    const stored = await windowOf('aware', 'none');
    expect(stored.report.estimatedPerformance).toBeNull();
    expect(stored.report.estimatedPerformanceUnavailableReason).toMatch(/upload the reference again/);
    expect(stored.report.impact?.grade).toBe('not-estimated');
  });

  it('estimates the windows of a model served elsewhere from an uploaded reference that declares its score column', async () => {
    await models.create({
      name: 'uploaded',
      features: { income: {}, region: {} },
      target: 'label',
      prediction: 'predicted',
      predictionScore: 'score',
      drift: { window: { type: 'count', windowSize: 500, step: 500 } },
    });
    const upload = createReferenceUpload({
      store,
      models,
      clock,
      events: createInProcessEventBus(),
      csv: createCsvTextParser(),
    });
    const csv = ['income,region,score,predicted,label']
      .concat(rows(5000, 1, 'none').map((r) => [r.income, r.region, r.score, r.predicted, r.label].join(',')))
      .join('\n');
    await upload.setFromCsv('uploaded', csv, 'ops');
    const stored = await windowOf('uploaded', 'none');
    expect(stored.report.estimatedPerformanceUnavailableReason ?? null).toBeNull();
    expect(stored.report.estimatedPerformance?.metrics.map((m) => m.metric)).toEqual(['rocAuc', 'accuracy']);
    expect(stored.report.impact?.grade).toBe('no-drift');
  });
});
