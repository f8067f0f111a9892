import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessEventBus } from '../adapters/events/in-process-event-bus.js';
import type { DriftReport } from '../drift/index.js';
import { createAlertDispatcher } from './alert-dispatcher.js';
import { createDriftMonitoring } from './drift-monitoring.js';
import { createRetrainingHarness, loanDefinition, loanRows } from './test-support/retraining-fixture.js';

describe("a model definition's per-feature overrides", () => {
  let h: Awaited<ReturnType<typeof createRetrainingHarness>>;
  afterEach(async () => {
    await h.close();
  });

  it("apply to drift evaluation against the champion's training profile (no reference uploaded)", async () => {
    h = await createRetrainingHarness();
    expect((await h.store.latestReferenceProfile(h.name))?.source).toBe('champion version 1');
    const definition = loanDefinition(h.name);
    await h.models.replace({
      ...definition,
      features: { x1: { test: 'psi', threshold: 0.3 }, x2: { bounds: { min: -1, max: 1 } }, region: { kind: 'categorical', allowedValues: ['a', 'b'] } },
    });
    const monitoring = createDriftMonitoring({ store: h.store, models: h.models, clock: h.clock, dispatcher: createAlertDispatcher({ sinks: [], store: h.store, clock: h.clock }), events: createInProcessEventBus() });
    await h.log(loanRows(300, 7, 'before'));
    const report = (await monitoring.evaluate(h.name))!.report as unknown as DriftReport;
    expect(report.features.find((f) => f.name === 'x1')).toMatchObject({ test: 'psi', threshold: 0.3 });
    expect(report.features.find((f) => f.name === 'x2')?.test).not.toBe('psi');
    const findings = report.dataQuality.map((f) => `${f.column}:${f.kind}`);
    expect(findings).toContain('x2:out_of_range');
    expect(findings).toContain('region:unseen_category');
  });
});
