import { afterEach, describe, expect, it } from 'vitest';
import { describeWithComponent } from '../../../tests/support/components/describe-with-component.js';
import { mlflowServer, mlflowTrackingUri } from '../../../tests/support/components/mlflow-server.js';
import { sampleReport } from '../../../tests/support/drift/sample-report.js';
import { createRetrainingHarness, loanRows } from '../../../tests/support/services/retraining-fixture.js';
import { createRetrainingJob } from '../../domain/retraining-job.js';
import { CHAMPION_ALIAS } from '../../ports/model-registry.js';
import type { TrackingBackend } from '../../ports/tracking-backend.js';
import { TrackingError } from '../../ports/tracking-error.js';
import { CHALLENGER_ALIAS } from './track-challenger.js';

type Harness = Awaited<ReturnType<typeof createRetrainingHarness>>;

const policy = { minLabeledRows: 400, minPerClass: 40, horizonRows: 800, persistWindows: 2 };

describe('retraining runner', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('defers a drift-triggered job with the exact reason, re-evaluates it as labels arrive, then trains, tracks and promotes', async () => {
    h = await createRetrainingHarness({ retraining: policy });
    const rows = loanRows(800, 7, 'after');
    const ids = await h.log(rows);
    await h.addReports(1, 'high');
    await h.runner.runOnce();
    expect(await h.store.openRetrainingJob(h.name)).toBeNull(); // 1 of 2 high windows: no trigger yet
    await h.addReports(1, 'high');
    await h.runner.runOnce();
    const deferred = (await h.store.openRetrainingJob(h.name))!;
    expect(deferred).toMatchObject({
      status: 'deferred',
      trigger: { kind: 'drift', severity: 'high', driftShare: 0.67 },
    });
    expect(deferred.deferral).toMatchObject({
      reason: '0 of 400 labelled rows; class no has 0 of 40; class yes has 0 of 40',
      labeledRows: 0,
      labelCoverage: 0,
    });

    await h.label(ids.slice(0, 100), rows.slice(0, 100));
    await h.runner.runOnce();
    const still = (await h.store.getRetrainingJob(h.name, deferred.id))!;
    expect(still.status).toBe('deferred');
    const labelled = rows.slice(0, 100);
    const unmet = [
      '100 of 400 labelled rows',
      ...(['no', 'yes'] as const)
        .map((c) => [c, labelled.filter((r) => r.label === c).length] as const)
        .filter(([, n]) => n < 40)
        .map(([c, n]) => `class ${c} has ${n} of 40`),
    ];
    expect(still.deferral?.reason).toBe(unmet.join('; '));
    expect(still.deferral?.labelCoverage).toBeCloseTo(100 / 800, 6);

    await h.label(ids, rows);
    await h.runner.runOnce();
    const done = (await h.store.getRetrainingJob(h.name, deferred.id))!;
    expect(done.status, JSON.stringify(done.steps)).toBe('promoted');
    expect(h.statuses(deferred.id)).toEqual([
      'deferred',
      'deferred',
      'queued',
      'training',
      'evaluating',
      'tracking',
      'promoted',
    ]);
    expect(done.data!.trainRows + done.data!.validationRows + done.data!.testRows).toBe(800);
    expect(done.data!.testRows).toBeGreaterThan(0);
    expect(done.metrics!.challenger.test.accuracy).toBeGreaterThan(done.metrics!.champion!.test.accuracy + 0.1);
    expect(done.decision?.promote).toBe(true);
    const version = done.tracking!.registeredVersion!;
    expect(version).toBe('2');

    const registry = h.backend.registry;
    expect((await registry.getVersionByAlias(h.name, CHAMPION_ALIAS))?.version).toBe('2');
    expect((await registry.getVersionByAlias(h.name, CHALLENGER_ALIAS))?.version).toBe('2');
    expect(h.serving.get(h.name)?.version).toBe('2');
    const reference = (await h.store.latestReferenceProfile(h.name))!;
    expect(reference.source).toMatch(/^champion version 2 \(promote: retraining job /);
    // The new champion's reference declares the logged label / prediction / score and its performance on the job's test rows.
    const profile = reference.profile as {
      schema: { target: { name: string }; prediction: { name: string } };
      performance: { labelledCount: number; accuracy: number };
    };
    expect([profile.schema.target.name, profile.schema.prediction.name]).toEqual(['__label', '__prediction']);
    expect(profile.performance.labelledCount).toBe(done.data!.testRows);
    expect(profile.performance.accuracy).toBeCloseTo(done.metrics!.challenger.test.accuracy, 12);
    expect(h.events.find((e) => e.type === 'model')?.data).toMatchObject({
      event: 'champion_changed',
      fromVersion: '1',
      toVersion: '2',
    });

    const run = await h.backend.tracking.getRun(done.tracking!.runId);
    expect(run.params).toMatchObject({
      trainer: 'logistic',
      trigger: 'drift',
      drift_share: '0.67',
      rows_train: String(done.data!.trainRows),
    });
    expect(Object.keys(run.metrics)).toEqual(
      expect.arrayContaining(['validation.accuracy', 'test.accuracy', 'champion.test.accuracy', 'test.rocAuc']),
    );
    const artifacts = (await h.backend.tracking.listArtifacts(done.tracking!.runId, 'reports')).map((a) => a.path);
    expect(artifacts).toEqual(expect.arrayContaining(['reports/evaluation-report.json', 'reports/drift-report.json']));
    expect((await h.backend.tracking.listArtifacts(done.tracking!.runId, 'model')).map((a) => a.path)).toEqual(
      expect.arrayContaining(['model/MLmodel', 'model/reference-profile.json']),
    );

    // The windows that fired are used up: another pass opens nothing.
    await h.runner.runOnce();
    expect(await h.store.openRetrainingJob(h.name)).toBeNull();
  });

  it('rejects a challenger that is not better enough, keeps the champion and records why (version registered as challenger)', async () => {
    h = await createRetrainingHarness({ retraining: { ...policy, promotion: { margin: 0.2 } } });
    const rows = loanRows(800, 8, 'before');
    await h.label(await h.log(rows), rows);
    await h.addReports(2, 'high');
    await h.runner.runOnce();
    const job = (await h.store.listRetrainingJobs(h.name, { limit: 1 }))[0];
    expect(job.status, JSON.stringify(job.steps)).toBe('rejected');
    expect(job.decision?.promote).toBe(false);
    expect(job.decision?.reason).not.toBe('');
    expect(job.steps.at(-1)?.message).toMatch(/^rejected version 2 \(kept champion 1\)/);
    expect((await h.backend.registry.getVersionByAlias(h.name, CHAMPION_ALIAS))?.version).toBe('1');
    expect((await h.backend.registry.getVersionByAlias(h.name, CHALLENGER_ALIAS))?.version).toBe('2');
    expect(h.serving.get(h.name)?.version).toBe('1');
    expect(h.events.some((e) => e.type === 'model')).toBe(false);
  });

  it('fails the job on a tracking outage with nothing registered or promoted, and retries when the trigger fires again', async () => {
    let outage = true;
    h = await createRetrainingHarness({
      retraining: policy,
      runnerBackend: (backend): TrackingBackend => ({
        ...backend,
        tracking: new Proxy(backend.tracking, {
          get(target, key, receiver) {
            if (key === 'logArtifacts' && outage)
              return async () =>
                Promise.reject(
                  new TrackingError('MLflow unreachable: connect ECONNREFUSED', {
                    kind: 'unavailable',
                    operation: 'logArtifacts',
                  }),
                );
            const value = Reflect.get(target, key, receiver) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
      }),
    });
    const rows = loanRows(800, 9, 'after');
    await h.label(await h.log(rows), rows);
    await h.addReports(2, 'high');
    await h.runner.runOnce();
    const failed = (await h.store.listRetrainingJobs(h.name, { limit: 1 }))[0];
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('MLflow unreachable: connect ECONNREFUSED');
    expect(h.statuses(failed.id)).toEqual(['queued', 'training', 'evaluating', 'tracking', 'failed']);
    expect((await h.backend.registry.listModelVersions(h.name)).map((v) => v.version)).toEqual(['1']);
    expect(await h.backend.registry.getVersionByAlias(h.name, CHALLENGER_ALIAS)).toBeNull();
    expect(h.serving.get(h.name)?.version).toBe('1');
    const runs = await h.backend.tracking.searchRuns([
      (await h.backend.tracking.getExperimentByName(`${h.name}-retraining`))!.experimentId,
    ]);
    expect(runs.map((r) => r.info.status)).toEqual(['FAILED']);

    outage = false;
    await h.addReports(2, 'high');
    await h.runner.runOnce();
    expect((await h.store.listRetrainingJobs(h.name, { limit: 1 }))[0].id).toBe(failed.id); // cooldownWindows: 2 of 3
    await h.addReports(1, 'high');
    await h.runner.runOnce();
    const retried = (await h.store.listRetrainingJobs(h.name, { limit: 1 }))[0];
    expect(retried.id).not.toBe(failed.id);
    expect(retried.status).toBe('promoted');
  });

  it('fails the job with the trainer error when the labels do not fit the model (a third class)', async () => {
    h = await createRetrainingHarness({ retraining: policy });
    const rows = loanRows(800, 10, 'after');
    const ids = await h.log(rows);
    await h.store.attachLabels(
      h.name,
      ids.map((id, i) => ({
        predictionId: id,
        label: i % 5 === 0 ? 'maybe' : rows[i].label,
        timestampMs: h.clock.nowMs(),
      })),
    );
    const job = await h.jobs.trigger(h.name, 'operator', 'ops');
    expect(job.status).toBe('queued');
    await h.runner.runOnce();
    const failed = (await h.store.getRetrainingJob(h.name, job.id))!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/maybe/);
    expect((await h.backend.registry.listModelVersions(h.name)).length).toBe(1);
  });

  it('fails a job that runs past maxTrainingMs', async () => {
    h = await createRetrainingHarness({ retraining: { ...policy, maxTrainingMs: 1 } });
    const rows = loanRows(800, 11, 'after');
    await h.label(await h.log(rows), rows);
    const job = await h.jobs.trigger(h.name, undefined, 'ops');
    const nowMs = h.clock.nowMs;
    h.clock.nowMs = () => (h.clock.advance(5), nowMs());
    await h.runner.runOnce();
    const failed = (await h.store.getRetrainingJob(h.name, job.id))!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^out of time/);
    expect((await h.backend.registry.listModelVersions(h.name)).length).toBe(1);
  });

  it('after a restart fails a job left in flight and resumes a queued one', async () => {
    h = await createRetrainingHarness({ retraining: policy });
    const rows = loanRows(800, 12, 'after');
    await h.label(await h.log(rows), rows);
    const orphan = {
      ...createRetrainingJob({
        id: 'orphan',
        model: h.name,
        trigger: { kind: 'manual', reason: 'before the crash' },
        nowMs: h.clock.nowMs(),
      }),
      status: 'training' as const,
    };
    await h.store.saveRetrainingJob(orphan);
    const restarted = h.makeRunner('replica-2');
    await restarted.runOnce();
    const recovered = (await h.store.getRetrainingJob(h.name, 'orphan'))!;
    expect(recovered).toMatchObject({ status: 'failed', error: 'interrupted by restart' });
    expect(await h.store.openRetrainingJob(h.name)).toBeNull();

    const queued = createRetrainingJob({
      id: 'queued-before-restart',
      model: h.name,
      trigger: { kind: 'manual', reason: 'before the crash' },
      nowMs: h.clock.nowMs(),
    });
    await h.store.saveRetrainingJob(queued);
    const third = h.makeRunner('replica-3');
    await third.runOnce();
    expect((await h.store.getRetrainingJob(h.name, 'queued-before-restart'))?.status).toBe('queued'); // replica-2 still holds the lease
    h.clock.advance(61_000);
    await third.runOnce();
    expect((await h.store.getRetrainingJob(h.name, 'queued-before-restart'))?.status).toBe('promoted');
  });

  it('opens no automatic job for a model without a champion in the registry (its predictions are made elsewhere)', async () => {
    h = await createRetrainingHarness({ retraining: policy });
    await h.models.replace({ ...(await h.models.get(h.name)).definition, name: 'scored-elsewhere' });
    await h.store.saveDriftReport(
      {
        model: 'scored-elsewhere',
        windowStartMs: 0,
        windowEndMs: 1,
        createdAtMs: h.clock.nowMs() + 1,
        severity: 'high',
        driftShare: 1,
      },
      sampleReport([], { severity: 'high', driftShare: 1 }),
    );
    await h.store.saveDriftReport(
      {
        model: 'scored-elsewhere',
        windowStartMs: 1,
        windowEndMs: 2,
        createdAtMs: h.clock.nowMs() + 2,
        severity: 'high',
        driftShare: 1,
      },
      sampleReport([], { severity: 'high', driftShare: 1 }),
    );
    await h.runner.runOnce();
    expect(await h.store.listRetrainingJobs('scored-elsewhere', { limit: 10 })).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('holds automatic triggers during the cooldown, and rolls the champion, serving and reference back with the reason', async () => {
    h = await createRetrainingHarness({ retraining: { ...policy, cooldownMs: 3_600_000 } });
    const rows = loanRows(800, 13, 'after');
    await h.label(await h.log(rows), rows);
    await h.addReports(2, 'high');
    await h.runner.runOnce();
    expect((await h.store.listRetrainingJobs(h.name, { limit: 1 }))[0].status).toBe('promoted');
    await h.addReports(2, 'high');
    await h.runner.runOnce();
    expect(await h.store.listRetrainingJobs(h.name, { limit: 10 })).toHaveLength(1);

    const change = await h.champions.rollback(h.name, { by: 'ops', reason: 'complaints from the loan desk' });
    expect(change).toEqual({ fromVersion: '2', toVersion: '1', changed: true });
    expect(h.serving.get(h.name)?.version).toBe('1');
    expect((await h.store.latestReferenceProfile(h.name))?.source).toBe(
      'champion version 1 (rollback: complaints from the loan desk)',
    );
    expect((await h.backend.registry.getModelVersion(h.name, '2'))?.tags['driftguard.rollback_reason']).toBe(
      'complaints from the loan desk',
    );
    expect(h.events.filter((e) => e.type === 'model').at(-1)?.data).toMatchObject({
      action: 'rollback',
      fromVersion: '2',
      toVersion: '1',
    });
    expect(h.errors).toEqual([]);
  });
});

describeWithComponent('retraining runner on a real MLflow server', mlflowServer, () => {
  it('registers the challenger, moves the champion alias, and rolls it back in MLflow', async () => {
    const h = await createRetrainingHarness({
      retraining: policy,
      trackingUri: mlflowTrackingUri,
      name: `runner-${Date.now().toString(36)}`,
    });
    try {
      const rows = loanRows(800, 14, 'after');
      await h.label(await h.log(rows), rows);
      await h.addReports(2, 'high');
      await h.runner.runOnce();
      const job = (await h.store.listRetrainingJobs(h.name, { limit: 1 }))[0];
      expect(job.status, JSON.stringify(job.steps)).toBe('promoted');
      const run = await h.backend.tracking.getRun(job.tracking!.runId);
      expect(run.info.status).toBe('FINISHED');
      expect(run.params.trigger).toBe('drift');
      expect((await h.backend.registry.getVersionByAlias(h.name, CHAMPION_ALIAS))?.version).toBe(
        job.tracking!.registeredVersion,
      );
      await h.champions.rollback(h.name, { by: 'ops', reason: 'test rollback' });
      expect((await h.backend.registry.getVersionByAlias(h.name, CHAMPION_ALIAS))?.version).toBe(h.championVersion);
      expect(h.serving.get(h.name)?.version).toBe(h.championVersion);
    } finally {
      await h.close();
    }
  });
});
