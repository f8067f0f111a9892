import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReferenceProfile } from '../../../tests/support/drift/sample-profile.js';
import { numericResult, sampleReport } from '../../../tests/support/drift/sample-report.js';
import type { Alert } from '../../domain/alert.js';
import type { NewPrediction } from '../../domain/prediction-record.js';
import type { RetrainingJob, RetrainingJobStatus } from '../../domain/retraining-job.js';
import { MAX_TIMESTAMP_MS } from '../../domain/timestamp.js';
import { type Store, StoreInputError } from '../../ports/store.js';

/** How a suite obtains a fresh, empty store of one adapter and disposes of it. */
export interface StoreHarness {
  create(): Promise<Store>;
  dispose?(): Promise<void>;
}

const T0 = Date.UTC(2026, 0, 1);

function prediction(id: string, overrides: Partial<NewPrediction> = {}): NewPrediction {
  return {
    id,
    model: 'credit',
    modelVersion: '1',
    timestampMs: T0,
    features: { income: 52_000.5, region: 'north', owner: true, missing: null },
    predictedClass: 1,
    score: 0.73,
    ...overrides,
  };
}

function alert(model: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id: `${model}-a1`,
    model,
    kind: 'data_drift',
    severity: 'high',
    peakSeverity: 'high',
    status: 'firing',
    dedupKey: `${model}:data_drift`,
    summary: '6 of 9 features drifted',
    firstSeenMs: 1000,
    lastSeenMs: 1000,
    resolvedAtMs: null,
    acknowledgedAtMs: null,
    acknowledgedBy: null,
    cleanEvaluations: 0,
    lastNotifiedMs: 1000,
    lastNotifiedSeverity: 'high',
    driftReportId: 7,
    ...overrides,
  };
}

function series(count: number, startIndex = 0): NewPrediction[] {
  return Array.from({ length: count }, (_, i) =>
    prediction(`p${startIndex + i}`, { timestampMs: T0 + (startIndex + i) * 1000, score: (startIndex + i) / 1000 }),
  );
}

