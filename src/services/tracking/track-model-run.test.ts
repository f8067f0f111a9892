/** Logging a training run and registering its model, on both tracking backends (the local store and a real MLflow server). */
import { expect, it } from 'vitest';
import { expectTrackingError } from '../../../tests/support/ports/expect-tracking-error.js';
import { eachTrackingBackend, uniqueName as unique } from '../../../tests/support/services/each-tracking-backend.js';
import { trackModelRun } from './track-model-run.js';

eachTrackingBackend('trackModelRun', (current) => {
  it('trackModelRun logs, uploads, then registers and sets the alias', async () => {
    const backend = current();
    const modelName = unique('contract-tracked');
    let clock = 1_700_000_000_000;
    const tracked = await trackModelRun({
      tracking: backend.tracking,
      registry: backend.registry,
      experimentName: unique('contract-train'),
      runName: 'retrain',
      nowMs: () => (clock += 10),
      params: { trainer: 'logistic', l2: 0.5 },
      metrics: { auc: 0.81 },
      tags: { trigger: 'drift' },
      datasets: [
        { name: 'train', digest: 'abcdef0123456789', context: 'training', sourceType: 'driftguard', source: '{}' },
      ],
      modelFiles: [
        { path: 'MLmodel', content: 'x' },
        { path: 'model.onnx', content: new Uint8Array([1, 2, 3]) },
      ],
      extraArtifacts: [{ path: 'reports/evaluation.json', content: '{}' }],
      register: { modelName, versionTags: { trigger: 'drift' }, alias: 'champion', by: 'tester', reason: 'contract' },
    });
    expect(tracked.version).toMatchObject({
      version: '1',
      runId: tracked.runId,
      source: tracked.modelSource,
      aliases: ['champion'],
    });
    expect(tracked.modelSource).toBe(`${tracked.artifactUri}/model`);
    const run = await backend.tracking.getRun(tracked.runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.params).toEqual({ trainer: 'logistic', l2: '0.5' });
    expect(run.tags['driftguard.registered_version']).toBe(`${modelName}/1`);
    expect((await backend.tracking.listArtifacts(tracked.runId, 'model')).map((a) => a.path)).toEqual([
      'model/MLmodel',
      'model/model.onnx',
    ]);
  });

  it('trackModelRun marks the run FAILED and registers nothing when an upload fails', async () => {
    const backend = current();
    const modelName = unique('contract-failed');
    const experimentName = unique('contract-train-fail');
    await expectTrackingError(
      trackModelRun({
        tracking: backend.tracking,
        registry: backend.registry,
        experimentName,
        runName: 'broken',
        modelFiles: [
          { path: 'MLmodel', content: 'x' },
          { path: '../outside.onnx', content: 'y' },
        ],
        register: { modelName, alias: 'champion' },
      }),
      'invalid',
    );
    const experiment = await backend.tracking.getExperimentByName(experimentName);
    const [run] = await backend.tracking.searchRuns([experiment!.experimentId]);
    expect(run.info.status).toBe('FAILED');
    expect(run.tags['driftguard.error']).toMatch(/outside\.onnx/);
    expect(await backend.registry.getRegisteredModel(modelName)).toBeNull();
  });
});
