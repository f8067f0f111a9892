/**
 * Retraining with the user's own pipeline behind the trainer port (an in-process pipeline that trains on the Parquet
 * file it is handed and registers an ONNX version tagged with the job id), on a real store, registry and onnxruntime:
 * the rows handed over never include the held-out test rows, the challenger is judged by driftguard through the
 * serving path, tracked, promoted and served, and its training rows become the reference; a failing pipeline or a
 * version that predicts other classes fails the job with the cause, promoting nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessTrainer, type InProcessTrainer } from '../../../tests/support/services/in-process-trainer.js';
import { createRetrainingHarness, loanRows } from '../../../tests/support/services/retraining-fixture.js';
import { requireCells } from '../../domain/data-table.js';
import { CHAMPION_ALIAS } from '../../ports/model-registry.js';
import { REFERENCE_RUN_TAG } from '../serving/serving-models.js';
import { CHALLENGER_ALIAS } from './track-challenger.js';

type Harness = Awaited<ReturnType<typeof createRetrainingHarness>>;

const retraining = {
  minLabeledRows: 400,
  minPerClass: 40,
  horizonRows: 800,
  persistWindows: 2,
  trainer: { type: 'webhook' as const, url: 'http://127.0.0.1:9/stands-for-the-test-pipeline' },
};

describe('retraining with the user pipeline (trainer port)', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function driftWithLabels(harness: Harness): Promise<void> {
    const rows = loanRows(800, 7, 'after');
    const ids = await harness.log(rows);
    await harness.label(ids, rows);
    await harness.addReports(2, 'high');
  }

  async function start(behaviour: 'register' | 'fail' | 'relabel') {
    // the pipeline registers into the harness's registry, which exists once the harness does
    const pipeline: { trainer?: InProcessTrainer } = {};
    h = await createRetrainingHarness({ retraining, trainerFor: () => pipeline.trainer as InProcessTrainer });
    const trainer = createInProcessTrainer(h.backend, behaviour);
    pipeline.trainer = trainer;
    // the user's graphs carry no class names: the definition says them (serving.classLabels)
    const { definition } = await h.models.get(h.name);
    await h.models.replace({ ...definition, serving: { type: 'registry', classLabels: ['no', 'yes'] } });
    await driftWithLabels(h);
    return trainer;
  }

  it('hands over the training rows only, judges the registered version through serving, promotes it and takes its training rows as the reference', async () => {
    const trainer = await start('register');
    await h.runner.runOnce();
    const [job] = await h.store.listRetrainingJobs(h.name, { limit: 1 });
    expect(job.status, JSON.stringify(job.steps, null, 1)).toBe('promoted');
    expect(job.steps.map((s) => s.status)).toEqual(['queued', 'training', 'evaluating', 'tracking', 'promoted']);
    expect(job.steps[1].message).toMatch(
      /^handing the labelled rows to in-process test pipeline \(champion version 1, driftguard\)/,
    );
    expect(job.steps[2].message).toMatch(/the test pipeline registered version 2; trained on \d+ rows/);
    expect(job.steps[2].message).toContain('output (last lines):\ntrained on');

    // what the pipeline was handed: features, the label and timestamp; train + validation, never the test rows
    const [{ job: handed, train, validation }] = trainer.seen;
    expect(train.columnNames).toEqual(['x1', 'x2', 'region', 'label', 'timestamp']);
    expect(handed.features).toEqual(['x1', 'x2', 'region']);
    expect(train.rowCount).toBe(job.data!.trainRows);
    expect(validation.rowCount).toBe(job.data!.validationRows);
    // trainOn `best`: an external trainer runs once, on the smallest horizon (since the drift began, ≥ minLabeledRows)
    expect(job.data!.trainRows + job.data!.validationRows + job.data!.testRows).toBe(400);
    const logged = await h.store.latestLabeledPredictions(h.name, 800);
    const key = (x1: unknown, x2: unknown, region: unknown) => `${x1}|${x2}|${region}`;
    const held = new Set(
      logged.slice(-job.data!.testRows).map((r) => key(r.features.x1, r.features.x2, r.features.region)),
    );
    const handedRows = [train, validation].flatMap((t) =>
      Array.from({ length: t.rowCount }, (_, i) =>
        key(requireCells(t, 'x1')[i], requireCells(t, 'x2')[i], requireCells(t, 'region')[i]),
      ),
    );
    expect(handedRows.filter((k) => held.has(k))).toEqual([]);
    expect(
      handedRows.every((k) => logged.some((r) => key(r.features.x1, r.features.x2, r.features.region) === k)),
    ).toBe(true);
    // (the Parquet reader gives timestamps as ISO strings)
    expect(requireCells(train, 'timestamp').every((t) => Number.isFinite(Date.parse(String(t))))).toBe(true);

    // judged by driftguard on the same held-out rows, then the version is tagged, aliased, promoted and served
    expect(job.metrics!.challenger.test.accuracy).toBeGreaterThan(job.metrics!.champion!.test.accuracy + 0.1);
    expect(job.tracking?.registeredVersion).toBe('2');
    const registry = h.backend.registry;
    const v2 = (await registry.getModelVersion(h.name, '2'))!;
    expect(v2.tags).toMatchObject({
      'driftguard.job_id': job.id,
      'driftguard.retraining_job': job.id,
      'driftguard.decision': 'promote',
      [REFERENCE_RUN_TAG]: job.tracking!.runId,
    });
    expect((await registry.getVersionByAlias(h.name, CHAMPION_ALIAS))?.version).toBe('2');
    expect((await registry.getVersionByAlias(h.name, CHALLENGER_ALIAS))?.version).toBe('2');
    expect(h.serving.get(h.name)).toMatchObject({ version: '2', model: { flavor: 'onnx', positiveClass: 'yes' } });

    // the job's run holds the handed rows, the trainer's output, the decision and the new reference
    const run = await h.backend.tracking.getRun(job.tracking!.runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.tags['driftguard.decision']).toBe('promote');
    expect(run.metrics['test.accuracy']).toBeCloseTo(job.metrics!.challenger.test.accuracy, 12);
    const artifacts = async (path: string) =>
      (await h.backend.tracking.listArtifacts(job.tracking!.runId, path)).map((a) => a.path).sort();
    expect(await artifacts('data')).toEqual(['data/train.parquet', 'data/validation.parquet']);
    expect(await artifacts('trainer')).toEqual(['trainer/output.log']);
    const reference = await h.store.latestReferenceProfile(h.name);
    expect(reference?.source).toMatch(/^champion version 2 \(promote: /);
    expect(reference?.profile.rowCount).toBe(job.data!.trainRows);
    // performance estimation is fitted on the held-out rows' scores, as for a challenger driftguard trains
    expect(reference?.profile.estimationSample?.usableRows).toBe(job.data!.testRows);
  });

  it('fails the job with the cause and the tail of the output when the pipeline fails; nothing moves', async () => {
    await start('fail');
    await h.runner.runOnce();
    const [job] = await h.store.listRetrainingJobs(h.name, { limit: 1 });
    expect(job.status).toBe('failed');
    expect(job.error).toBe('the pipeline failed: exit code 1; last output:\nTraceback …\nValueError: bad input');
    expect((await h.backend.registry.getVersionByAlias(h.name, CHAMPION_ALIAS))?.version).toBe('1');
    expect(h.serving.get(h.name)?.version).toBe('1');
    const run = await h.backend.tracking.getRun(job.tracking!.runId);
    expect(run.info.status).toBe('FAILED');
    expect(run.tags['driftguard.error']).toContain('the pipeline failed');
  });

  it('fails the job when the registered version predicts other classes than the champion', async () => {
    await start('relabel');
    await h.runner.runOnce();
    const [job] = await h.store.listRetrainingJobs(h.name, { limit: 1 });
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^version 2 predicts the classes \["non","oui"\], the champion \["no","yes"\]/);
    expect(await h.backend.registry.getVersionByAlias(h.name, CHALLENGER_ALIAS)).toBeNull();
    expect(h.serving.get(h.name)?.version).toBe('1');
  });
});
