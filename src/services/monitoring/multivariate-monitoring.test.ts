import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithComponent } from '../../../tests/support/components/describe-with-component.js';
import {
  POSTGRES_TEST_URL,
  postgresComponent,
  postgresTestSchema,
} from '../../../tests/support/components/postgres.js';
import { createInProcessEventBus } from '../../adapters/events/in-process-event-bus.js';
import { createPostgresStore } from '../../adapters/store/postgres/postgres-store.js';
import { createSqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { dataTableFromRows } from '../../domain/data-table.js';
import { inferSchema } from '../../domain/infer-schema.js';
import { buildReferenceProfile, withReferenceRowSample } from '../../drift/index.js';
import { createSeededRandom } from '../../models/evaluation/seeded-random.js';
import type { Store } from '../../ports/store.js';
import { createWorkerDriftEvaluator } from '../../workers/drift-window-worker.js';
import { createAlertDispatcher } from '../alerting/alert-dispatcher.js';
import { createPredictionLogging } from '../ingestion/prediction-logging.js';
import { createMonitoredModels } from '../monitored-models.js';
import { createDriftMonitoring } from './drift-monitoring.js';
import { planMultivariate } from './multivariate-cadence.js';

/** x ~ N(0, 1) and y = x + 0.3·N(0, 1); `decoupled`: y's values shuffled across rows (marginals kept, link gone). */
function rows(n: number, seed: number, decoupled: boolean) {
  const random = createSeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const out = Array.from({ length: n }, () => {
    const x = normal();
    return { x, y: x + 0.3 * normal() };
  });
  if (decoupled) {
    const ys = out.map((r) => r.y);
    for (let i = ys.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ys[i], ys[j]] = [ys[j], ys[i]];
    }
    out.forEach((r, i) => (r.y = ys[i]));
  }
  return out;
}

function harness(withSample: boolean, makeStore: () => Store = () => createSqliteStore({ path: ':memory:' })) {
  const store = makeStore();
  let now = Date.UTC(2026, 11, 1);
  const clock = { nowMs: () => now };
  const models = createMonitoredModels({ store, clock });
  const logging = createPredictionLogging({ store, clock, models, newId: randomUUID });
  const dispatcher = createAlertDispatcher({ sinks: [], store, clock });
  const evaluator = createWorkerDriftEvaluator();
  const monitoring = createDriftMonitoring({
    store,
    models,
    clock,
    dispatcher,
    events: createInProcessEventBus(),
    evaluator,
  });
  let seed = 10;
  return {
    store,
    async setUp() {
      await store.migrate();
      await models.create({
        name: 'sensors',
        features: { x: {}, y: {} },
        drift: {
          window: { type: 'count', windowSize: 500, step: 500 },
          multivariate: { method: 'classifier', everyWindows: 2 },
        },
      });
      const table = dataTableFromRows(rows(5000, 1, false));
      const profile = buildReferenceProfile(table, inferSchema(table, {}));
      await store.saveReferenceProfile(
        'sensors',
        'upload by test',
        withSample ? withReferenceRowSample(profile, table) : profile,
        now,
      );
    },
    /** Logs one window of rows and evaluates it. */
    async window(decoupled: boolean) {
      now += 60_000;
      await logging.logPredictions(
        'sensors',
        rows(500, seed++, decoupled).map((features) => ({ features, prediction: 1 })),
      );
      const stored = await monitoring.evaluate('sensors');
      await dispatcher.drain();
      return stored!.report;
    },
    async close() {
      await evaluator.close();
      await store.close();
    },
  };
}

