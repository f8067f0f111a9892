/** Promotion and rollback of registry aliases on both tracking backends (the local store and a real MLflow server). */
import { expect, it } from 'vitest';
import { expectTrackingError } from '../../../tests/support/ports/expect-tracking-error.js';
import { eachTrackingBackend, uniqueName as unique } from '../../../tests/support/services/each-tracking-backend.js';
import { listAliasEvents, promoteVersion, rollbackAlias } from './alias-moves.js';

eachTrackingBackend('alias moves', (current) => {
  async function newRun() {
    const backend = current();
    const experiment = await backend.tracking.ensureExperiment(unique('alias-exp'));
    const run = await backend.tracking.createRun({
      experimentId: experiment.experimentId,
      runName: 'alias-run',
      startTimeMs: 1_700_000_000_000,
    });
    return { run };
  }

  it('promotes and rolls back champion through the recorded history, with who / why', async () => {
    const backend = current();
    const name = unique('contract-rollback');
    const { run } = await newRun();
    await backend.registry.ensureRegisteredModel(name);
    for (let i = 0; i < 3; i++)
      await backend.registry.createModelVersion({ name, source: `${run.artifactUri}/model`, runId: run.runId });
    await promoteVersion(backend.registry, name, '1', { by: 'alice', reason: 'first model', atMs: 1_000 });
    await promoteVersion(backend.registry, name, '2', { by: 'retrainer', reason: 'drift on income', atMs: 2_000 });
    expect(
      await promoteVersion(backend.registry, name, '2', { by: 'retrainer', reason: 'again', atMs: 2_500 }),
    ).toMatchObject({ changed: false });
    await promoteVersion(backend.registry, name, '3', { by: 'retrainer', reason: 'drift on age', atMs: 3_000 });
    expect(
      await rollbackAlias(backend.registry, name, { by: 'bob', reason: 'v3 worse in prod', atMs: 4_000 }),
    ).toMatchObject({ fromVersion: '3', toVersion: '2' });
    expect((await backend.registry.getVersionByAlias(name, 'champion'))?.version).toBe('2');
    expect(await rollbackAlias(backend.registry, name, { by: 'bob', reason: 'v2 too', atMs: 5_000 })).toMatchObject({
      fromVersion: '2',
      toVersion: '1',
    });
    await expectTrackingError(rollbackAlias(backend.registry, name, { by: 'bob', reason: 'nothing left' }), 'conflict');
    expect((await backend.registry.getModelVersion(name, '3'))?.tags).toMatchObject({
      'driftguard.previous_champion': '2',
      'driftguard.rolled_back_by': 'bob',
      'driftguard.rollback_reason': 'v3 worse in prod',
      'driftguard.promoted_by': 'retrainer',
    });
    const events = await listAliasEvents(backend.registry, name);
    expect(events.map((e) => [e.action, e.fromVersion, e.toVersion, e.by])).toEqual([
      ['promote', null, '1', 'alice'],
      ['promote', '1', '2', 'retrainer'],
      ['promote', '2', '3', 'retrainer'],
      ['rollback', '3', '2', 'bob'],
      ['rollback', '2', '1', 'bob'],
    ]);
    await expectTrackingError(promoteVersion(backend.registry, name, '9', { by: 'x', reason: 'y' }), 'not_found');
  });
});
