import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from './alert.js';
import {
  type AlertObservation,
  acknowledgeAlert,
  applyObservation,
  createAlertPolicy,
  DEFAULT_ALERT_POLICY,
} from './alert-policy.js';
import type { Severity } from './severity.js';

let counter = 0;
const newId = () => `alert-${++counter}`;
const policy = createAlertPolicy({ renotifyCooldownSeconds: 60 });
const observe = (severity: Severity, atMs: number): AlertObservation => ({
  model: 'credit',
  kind: 'data_drift',
  severity,
  summary: `share at ${severity}`,
  atMs,
  driftReportId: atMs,
});

/** Feeds a sequence of severities, one per 10 s, and returns the events and the last alert. */
function run(severities: Severity[], start: Alert | null = null) {
  let alert = start;
  const events: (string | null)[] = [];
  severities.forEach((s, i) => {
    const t = applyObservation(alert, observe(s, i * 10_000), policy, newId);
    events.push(t.event);
    alert = t.alert ?? alert;
  });
  return { events, alert };
}

describe('applyObservation', () => {
  it('does nothing below the firing severity when no alert is open', () => {
    expect(applyObservation(null, observe('low', 0), policy, newId)).toEqual({ alert: null, event: null });
  });

  it('fires at minSeverity with a dedup key, then stays quiet at the same severity within the cooldown', () => {
    const { events, alert } = run(['medium', 'medium', 'medium']);
    expect(events).toEqual(['fired', null, null]);
    expect(alert).toMatchObject({
      status: 'firing',
      severity: 'medium',
      dedupKey: 'credit:data_drift',
      firstSeenMs: 0,
      lastSeenMs: 20_000,
    });
  });

  it('escalates and de-escalates while open, tracking the peak', () => {
    const { events, alert } = run(['medium', 'high', 'medium']);
    expect(events).toEqual(['fired', 'escalated', 'deescalated']);
    expect(alert).toMatchObject({ severity: 'medium', peakSeverity: 'high' });
  });

  it('resolves only after the configured number of consecutive clean evaluations', () => {
    const { events, alert } = run(['high', 'low', 'none', 'high', 'none', 'low', 'none']);
    expect(events).toEqual(['fired', null, null, null, null, null, 'resolved']);
    expect(alert).toMatchObject({ status: 'resolved', resolvedAtMs: 60_000, cleanEvaluations: 3 });
  });

  it('opens a new alert (new id) after resolution', () => {
    const first = run(['high', 'none', 'none', 'none']).alert!;
    const next = applyObservation(first, observe('high', 100_000), policy, newId);
    expect(next.event).toBe('fired');
    expect(next.alert!.id).not.toBe(first.id);
  });

  it('reminds after the cooldown while firing, but not while acknowledged', () => {
    const fired = applyObservation(null, observe('high', 0), policy, newId).alert!;
    expect(applyObservation(fired, observe('high', 59_999), policy, newId).event).toBeNull();
    expect(applyObservation(fired, observe('high', 60_000), policy, newId).event).toBe('reminder');
    const acked = acknowledgeAlert(fired, 'oncall', 1000);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'oncall' });
    expect(applyObservation(acked, observe('high', 600_000), policy, newId).event).toBeNull();
  });

  it('re-opens an acknowledged alert when it escalates', () => {
    const fired = applyObservation(null, observe('medium', 0), policy, newId).alert!;
    const escalated = applyObservation(acknowledgeAlert(fired, 'oncall', 1), observe('high', 10), policy, newId);
    expect(escalated.event).toBe('escalated');
    expect(escalated.alert).toMatchObject({ status: 'firing', acknowledgedBy: null });
  });

  it('refuses to acknowledge a resolved alert and rejects invalid policies', () => {
    const resolved = run(['high', 'none', 'none', 'none']).alert!;
    expect(() => acknowledgeAlert(resolved, 'x', 0)).toThrow(/resolved/);
    expect(() => createAlertPolicy({ resolveAfterCleanEvaluations: 0 })).toThrow(/resolveAfterCleanEvaluations/);
    expect(() => createAlertPolicy({ minSeverity: 'none' as never })).toThrow(/minSeverity/);
    expect(() => createAlertPolicy({ renotifyCooldownSeconds: -1 })).toThrow(/renotifyCooldownSeconds/);
    expect(createAlertPolicy()).toEqual(DEFAULT_ALERT_POLICY);
  });

  it('never has more than one open alert and never notifies twice for the same severity within the cooldown (property)', () => {
    const severities = fc.array(fc.constantFrom<Severity>('none', 'low', 'medium', 'high'), { maxLength: 60 });
    fc.assert(
      fc.property(severities, (seq) => {
        let alert: Alert | null = null;
        let lastNotified: { at: number; severity: string } | null = null;
        seq.forEach((s, i) => {
          const t = applyObservation(alert, observe(s, i * 10_000), policy, newId);
          if (t.event === 'reminder' && lastNotified !== null)
            expect(i * 10_000 - lastNotified.at).toBeGreaterThanOrEqual(60_000);
          if (t.event !== null && t.alert !== null) lastNotified = { at: i * 10_000, severity: t.alert.severity };
          if (t.event === 'resolved') expect(t.alert!.status).toBe('resolved');
          if (t.alert !== null && t.alert.status !== 'resolved')
            expect(t.alert.cleanEvaluations).toBeLessThan(policy.resolveAfterCleanEvaluations);
          alert = t.alert ?? alert;
        });
      }),
    );
  });
});