describe('multivariate drift in continuous monitoring (real store, worker-thread evaluation)', () => {
  const h = harness(true);
  beforeAll(() => h.setUp());
  afterAll(() => h.close());

  it('runs on the cadence, stores the result in the report, and alerts on a joint-only shift naming the features', async () => {
    const first = await h.window(false);
    expect(first.multivariate).toMatchObject({ method: 'classifier', drifted: false, referenceRowCount: 5000 });
    expect(first.multivariate?.currentRowCount).toBe(500);
    expect(first.multivariateCadence).toEqual({ everyWindows: 2, windowsSinceDue: 0, lastDrifted: false });

    // Not due: no result, the carried verdict, no alert move.
    const second = await h.window(true);
    expect(second.multivariate).toBeUndefined();
    expect(second.multivariateNotRun).toBeUndefined();
    expect(second.multivariateCadence).toEqual({ everyWindows: 2, windowsSinceDue: 1, lastDrifted: false });
    expect(await h.store.openAlert('sensors', 'multivariate_drift')).toBeNull();

    // Due: every marginal is the reference's, so the per-feature tests pass; the classifier sees the decoupling.
    const third = await h.window(true);
    expect(third.datasetDrift).toBe(false);
    expect(third.multivariate).toMatchObject({ method: 'classifier', drifted: true });
    expect(third.multivariate!.statistic).toBeGreaterThan(0.6);
    expect(third.multivariate!.pValue).toBeLessThan(0.05);
    expect(third.multivariate!.topFeatures.map((f) => f.name).slice(0, 2)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[xy]$/)]),
    );
    expect(third.multivariateCadence).toEqual({ everyWindows: 2, windowsSinceDue: 0, lastDrifted: true });
    const alert = await h.store.openAlert('sensors', 'multivariate_drift');
    expect(alert).toMatchObject({ status: 'firing', severity: 'medium', dedupKey: 'sensors:multivariate_drift' });
    expect(alert!.summary).toMatch(
      /^what changed: [xy] \d\.\d{3}.* — domain classifier AUC 0\.\d{3} ≥ floor 0\.53, p = /,
    );
    expect(await h.store.openAlert('sensors', 'data_drift')).toBeNull();

    // The next, not-due window leaves the alert as it is (no verdict is no clean evaluation).
    const fourth = await h.window(false);
    expect(fourth.multivariateCadence?.lastDrifted).toBe(true);
    expect(await h.store.openAlert('sensors', 'multivariate_drift')).toMatchObject({
      id: alert!.id,
      cleanEvaluations: 0,
    });
  });
});

describe('multivariate drift against a reference without a row sample', () => {
  const h = harness(false);
  beforeAll(() => h.setUp());
  afterAll(() => h.close());

  it('is reported as not run, with the reason, on every due window — never a silent pass', async () => {
    const report = await h.window(true);
    expect(report.multivariate).toBeUndefined();
    expect(report.multivariateNotRun).toEqual({
      method: 'classifier',
      reason: expect.stringMatching(/has no row sample.*upload the reference again/),
    });
    expect(report.multivariateCadence).toEqual({ everyWindows: 2, windowsSinceDue: 0, lastDrifted: null });
    expect(await h.store.openAlert('sensors', 'multivariate_drift')).toBeNull();
  });
});

describeWithComponent(
  'multivariate drift on PostgreSQL (the row sample read back from JSONB)',
  postgresComponent,
  () => {
    const { schema, drop } = postgresTestSchema('dg_multivariate');
    const h = harness(true, () =>
      createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema, maxConnections: 2 }),
    );
    beforeAll(() => h.setUp());
    afterAll(async () => {
      await h.close();
      await drop();
    });

    it('runs the test against the stored sample and alerts on the joint-only shift', async () => {
      expect((await h.window(false)).multivariate).toMatchObject({ drifted: false, referenceRowCount: 5000 });
      await h.window(true);
      expect((await h.window(true)).multivariate).toMatchObject({ drifted: true });
      expect(await h.store.openAlert('sensors', 'multivariate_drift')).toMatchObject({ status: 'firing' });
    });
  },
);

describe('planMultivariate', () => {
  it('is off without settings or when disabled, due on the first window and then every k-th', () => {
    expect(planMultivariate(undefined, null)).toBeNull();
    expect(planMultivariate({ enabled: false }, null)).toBeNull();
    let previous = null;
    const due: boolean[] = [];
    for (let i = 0; i < 7; i++) {
      const plan = planMultivariate({ everyWindows: 3, method: 'pca' }, previous)!;
      expect(plan.options).toEqual({ method: 'pca' });
      due.push(plan.due);
      previous = {
        multivariateCadence: { everyWindows: 3, windowsSinceDue: plan.windowsSinceDue, lastDrifted: null },
      } as never;
    }
    expect(due).toEqual([true, false, false, true, false, false, true]);
    expect(planMultivariate({}, previous)?.due).toBe(true);
  });
});