/** The one contract every Store adapter passes (SQLite and PostgreSQL). */
export function storeContract(name: string, harness: StoreHarness): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let modelCounter = 0;
    /** Each test uses its own model name so tests stay independent on one database. */
    const freshModel = () => `model-${++modelCounter}`;

    beforeAll(async () => {
      store = await harness.create();
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
      await harness.dispose?.();
    });

    it('migrate is idempotent and reports the schema version', async () => {
      const version = await store.migrate();
      expect(version).toBeGreaterThanOrEqual(5); // 0005: label_revisions
      expect(await store.migrate()).toBe(version);
    });

    it('round-trips a prediction with every cell type', async () => {
      const model = freshModel();
      const p = prediction('a', { model, predictedClass: 'approve', score: null, modelVersion: null });
      expect(await store.appendPredictions(model, [p])).toEqual({ inserted: 1, duplicateIds: [] });
      const stored = await store.getPrediction(model, 'a');
      expect(stored).toMatchObject({ ...p, label: null, labelTimestampMs: null });
      expect(stored?.features).toEqual({ income: 52_000.5, region: 'north', owner: true, missing: null });
      expect(typeof stored?.sequence).toBe('number');
      expect(await store.getPrediction(model, 'nope')).toBeNull();
    });

    it('rejects a whole batch that repeats a stored id, and one that repeats an id within itself', async () => {
      const model = freshModel();
      await store.appendPredictions(model, series(3));
      const clash = await store.appendPredictions(model, [...series(2, 10), prediction('p1')]);
      expect(clash).toEqual({ inserted: 0, duplicateIds: ['p1'] });
      const internal = await store.appendPredictions(model, [prediction('x'), prediction('y'), prediction('x')]);
      expect(internal).toEqual({ inserted: 0, duplicateIds: ['x'] });
      expect(await store.countPredictions(model)).toEqual({ total: 3, labeled: 0 });
    });

    it('keeps ids per model: the same id may exist under two models', async () => {
      const [a, b] = [freshModel(), freshModel()];
      await store.appendPredictions(a, [prediction('same')]);
      expect(await store.appendPredictions(b, [prediction('same')])).toEqual({ inserted: 1, duplicateIds: [] });
      expect((await store.latestPredictions(a, 10)).map((p) => p.model)).toEqual([a]);
    });

    it('joins late labels by id, reports unknown ids, preserves label types, the last label of a batch winning', async () => {
      const model = freshModel();
      await store.appendPredictions(model, series(4));
      const result = await store.attachLabels(model, [
        { predictionId: 'p0', label: 1, timestampMs: T0 + 50_000 },
        { predictionId: 'p1', label: 'default', timestampMs: T0 + 50_000 },
        { predictionId: 'ghost', label: 0, timestampMs: T0 },
        { predictionId: 'p2', label: false, timestampMs: T0 },
        { predictionId: 'p2', label: true, timestampMs: T0 + 1 },
      ]);
      expect(result).toEqual({ joined: 4, unknownIds: ['ghost'], relabeledIds: [] });
      expect((await store.getPrediction(model, 'p0'))?.label).toBe(1);
      expect((await store.getPrediction(model, 'p1'))?.label).toBe('default');
      expect(await store.getPrediction(model, 'p2')).toMatchObject({ label: true, labelTimestampMs: T0 + 1 });
      expect(await store.countPredictions(model)).toEqual({ total: 4, labeled: 3 });
      const labeled = await store.latestLabeledPredictions(model, 2);
      expect(labeled.map((p) => p.id)).toEqual(['p1', 'p2']);
    });

    it('refuses a different label for a labelled prediction unless overwrite, and keeps each replaced label', async () => {
      const model = freshModel();
      await store.appendPredictions(model, series(3));
      await store.attachLabels(model, [
        { predictionId: 'p0', label: 'up', timestampMs: T0 + 1 },
        { predictionId: 'p1', label: 1, timestampMs: T0 + 1 },
      ]);
      // The same labels again (a client retry) change nothing and are no relabel.
      expect(
        await store.attachLabels(model, [
          { predictionId: 'p0', label: 'up', timestampMs: T0 + 9 },
          { predictionId: 'p1', label: 1, timestampMs: T0 + 9 },
        ]),
      ).toEqual({ joined: 2, unknownIds: [], relabeledIds: [] });
      expect(await store.getPrediction(model, 'p0')).toMatchObject({ label: 'up', labelTimestampMs: T0 + 1 });
      // Another label (1 and "1" differ) without overwrite: the whole batch is refused, p2 included.
      const refused = await store.attachLabels(model, [
        { predictionId: 'p2', label: 'down', timestampMs: T0 + 2 },
        { predictionId: 'p0', label: 'down', timestampMs: T0 + 2 },
        { predictionId: 'p1', label: '1', timestampMs: T0 + 2 },
      ]);
      expect(refused).toEqual({ joined: 0, unknownIds: [], relabeledIds: ['p0', 'p1'] });
      expect(await store.getPrediction(model, 'p2')).toMatchObject({ label: null });
      expect(await store.getPrediction(model, 'p0')).toMatchObject({ label: 'up' });
      expect(await store.listLabelRevisions(model, { limit: 10 })).toEqual([]);
      // With overwrite: written, and each replaced label kept.
      const replaced = await store.attachLabels(
        model,
        [
          { predictionId: 'p0', label: 'down', timestampMs: T0 + 3 },
          { predictionId: 'p2', label: 'down', timestampMs: T0 + 3 },
        ],
        { overwrite: true, by: 'ops', atMs: T0 + 4 },
      );
      expect(replaced).toEqual({ joined: 2, unknownIds: [], relabeledIds: ['p0'] });
      expect(await store.getPrediction(model, 'p0')).toMatchObject({ label: 'down', labelTimestampMs: T0 + 3 });
      await store.attachLabels(model, [{ predictionId: 'p0', label: true, timestampMs: T0 + 5 }], {
        overwrite: true,
        by: 'etl',
        atMs: T0 + 6,
      });
      const revisions = await store.listLabelRevisions(model, { limit: 10 });
      expect(revisions).toEqual([
        {
          predictionId: 'p0',
          previousLabel: 'down',
          previousLabelTimestampMs: T0 + 3,
          label: true,
          labelTimestampMs: T0 + 5,
          revisedAtMs: T0 + 6,
          revisedBy: 'etl',
        },
        {
          predictionId: 'p0',
          previousLabel: 'up',
          previousLabelTimestampMs: T0 + 1,
          label: 'down',
          labelTimestampMs: T0 + 3,
          revisedAtMs: T0 + 4,
          revisedBy: 'ops',
        },
      ]);
      expect(await store.listLabelRevisions(model, { limit: 1, predictionId: 'p0' })).toEqual([revisions[0]]);
      expect(await store.listLabelRevisions(model, { limit: 10, predictionId: 'p2' })).toEqual([]);
      expect(await store.listLabelRevisions(freshModel(), { limit: 10 })).toEqual([]);
    });

    it('lists a filtered page of the log newest first, with a sequence cursor', async () => {
      const model = freshModel();
      await store.appendPredictions(
        model,
        series(6).map((p, i) => ({ ...p, predictedClass: i % 2 === 0 ? 'yes' : 1 })),
      );
      await store.attachLabels(model, [
        { predictionId: 'p1', label: 1, timestampMs: T0 },
        { predictionId: 'p4', label: 'no', timestampMs: T0 },
      ]);
      const ids = async (query: Parameters<Store['listPredictions']>[1]) =>
        (await store.listPredictions(model, query)).map((p) => p.id);
      const all = await store.listPredictions(model, { limit: 4 });
      expect(all.map((p) => p.id)).toEqual(['p5', 'p4', 'p3', 'p2']);
      expect(await ids({ limit: 10, beforeSequence: all[3].sequence })).toEqual(['p1', 'p0']);
      expect(await ids({ limit: 10, fromMs: T0 + 1000, toMs: T0 + 3000 })).toEqual(['p2', 'p1']);
      expect(await ids({ limit: 10, predictedClass: 'yes' })).toEqual(['p4', 'p2', 'p0']);
      expect(await ids({ limit: 10, predictedClass: '1' })).toEqual(['p5', 'p3', 'p1']);
      expect(await ids({ limit: 10, labeled: true })).toEqual(['p4', 'p1']);
      expect(await ids({ limit: 10, labeled: false, predictedClass: '1' })).toEqual(['p5', 'p3']);
      await expect(store.listPredictions(model, { limit: 0 })).rejects.toThrow(/limit/);
    });

    it('serves count windows, time windows and incremental reads in order', async () => {
      const model = freshModel();
      await store.appendPredictions(model, series(5));
      await store.appendPredictions(model, series(5, 5));
      const latest = await store.latestPredictions(model, 3);
      expect(latest.map((p) => p.id)).toEqual(['p7', 'p8', 'p9']);
      expect(latest[0].sequence).toBeLessThan(latest[2].sequence);
      const between = await store.predictionsBetween(model, T0 + 2000, T0 + 5000);
      expect(between.map((p) => p.id)).toEqual(['p2', 'p3', 'p4']);
      const after = await store.predictionsAfter(model, latest[0].sequence, 10);
      expect(after.map((p) => p.id)).toEqual(['p8', 'p9']);
      expect((await store.predictionsAfter(model, 0, 2)).map((p) => p.id)).toEqual(['p0', 'p1']);
      await expect(store.latestPredictions(model, 0)).rejects.toThrow(/limit/);
    });

    it('applies retention by deleting only old predictions of the model', async () => {
      const [model, other] = [freshModel(), freshModel()];
      await store.appendPredictions(model, series(6));
      await store.appendPredictions(other, series(6));
      expect(await store.deletePredictionsBefore(model, T0 + 4000)).toBe(4);
      expect((await store.latestPredictions(model, 10)).map((p) => p.id)).toEqual(['p4', 'p5']);
      expect((await store.countPredictions(other)).total).toBe(6);
    });

    it('creates, replaces and lists monitored models, keeping createdAt', async () => {
      const name = freshModel();
      const first = await store.saveModel(name, { schema: { features: ['a'] }, windowSize: 500 }, 1000);
      expect(first).toEqual({
        name,
        definition: { schema: { features: ['a'] }, windowSize: 500 },
        createdAtMs: 1000,
        updatedAtMs: 1000,
      });
      const second = await store.saveModel(name, { windowSize: 1000 }, 2000);
      expect(second).toEqual({ name, definition: { windowSize: 1000 }, createdAtMs: 1000, updatedAtMs: 2000 });
      expect(await store.getModel(name)).toEqual(second);
      expect(await store.getModel('absent')).toBeNull();
      expect((await store.listModels()).map((m) => m.name)).toContain(name);
    });

    it('pages drift reports newest first, by cursor and by time range', async () => {
      const model = freshModel();
      const saved = [];
      for (let i = 0; i < 5; i++) {
        saved.push(
          await store.saveDriftReport(
            {
              model,
              windowStartMs: i * 100,
              windowEndMs: i * 100 + 99,
              createdAtMs: i * 100 + 100,
              severity: i < 3 ? 'none' : 'high',
              driftShare: i / 10,
            },
            sampleReport([numericResult('a', i >= 3 ? 0.5 : 0.01)], { currentRowCount: i }),
          ),
        );
      }
      expect(saved[4]).toMatchObject({ model, severity: 'high', driftShare: 0.4, report: { currentRowCount: 4 } });
      const page1 = await store.listDriftReports(model, { limit: 2 });
      expect(page1.map((r) => r.report.currentRowCount)).toEqual([4, 3]);
      const page2 = await store.listDriftReports(model, { limit: 2, beforeId: page1[1].id });
      expect(page2.map((r) => r.report.currentRowCount)).toEqual([2, 1]);
      const ranged = await store.listDriftReports(model, { limit: 10, fromMs: 150, toMs: 350 });
      expect(ranged.map((r) => r.report.currentRowCount)).toEqual([2, 1]); // fromMs ≤ windowEndMs < toMs
      expect((await store.latestDriftReport(model))?.id).toBe(saved[4].id);
      expect(await store.latestDriftReport('no-such-model')).toBeNull();
      // Numbered per model: another model's reports leave no gap.
      const other = freshModel();
      const first = await store.saveDriftReport(
        { model: other, windowStartMs: 0, windowEndMs: 99, createdAtMs: 100, severity: 'none', driftShare: 0 },
        sampleReport([numericResult('a', 0.01)]),
      );
      expect(await store.countDriftReports(other, first.id)).toBe(1);
      expect(await store.countDriftReports(model, saved[0].id)).toBe(1);
      expect(await store.countDriftReports(model, saved[4].id)).toBe(5);
      expect(await store.countDriftReports(model, first.id)).toBe(5);
      expect(await store.countDriftReports('no-such-model', first.id)).toBe(0);
    });

    it('grants a lease to one holder at a time, renews it, and frees it on expiry or release', async () => {
      const lease = `monitor:${freshModel()}`;
      expect(await store.tryAcquireLease(lease, 'replica-a', 10_000, 0)).toBe(true);
      expect(await store.tryAcquireLease(lease, 'replica-b', 10_000, 5_000)).toBe(false);
      expect(await store.tryAcquireLease(lease, 'replica-a', 10_000, 9_000)).toBe(true);
      expect(await store.tryAcquireLease(lease, 'replica-b', 10_000, 18_999)).toBe(false);
      expect(await store.tryAcquireLease(lease, 'replica-b', 10_000, 19_000)).toBe(true);
      await store.releaseLease(lease, 'replica-a');
      expect(await store.tryAcquireLease(lease, 'replica-a', 10_000, 20_000)).toBe(false);
      await store.releaseLease(lease, 'replica-b');
      expect(await store.tryAcquireLease(lease, 'replica-a', 10_000, 20_000)).toBe(true);
    });

    it('keeps at most one open alert per (model, kind), with full history and filters', async () => {
      const model = freshModel();
      const first = alert(model);
      await store.saveAlert(first);
      expect(await store.openAlert(model, 'data_drift')).toEqual(first);
      expect(await store.openAlert(model, 'performance_drift')).toBeNull();
      await expect(store.saveAlert(alert(model, { id: `${model}-dup` }))).rejects.toThrow();
      const resolved = { ...first, status: 'resolved' as const, resolvedAtMs: 5000 };
      await store.saveAlert(resolved);
      expect(await store.openAlert(model, 'data_drift')).toBeNull();
      const second = alert(model, { id: `${model}-a2`, severity: 'medium', firstSeenMs: 9000 });
      await store.saveAlert(second);
      await store.saveAlert(alert(model, { id: `${model}-a3`, kind: 'performance_drift', firstSeenMs: 8000 }));
      expect(await store.getAlert(first.id)).toEqual(resolved);
      expect((await store.listAlerts({ model, limit: 10 })).map((a) => a.id)).toEqual([
        `${model}-a2`,
        `${model}-a3`,
        `${model}-a1`,
      ]);
      expect((await store.listAlerts({ model, status: 'firing', limit: 10 })).map((a) => a.id)).toEqual([
        `${model}-a2`,
        `${model}-a3`,
      ]);
      expect((await store.listAlerts({ model, severity: 'high', limit: 10 })).map((a) => a.id)).toEqual([
        `${model}-a3`,
        `${model}-a1`,
      ]);
      expect((await store.listAlerts({ model, limit: 10, beforeFirstSeenMs: 9000 })).map((a) => a.id)).toEqual([
        `${model}-a3`,
        `${model}-a1`,
      ]);
      expect(await store.getAlert('missing')).toBeNull();
    });

    it('records alert deliveries in order', async () => {
      const model = freshModel();
      const a = alert(model);
      await store.saveAlert(a);
      await store.recordDelivery({
        alertId: a.id,
        sink: 'webhook',
        event: 'fired',
        attempt: 1,
        outcome: 'failed',
        httpStatus: 503,
        error: 'HTTP 503',
        atMs: 1,
      });
      await store.recordDelivery({
        alertId: a.id,
        sink: 'webhook',
        event: 'fired',
        attempt: 2,
        outcome: 'delivered',
        httpStatus: 200,
        error: null,
        atMs: 2,
      });
      const deliveries = await store.listDeliveries(a.id);
      expect(deliveries.map((d) => [d.attempt, d.outcome, d.httpStatus])).toEqual([
        [1, 'failed', 503],
        [2, 'delivered', 200],
      ]);
      expect(deliveries[0]).toEqual({
        alertId: a.id,
        sink: 'webhook',
        event: 'fired',
        attempt: 1,
        outcome: 'failed',
        httpStatus: 503,
        error: 'HTTP 503',
        atMs: 1,
      });
    });

    it('keeps reference profiles per model, the newest in force', async () => {
      const model = freshModel();
      expect(await store.latestReferenceProfile(model)).toBeNull();
      const first = await store.saveReferenceProfile(model, 'champion version 1', sampleReferenceProfile(10), 100);
      const second = await store.saveReferenceProfile(model, 'upload by ops', sampleReferenceProfile(20), 200);
      expect(second.id).toBeGreaterThan(first.id);
      expect(await store.latestReferenceProfile(model)).toEqual({
        id: second.id,
        model,
        source: 'upload by ops',
        createdAtMs: 200,
        profile: sampleReferenceProfile(20),
        rowSampleRowCount: null,
      });
      expect(await store.referenceRowSample(model, second.id)).toBeNull();
    });

    it('keeps a reference row sample apart from its profile, and reads it only by (model, reference id)', async () => {
      const model = freshModel();
      const rowSample = {
        sourceRowCount: 10,
        rowCount: 3,
        seed: 1,
        columns: [
          { name: 'income', cells: [1000.5, null, -0.25] },
          { name: 'region', cells: ['north', 'naïve 😀', null] },
          { name: 'owner', cells: [true, false, null] },
        ],
      };
      const profile = { ...sampleReferenceProfile(10), rowSample };
      const saved = await store.saveReferenceProfile(model, 'upload by ops', profile, 100);
      expect(saved).toMatchObject({ rowSampleRowCount: 3, profile: sampleReferenceProfile(10) });
      expect(saved.profile).not.toHaveProperty('rowSample');
      expect(await store.latestReferenceProfile(model)).toEqual(saved);
      expect(await store.referenceRowSample(model, saved.id)).toEqual(rowSample);
      expect(await store.referenceRowSample(freshModel(), saved.id)).toBeNull();
      expect(await store.referenceRowSample(model, saved.id + 1000)).toBeNull();
      expect(await store.referenceRowSample(model, 0.5)).toBeNull();
    });

    it('refuses a malformed reference row sample alike, writing nothing', async () => {
      const model = freshModel();
      const sample = (cells: unknown[], rowCount = cells.length) => ({
        sourceRowCount: 10,
        rowCount,
        seed: 1,
        columns: [{ name: 'income', cells }],
      });
      for (const [what, rowSample] of [
        ['NaN cell', sample([1, Number.NaN])],
        ['infinite cell', sample([Number.POSITIVE_INFINITY])],
        ['object cell', sample([{ a: 1 }])],
        ['short column', sample([1, 2], 3)],
        ['more rows than the source', sample([1], 1) && { ...sample([1]), sourceRowCount: 0 }],
        ['no columns array', { sourceRowCount: 1, rowCount: 1, seed: 1 }],
        ['U+0000 in a cell', sample(['a\u0000b'])],
      ] as const) {
        const profile = { ...sampleReferenceProfile(5), rowSample } as unknown as Parameters<
          Store['saveReferenceProfile']
        >[2];
        await expect(store.saveReferenceProfile(model, 'upload', profile, 1), what).rejects.toBeInstanceOf(
          StoreInputError,
        );
      }
      expect(await store.latestReferenceProfile(model)).toBeNull();
    });

    it('keeps retraining jobs newest first with a cursor, and at most one open job per model', async () => {
      const model = freshModel();
      const job = (id: string, status: RetrainingJobStatus, createdAtMs: number): RetrainingJob => ({
        id,
        model,
        status,
        trigger: { kind: 'manual', reason: 'contract test' },
        createdAtMs,
        updatedAtMs: createdAtMs,
        steps: [{ status, atMs: createdAtMs, message: `${status} step` }],
      });
      expect(await store.openRetrainingJob(model)).toBeNull();
      await store.saveRetrainingJob(job('j1', 'deferred', 100));
      expect(await store.openRetrainingJob(model)).toEqual(job('j1', 'deferred', 100));
      await expect(store.saveRetrainingJob(job('j2', 'queued', 150))).rejects.toThrow();
      await store.saveRetrainingJob({ ...job('j1', 'failed', 100), updatedAtMs: 120, error: 'trainer: no rows' });
      expect(await store.openRetrainingJob(model)).toBeNull();
      expect(await store.getRetrainingJob(model, 'j1')).toMatchObject({
        status: 'failed',
        updatedAtMs: 120,
        error: 'trainer: no rows',
      });
      await store.saveRetrainingJob(job('j2', 'training', 200));
      await store.saveRetrainingJob({ ...job('j2', 'promoted', 200), updatedAtMs: 300 });
      await store.saveRetrainingJob(job('j3', 'queued', 400));
      expect((await store.openRetrainingJob(model))?.id).toBe('j3');
      expect((await store.listRetrainingJobs(model, { limit: 10 })).map((j) => [j.id, j.status])).toEqual([
        ['j3', 'queued'],
        ['j2', 'promoted'],
        ['j1', 'failed'],
      ]);
      expect((await store.listRetrainingJobs(model, { limit: 1, beforeId: 'j3' })).map((j) => j.id)).toEqual(['j2']);
      expect(await store.listRetrainingJobs(model, { limit: 10, beforeId: 'no-such-job' })).toEqual([]);
      expect(await store.getRetrainingJob(model, 'no-such-job')).toBeNull();
      expect(await store.getRetrainingJob(freshModel(), 'j1')).toBeNull();
      expect(await store.listRetrainingJobs(freshModel(), { limit: 10 })).toEqual([]);
    });

    it('commits a large batch atomically', async () => {
      const model = freshModel();
      const rows = series(2_000);
      expect(await store.appendPredictions(model, rows)).toEqual({ inserted: 2_000, duplicateIds: [] });
      expect(await store.countPredictions(model)).toEqual({ total: 2_000, labeled: 0 });
    });

    it('counts predictions logged after a sequence (the scheduler event counter)', async () => {
      const [model, other] = [freshModel(), freshModel()];
      expect(await store.countPredictionsAfter(model, 0)).toEqual({ count: 0, lastSequence: null });
      await store.appendPredictions(model, series(3));
      await store.appendPredictions(other, series(2));
      const [first, , third] = await store.latestPredictions(model, 3);
      expect(await store.countPredictionsAfter(model, 0)).toEqual({ count: 3, lastSequence: third.sequence });
      expect(await store.countPredictionsAfter(model, first.sequence)).toEqual({
        count: 2,
        lastSequence: third.sequence,
      });
      expect(await store.countPredictionsAfter(model, third.sequence)).toEqual({ count: 0, lastSequence: null });
    });

    it('refuses U+0000 and lone surrogates in every kind of text alike, writing nothing', async () => {
      const model = freshModel();
      await store.appendPredictions(model, [prediction('known', { model })]);
      for (const bad of ['a\u0000b', 'a\ud800b', '\udc00', 'x\udbff']) {
        const refusals: [string, Promise<unknown>][] = [
          ['prediction id', store.appendPredictions(model, [prediction(bad, { model })])],
          ['model version', store.appendPredictions(model, [prediction('v', { model, modelVersion: bad })])],
          ['feature value', store.appendPredictions(model, [prediction('f', { model, features: { region: bad } })])],
          ['feature name', store.appendPredictions(model, [prediction('k', { model, features: { [bad]: 1 } })])],
          ['predicted class', store.appendPredictions(model, [prediction('c', { model, predictedClass: bad })])],
          ['model name', store.appendPredictions(bad, [prediction('m', { model: bad })])],
          ['label', store.attachLabels(model, [{ predictionId: 'known', label: bad, timestampMs: T0 }])],
          ['label id', store.attachLabels(model, [{ predictionId: bad, label: 1, timestampMs: T0 }])],
          ['definition', store.saveModel(model, { description: bad }, 1)],
          ['alert summary', store.saveAlert(alert(model, { summary: bad }))],
          [
            'delivery error',
            store.recordDelivery({
              alertId: 'a',
              sink: 's',
              event: 'fired',
              attempt: 1,
              outcome: 'failed',
              httpStatus: null,
              error: bad,
              atMs: 1,
            }),
          ],
          ['reference source', store.saveReferenceProfile(model, bad, sampleReferenceProfile(5), 1)],
          [
            'job reason',
            store.saveRetrainingJob({
              id: 'j',
              model,
              status: 'queued',
              trigger: { kind: 'manual', reason: bad },
              createdAtMs: 1,
              updatedAtMs: 1,
              steps: [],
            }),
          ],
          ['lookup id', store.getPrediction(model, bad)],
          ['class filter', store.listPredictions(model, { limit: 10, predictedClass: bad })],
          ['alert lookup', store.getAlert(bad)],
        ];
        for (const [what, refused] of refusals)
          await expect(refused, `${what} ${JSON.stringify(bad)}`).rejects.toBeInstanceOf(StoreInputError);
      }
      expect(await store.countPredictions(model)).toEqual({ total: 1, labeled: 0 });
      expect(await store.getPrediction(model, 'known')).toMatchObject({ label: null });
      expect(await store.getModel(model)).toBeNull();
      expect(await store.openAlert(model, 'data_drift')).toBeNull();
      expect(await store.latestReferenceProfile(model)).toBeNull();
      expect(await store.openRetrainingJob(model)).toBeNull();
    });

    it('keeps well-formed text of every plane (astral characters, combining marks, U+FFFD) exactly', async () => {
      const model = freshModel();
      const text = 'naïve 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 e\u0301 \ufffd \u0001';
      await store.appendPredictions(model, [
        prediction(text, { model, features: { [text]: text }, predictedClass: text }),
      ]);
      await store.attachLabels(model, [{ predictionId: text, label: text, timestampMs: T0 }]);
      expect(await store.getPrediction(model, text)).toMatchObject({
        id: text,
        features: { [text]: text },
        label: text,
      });
    });

    it('accepts prediction and label times in whole milliseconds from 0 to MAX_TIMESTAMP_MS only, alike', async () => {
      const model = freshModel();
      for (const timestampMs of [1.5, -1, MAX_TIMESTAMP_MS + 1, 1e17, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(
          store.appendPredictions(model, [prediction('t', { model, timestampMs })]),
          String(timestampMs),
        ).rejects.toBeInstanceOf(StoreInputError);
      }
      await store.appendPredictions(model, [
        prediction('first', { model, timestampMs: 0 }),
        prediction('last', { model, timestampMs: MAX_TIMESTAMP_MS }),
      ]);
      await expect(
        store.attachLabels(model, [{ predictionId: 'first', label: 1, timestampMs: 0.5 }]),
      ).rejects.toBeInstanceOf(StoreInputError);
      await store.attachLabels(model, [{ predictionId: 'first', label: 1, timestampMs: MAX_TIMESTAMP_MS }]);
      expect(await store.getPrediction(model, 'last')).toMatchObject({ timestampMs: MAX_TIMESTAMP_MS });
      expect(await store.getPrediction(model, 'first')).toMatchObject({
        timestampMs: 0,
        labelTimestampMs: MAX_TIMESTAMP_MS,
      });
      expect((await store.predictionsBetween(model, 0, MAX_TIMESTAMP_MS + 1)).map((p) => p.id)).toEqual([
        'first',
        'last',
      ]);
    });

    it('commits concurrent batches independently: one with a clashing id is refused whole, the others are kept', async () => {
      const model = freshModel();
      await store.appendPredictions(model, series(2));
      const [first, clash, internal, last] = await Promise.all([
        store.appendPredictions(model, series(3, 10)),
        store.appendPredictions(model, [...series(2, 20), prediction('p1')]),
        store.appendPredictions(model, [prediction('z'), prediction('z')]),
        store.appendPredictions(model, series(1, 30)),
      ]);
      expect(first).toEqual({ inserted: 3, duplicateIds: [] });
      expect(clash).toEqual({ inserted: 0, duplicateIds: ['p1'] });
      expect(internal).toEqual({ inserted: 0, duplicateIds: ['z'] });
      expect(last).toEqual({ inserted: 1, duplicateIds: [] });
      expect(await store.countPredictions(model)).toEqual({ total: 6, labeled: 0 });
      expect(await store.getPrediction(model, 'p20')).toBeNull();
    });
  });
}
