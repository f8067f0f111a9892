import { afterEach, describe, expect, it } from 'vitest';
import {
  createRetrainingHarness,
  loanDefinition,
  loanRows,
  registerLoanChampion,
} from '../../../tests/support/services/retraining-fixture.js';
import { createInProcessEventBus } from '../../adapters/events/in-process-event-bus.js';
import { createCsvTextParser } from '../../adapters/tabular/csv-reader.js';
import type { DriftReport } from '../../drift/index.js';
import { createAlertDispatcher } from '../alerting/alert-dispatcher.js';
import { createReferenceUpload } from '../ingestion/reference-upload.js';
import { createDriftMonitoring } from '../monitoring/drift-monitoring.js';
import { createMonitoringScheduler, DEFAULT_CHAMPION_REFRESH_MS } from '../monitoring/monitoring-scheduler.js';
import { createServingModels } from '../serving/serving-models.js';

describe("the reference drift is measured against: the definition's overrides, the newest reference", () => {
  let h: Awaited<ReturnType<typeof createRetrainingHarness>>;
  afterEach(async () => {
    await h.close();
  });

  it("the definition's per-feature overrides apply to drift evaluation against the champion's training profile (no reference uploaded)", async () => {
    h = await createRetrainingHarness();
    expect((await h.store.latestReferenceProfile(h.name))?.source).toBe('champion version 1');
    const definition = loanDefinition(h.name);
    await h.models.replace({
      ...definition,
      features: {
        x1: { test: 'psi', threshold: 0.3 },
        x2: { bounds: { min: -1, max: 1 } },
        region: { kind: 'categorical', allowedValues: ['a', 'b'] },
      },
    });
    const monitoring = createDriftMonitoring({
      store: h.store,
      models: h.models,
      clock: h.clock,
      dispatcher: createAlertDispatcher({ sinks: [], store: h.store, clock: h.clock }),
      events: createInProcessEventBus(),
    });
    await h.log(loanRows(300, 7, 'before'));
    const report = (await monitoring.evaluate(h.name))!.report as unknown as DriftReport;
    expect(report.features.find((f) => f.name === 'x1')).toMatchObject({ test: 'psi', threshold: 0.3 });
    expect(report.features.find((f) => f.name === 'x2')?.test).not.toBe('psi');
    const findings = report.dataQuality.map((f) => `${f.column}:${f.kind}`);
    expect(findings).toContain('x2:out_of_range');
    expect(findings).toContain('region:unseen_category');
  });

  it('an uploaded reference survives a restart; a new champion (alias moved) sets its own, once', async () => {
    h = await createRetrainingHarness();
    /** A fresh process on the same store and registry: nothing served yet. */
    const startProcess = (holder: string) => {
      const serving = createServingModels({
        registry: h.backend.registry,
        tracking: h.backend.tracking,
        clock: h.clock,
      });
      const monitoring = createDriftMonitoring({
        store: h.store,
        models: h.models,
        clock: h.clock,
        dispatcher: createAlertDispatcher({ sinks: [], store: h.store, clock: h.clock }),
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
    let process = startProcess('process-1');
    await process.scheduler.runOnce();
    expect((await h.store.latestReferenceProfile(h.name))?.source).toBe('champion version 1');

    h.clock.advance(1000);
    const upload = createReferenceUpload({
      store: h.store,
      models: h.models,
      clock: h.clock,
      events: createInProcessEventBus(),
      csv: createCsvTextParser(),
    });
    await upload.setFromRows(h.name, loanRows(500, 3, 'before'), 'ops');
    const uploaded = (await h.store.latestReferenceProfile(h.name))!;
    expect(uploaded.source).toBe('upload by ops');

    for (const holder of ['process-2', 'process-3']) {
      await process.scheduler.stop();
      h.clock.advance(60_000);
      process = startProcess(holder);
      await process.scheduler.runOnce();
      expect(process.serving.get(h.name)?.version).toBe('1');
      expect((await h.store.latestReferenceProfile(h.name))?.id).toBe(uploaded.id);
    }

    // The alias moves to a new version (registered as champion directly in the registry): its training profile wins.
    expect(await registerLoanChampion(h.backend, h.name, h.clock.nowMs())).toBe('2');
    h.clock.advance(DEFAULT_CHAMPION_REFRESH_MS);
    await process.scheduler.runOnce();
    const promoted = (await h.store.latestReferenceProfile(h.name))!;
    expect(promoted.source).toBe('champion version 2');
    await process.scheduler.stop();
    process = startProcess('process-4');
    await process.scheduler.runOnce();
    expect((await h.store.latestReferenceProfile(h.name))?.id).toBe(promoted.id);
    await process.scheduler.stop();
  });
});
