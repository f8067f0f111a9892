/**
 * The TrackingStore / ModelRegistry contract: every adapter runs this suite (local: SQLite + files; mlflow: a real
 * MLflow server). Names get a random suffix so the suite can run repeatedly against a long-lived server.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectTrackingError } from '../../../tests/support/ports/expect-tracking-error.js';
import type { TrackingBackend } from '../../ports/tracking-backend.js';
import type { Metric } from '../../ports/tracking-store.js';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Registers the contract tests inside the caller's describe block. */
export function trackingContract(createBackend: () => Promise<TrackingBackend>): void {
  let backend: TrackingBackend;
  let scratch: string;
  beforeAll(async () => {
    backend = await createBackend();
    scratch = await mkdtemp(join(tmpdir(), 'driftguard-tracking-contract-'));
  });
  afterAll(async () => {
    await backend?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function newRun(runName = 'contract-run', startTimeMs = 1_700_000_000_000) {
    const experiment = await backend.tracking.ensureExperiment(unique('contract-exp'));
    const run = await backend.tracking.createRun({
      experimentId: experiment.experimentId,
      runName,
      startTimeMs,
      tags: [{ key: 'purpose', value: 'contract' }],
    });
    return { experiment, run };
  }

  it('creates an experiment once, finds it by name, and restores a deleted one of the same name', async () => {
    const name = unique('contract-exp');
    expect(await backend.tracking.getExperimentByName(name)).toBeNull();
    const created = await backend.tracking.ensureExperiment(name);
    expect(created).toMatchObject({ name, lifecycleStage: 'active' });
    expect((await backend.tracking.ensureExperiment(name)).experimentId).toBe(created.experimentId);
    await backend.tracking.deleteExperiment(created.experimentId);
    expect(await backend.tracking.getExperimentByName(name)).toMatchObject({
      experimentId: created.experimentId,
      lifecycleStage: 'deleted',
    });
    const restored = await backend.tracking.ensureExperiment(name);
    expect(restored).toMatchObject({ experimentId: created.experimentId, lifecycleStage: 'active' });
  });

  it('creates a run, logs params / tags / metric history, and terminates it FINISHED', async () => {
    const { experiment, run } = await newRun('fit-1', 1_700_000_000_000);
    expect(run).toMatchObject({
      experimentId: experiment.experimentId,
      runName: 'fit-1',
      status: 'RUNNING',
      startTimeMs: 1_700_000_000_000,
    });
    await backend.tracking.logBatch(run.runId, {
      params: [
        { key: 'max_depth', value: '4' },
        { key: 'learning_rate', value: '0.1' },
      ],
      tags: [{ key: 'trigger', value: 'drift' }],
      metrics: [
        { key: 'loss', value: 0.9, timestampMs: 1_700_000_000_001, step: 0 },
        { key: 'loss', value: 0.5, timestampMs: 1_700_000_000_002, step: 1 },
        { key: 'loss', value: 0.25, timestampMs: 1_700_000_000_003, step: 2 },
        { key: 'auc', value: 0.875, timestampMs: 1_700_000_000_003, step: 0 },
      ],
    });
    const fetched = await backend.tracking.getRun(run.runId);
    expect(fetched.params).toEqual({ max_depth: '4', learning_rate: '0.1' });
    expect(fetched.tags).toMatchObject({ trigger: 'drift', purpose: 'contract' });
    expect(fetched.metrics).toEqual({ loss: 0.25, auc: 0.875 });
    const history = await backend.tracking.getMetricHistory(run.runId, 'loss');
    expect(history.map((m) => [m.step, m.value, m.timestampMs])).toEqual([
      [0, 0.9, 1_700_000_000_001],
      [1, 0.5, 1_700_000_000_002],
      [2, 0.25, 1_700_000_000_003],
    ]);
    await backend.tracking.terminateRun(run.runId, 'FINISHED', 1_700_000_000_100);
    expect((await backend.tracking.getRun(run.runId)).info).toMatchObject({
      status: 'FINISHED',
      endTimeMs: 1_700_000_000_100,
    });
  });

  it('terminates a run FAILED', async () => {
    const { run } = await newRun();
    await backend.tracking.terminateRun(run.runId, 'FAILED', 1_700_000_000_050);
    expect((await backend.tracking.getRun(run.runId)).info.status).toBe('FAILED');
  });

  it('accepts re-logging a param with the same value and rejects changing it', async () => {
    const { run } = await newRun();
    await backend.tracking.logBatch(run.runId, { params: [{ key: 'seed', value: '7' }] });
    await backend.tracking.logBatch(run.runId, { params: [{ key: 'seed', value: '7' }] });
    await expectTrackingError(
      backend.tracking.logBatch(run.runId, { params: [{ key: 'seed', value: '8' }] }),
      'invalid',
    );
    expect((await backend.tracking.getRun(run.runId)).params.seed).toBe('7');
  });

  it('rejects a non-finite metric and a bad key, naming them', async () => {
    const { run } = await newRun();
    await expectTrackingError(
      backend.tracking.logBatch(run.runId, { metrics: [{ key: 'auc', value: Number.NaN, timestampMs: 1, step: 0 }] }),
      'invalid',
    );
    await expectTrackingError(
      backend.tracking.logBatch(run.runId, { params: [{ key: '../escape', value: 'x' }] }),
      'invalid',
    );
  });

  it('logs batches larger than one request (2500 metrics, 250 params, 150 tags) completely', async () => {
    const { run } = await newRun();
    const metrics: Metric[] = Array.from({ length: 2500 }, (_, i) => ({
      key: i % 2 === 0 ? 'curve_a' : 'curve_b',
      value: i / 7,
      timestampMs: 1_700_000_000_000 + i,
      step: i,
    }));
    const params = Array.from({ length: 250 }, (_, i) => ({ key: `p${String(i).padStart(3, '0')}`, value: `v${i}` }));
    const tags = Array.from({ length: 150 }, (_, i) => ({ key: `t${i}`, value: 'x'.repeat(100) }));
    await backend.tracking.logBatch(run.runId, { metrics, params, tags });
    const fetched = await backend.tracking.getRun(run.runId);
    expect(Object.keys(fetched.params)).toHaveLength(250);
    expect(fetched.params.p249).toBe('v249');
    expect(Object.keys(fetched.tags).filter((k) => /^t\d+$/.test(k))).toHaveLength(150);
    const curveA = await backend.tracking.getMetricHistory(run.runId, 'curve_a');
    expect(curveA).toHaveLength(1250);
    expect(curveA.at(-1)).toMatchObject({ step: 2498, value: 2498 / 7 });
    expect(fetched.metrics.curve_b).toBeCloseTo(2499 / 7, 12);
  });

  it('logs dataset inputs with digests and contexts', async () => {
    const { run } = await newRun();
    await backend.tracking.logInputs(run.runId, [
      {
        name: 'train-window',
        digest: 'a1b2c3d4e5f60718',
        context: 'training',
        sourceType: 'driftguard',
        source: '{"from":1,"to":2}',
        profile: '{"num_rows": 800}',
      },
      {
        name: 'test-window',
        digest: '0f0e0d0c0b0a0908',
        context: 'test',
        sourceType: 'driftguard',
        source: '{"from":3,"to":4}',
      },
    ]);
    const inputs = (await backend.tracking.getRun(run.runId)).inputs;
    expect(inputs.map((d) => [d.name, d.digest, d.context]).sort()).toEqual([
      ['test-window', '0f0e0d0c0b0a0908', 'test'],
      ['train-window', 'a1b2c3d4e5f60718', 'training'],
    ]);
    await expectTrackingError(
      backend.tracking.logInputs(run.runId, [
        { name: 'x', digest: 'f'.repeat(64), context: 'training', sourceType: 's', source: 's' },
      ]),
      'invalid',
    );
  });

  it('searches runs of an experiment, newest first, with a filter', async () => {
    const experiment = await backend.tracking.ensureExperiment(unique('contract-search'));
    for (const [i, auc] of [0.7, 0.9, 0.8].entries()) {
      const run = await backend.tracking.createRun({
        experimentId: experiment.experimentId,
        runName: `r${i}`,
        startTimeMs: 1_700_000_000_000 + i * 1000,
      });
      await backend.tracking.logBatch(run.runId, {
        metrics: [{ key: 'auc', value: auc, timestampMs: 1_700_000_000_000, step: 0 }],
        tags: [{ key: 'trigger', value: i === 0 ? 'manual' : 'drift' }],
      });
    }
    const all = await backend.tracking.searchRuns([experiment.experimentId]);
    expect(all.map((r) => r.info.runName)).toEqual(['r2', 'r1', 'r0']);
    const good = await backend.tracking.searchRuns([experiment.experimentId], {
      filter: "metrics.auc > 0.75 and tags.trigger = 'drift'",
    });
    expect(good.map((r) => r.info.runName).sort()).toEqual(['r1', 'r2']);
    expect(await backend.tracking.searchRuns([experiment.experimentId], { maxResults: 1 })).toHaveLength(1);
  });

  it('reports a missing run as not_found', async () => {
    await expectTrackingError(backend.tracking.getRun('0123456789abcdef0123456789abcdef'), 'not_found');
  });

  it('uploads, lists, reads and downloads artifacts (bytes intact), and rejects paths that escape', async () => {
    const { run } = await newRun();
    const binary = new Uint8Array(randomBytes(3000));
    await backend.tracking.logArtifacts(
      run.runId,
      [
        { path: 'MLmodel', content: 'flavors: {}\n' },
        { path: 'model.onnx', content: binary },
        { path: 'extra/report.json', content: '{"ok":true}' },
      ],
      'model',
    );
    const localDir = join(scratch, unique('upload'));
    await mkdir(join(localDir, 'nested'), { recursive: true });
    await writeFile(join(localDir, 'a.txt'), 'alpha');
    await writeFile(join(localDir, 'nested', 'b.txt'), 'beta');
    await backend.tracking.logArtifactPath(run.runId, localDir, 'reports');
    await backend.tracking.logArtifactPath(run.runId, join(localDir, 'a.txt'));

    expect(await backend.tracking.listArtifacts(run.runId)).toEqual([
      { path: 'a.txt', isDir: false, fileSizeBytes: 5 },
      { path: 'model', isDir: true, fileSizeBytes: null },
      { path: 'reports', isDir: true, fileSizeBytes: null },
    ]);
    expect(await backend.tracking.listArtifacts(run.runId, 'model')).toEqual([
      { path: 'model/MLmodel', isDir: false, fileSizeBytes: 12 },
      { path: 'model/extra', isDir: true, fileSizeBytes: null },
      { path: 'model/model.onnx', isDir: false, fileSizeBytes: 3000 },
    ]);
    expect(await backend.tracking.readArtifact(run.runId, 'model/model.onnx')).toEqual(binary);
    expect(new TextDecoder().decode(await backend.tracking.readArtifact(run.runId, 'reports/nested/b.txt'))).toBe(
      'beta',
    );

    const downloaded = await backend.tracking.downloadArtifacts(run.runId, 'model', join(scratch, unique('download')));
    expect(new Uint8Array(await readFile(join(downloaded, 'model.onnx')))).toEqual(binary);
    expect(await readFile(join(downloaded, 'extra', 'report.json'), 'utf8')).toBe('{"ok":true}');
    const single = await backend.tracking.downloadArtifacts(
      run.runId,
      'reports/nested/b.txt',
      join(scratch, unique('download-file')),
    );
    expect(await readFile(single, 'utf8')).toBe('beta');

    await expectTrackingError(backend.tracking.readArtifact(run.runId, 'model/missing.bin'), 'not_found');
    await expectTrackingError(
      backend.tracking.logArtifacts(run.runId, [{ path: '../escape.txt', content: 'x' }]),
      'invalid',
    );
    expect(await backend.tracking.listArtifacts(run.runId, 'no-such-dir')).toEqual([]);
  });

  it("downloads a version's model directory from its source (the run's artifact URI), refusing unknown versions and unreachable sources", async () => {
    const { run } = await newRun();
    const onnx = new Uint8Array(randomBytes(500));
    await backend.tracking.logArtifacts(
      run.runId,
      [
        { path: 'MLmodel', content: 'flavors: {}\n' },
        { path: 'model.onnx', content: onnx },
        { path: 'sub/x.json', content: '{}' },
      ],
      'model',
    );
    const name = unique('contract-download');
    await backend.registry.ensureRegisteredModel(name);
    const v1 = await backend.registry.createModelVersion({
      name,
      source: `${run.artifactUri}/model`,
      runId: run.runId,
    });
    const dir = join(scratch, unique('version'));
    expect(await backend.registry.downloadModelVersion(name, v1.version, dir)).toBe(dir);
    expect(new Uint8Array(await readFile(join(dir, 'model.onnx')))).toEqual(onnx);
    expect(await readFile(join(dir, 'MLmodel'), 'utf8')).toBe('flavors: {}\n');
    expect(await readFile(join(dir, 'sub', 'x.json'), 'utf8')).toBe('{}');
    await expectTrackingError(
      backend.registry.downloadModelVersion(name, '99', join(scratch, unique('none'))),
      'not_found',
    );
    const elsewhere = await backend.registry.createModelVersion({
      name,
      source: 's3://bucket/elsewhere',
      runId: run.runId,
    });
    await expectTrackingError(
      backend.registry.downloadModelVersion(name, elsewhere.version, join(scratch, unique('elsewhere'))),
      'invalid',
    );
  });

  it('registers models and versions, tags versions, and sets / gets / deletes aliases', async () => {
    const name = unique('contract-model');
    const { run } = await newRun();
    const model = await backend.registry.ensureRegisteredModel(name);
    expect(model).toMatchObject({ name, aliases: {} });
    expect((await backend.registry.ensureRegisteredModel(name)).name).toBe(name);
    const source = `${run.artifactUri}/model`;
    const v1 = await backend.registry.createModelVersion({
      name,
      source,
      runId: run.runId,
      tags: [{ key: 'trigger', value: 'initial' }],
    });
    const v2 = await backend.registry.createModelVersion({ name, source, runId: run.runId });
    expect([v1.version, v2.version]).toEqual(['1', '2']);
    expect(v1).toMatchObject({ name, source, runId: run.runId, tags: { trigger: 'initial' } });
    await backend.registry.setModelVersionTag(name, '2', 'drift_share', '0.4');
    expect((await backend.registry.getModelVersion(name, '2'))?.tags).toEqual({ drift_share: '0.4' });
    expect(await backend.registry.getModelVersion(name, '99')).toBeNull();

    expect(await backend.registry.getVersionByAlias(name, 'champion')).toBeNull();
    await backend.registry.setAlias(name, 'champion', '1');
    await backend.registry.setAlias(name, 'challenger', '2');
    expect((await backend.registry.getVersionByAlias(name, 'champion'))?.version).toBe('1');
    expect((await backend.registry.getRegisteredModel(name))?.aliases).toEqual({ champion: '1', challenger: '2' });
    const versions = await backend.registry.listModelVersions(name);
    expect(versions.map((v) => [v.version, v.aliases])).toEqual([
      ['2', ['challenger']],
      ['1', ['champion']],
    ]);
    await backend.registry.deleteAlias(name, 'challenger');
    await backend.registry.deleteAlias(name, 'challenger');
    expect(await backend.registry.getVersionByAlias(name, 'challenger')).toBeNull();
    await expectTrackingError(backend.registry.setAlias(name, 'latest', '1'), 'invalid');
    await expectTrackingError(backend.registry.setAlias(name, 'champion', '42'), ['not_found', 'invalid']);
    expect((await backend.registry.listRegisteredModels()).some((m) => m.name === name)).toBe(true);
    expect(await backend.registry.getRegisteredModel(unique('absent'))).toBeNull();
  });
}
