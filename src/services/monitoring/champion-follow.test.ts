import { afterEach, describe, expect, it } from 'vitest';
import { createRetrainingHarness, loanRows } from '../../../tests/support/services/retraining-fixture.js';
import { createInProcessEventBus } from '../../adapters/events/in-process-event-bus.js';
import { createAlertDispatcher } from '../alerting/alert-dispatcher.js';
import { promoteVersion } from '../champion/alias-moves.js';
import { createServingModels } from '../serving/serving-models.js';
import { createDriftMonitoring } from './drift-monitoring.js';
import { createMonitoringScheduler, DEFAULT_CHAMPION_REFRESH_MS } from './monitoring-scheduler.js';

describe('replicas follow the champion', () => {
  let h: Awaited<ReturnType<typeof createRetrainingHarness>>;
  afterEach(async () => {
    await h.close();
  });

  it('a replica without the monitoring lease swaps its serving model when the champion moves elsewhere', async () => {
    h = await createRetrainingHarness({ retraining: { minLabeledRows: 400, minPerClass: 40, horizonRows: 800 } });
    const replica = (holder: string) => {
      const serving = createServingModels({
        registry: h.backend.registry,
        tracking: h.backend.tracking,
        clock: h.clock,
      });
      const dispatcher = createAlertDispatcher({ sinks: [], store: h.store, clock: h.clock });
      const monitoring = createDriftMonitoring({
        store: h.store,
        models: h.models,
        clock: h.clock,
        dispatcher,
        events: createInProcessEventBus(),
      });
      return {
        serving,
        scheduler: createMonitoringScheduler({
          store: h.store,
          models: h.models,
          monitoring,
          serving,
          clock: h.clock,
          holder,
        }),
      };
    };
    const holder = replica('replica-a');
    const other = replica('replica-b');
    await holder.scheduler.runOnce();
    await other.scheduler.runOnce();
    expect(other.serving.get(h.name)?.version).toBe('1');

    // A retraining on this process promotes version 2 in the registry.
    const rows = loanRows(800, 15, 'after');
    await h.label(await h.log(rows), rows);
    await h.jobs.trigger(h.name, 'test', 'ops');
    await h.runner.runOnce();
    expect((await h.store.listRetrainingJobs(h.name, { limit: 1 }))[0].status).toBe('promoted');

    h.clock.advance(DEFAULT_CHAMPION_REFRESH_MS);
    await other.scheduler.runOnce();
    expect(other.serving.get(h.name)?.version).toBe('2');
    // A move made directly in the registry (MLflow UI, `driftguard models promote`) is followed as well, read again
    // every championRefreshMs rather than on every tick.
    await promoteVersion(h.backend.registry, h.name, '1', { by: 'ops', reason: 'manual' });
    await other.scheduler.runOnce();
    h.clock.advance(DEFAULT_CHAMPION_REFRESH_MS - 1);
    await other.scheduler.runOnce();
    expect(other.serving.get(h.name)?.version).toBe('2');
    h.clock.advance(1);
    await other.scheduler.runOnce();
    expect(other.serving.get(h.name)?.version).toBe('1');
    // A champion change announced on the event bus (followChampion) is read on the next tick.
    await promoteVersion(h.backend.registry, h.name, '2', { by: 'ops', reason: 'manual' });
    await other.scheduler.runOnce();
    expect(other.serving.get(h.name)?.version).toBe('1');
    other.scheduler.followChampion(h.name);
    await other.scheduler.runOnce();
    expect(other.serving.get(h.name)?.version).toBe('2');
    await promoteVersion(h.backend.registry, h.name, '1', { by: 'ops', reason: 'manual' });
    h.clock.advance(DEFAULT_CHAMPION_REFRESH_MS);
    await other.scheduler.runOnce();
    await holder.scheduler.runOnce();
    expect(other.serving.get(h.name)?.version).toBe('1');
    expect((await h.store.latestReferenceProfile(h.name))?.source).toBe('champion version 1');
    await holder.scheduler.stop();
    await other.scheduler.stop();
  });
});
