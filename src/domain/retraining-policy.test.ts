import { describe, expect, it } from 'vitest';
import {
  checkGuards,
  checkSufficiency,
  createRetrainingPolicy,
  DEFAULT_RETRAINING_POLICY,
  decideAutomaticStep,
  decideTrigger,
  formatCount,
  formatDuration,
  isOutOfTime,
  manualTrigger,
  rowsSinceDriftBegan,
  trainingHorizons,
  type WindowSignal,
} from './retraining-policy.js';
import type { Severity } from './severity.js';

const w = (
  severity: Severity,
  performanceDrifted = false,
  driftShare = severity === 'high' ? 0.6 : 0.1,
): WindowSignal => ({ severity, performanceDrifted, driftShare });
const policy = createRetrainingPolicy();

describe('createRetrainingPolicy', () => {
  it('returns the documented defaults', () => {
    expect(policy).toEqual(DEFAULT_RETRAINING_POLICY);
    expect(policy).toMatchObject({
      persistWindows: 2,
      minLabeledRows: 1000,
      minPerClass: 50,
      horizonRows: 5000,
      scheduleEveryMs: null,
      cooldownWindows: 3,
      trainOn: 'best',
    });
    expect(policy.promotion).toEqual({
      metric: 'logLoss',
      margin: 0,
      alpha: 0.05,
      requireSignificantImprovement: false,
    });
  });

  it('merges overrides, promotion field by field', () => {
    const p = createRetrainingPolicy({ persistWindows: 3, promotion: { margin: 0.01 } });
    expect(p.persistWindows).toBe(3);
    expect(p.promotion).toEqual({ ...DEFAULT_RETRAINING_POLICY.promotion, margin: 0.01 });
  });

  it('names the bad field', () => {
    expect(() => createRetrainingPolicy({ persistWindows: 0 })).toThrow(
      'retraining.persistWindows: must be an integer ≥ 1, got 0',
    );
    expect(() => createRetrainingPolicy({ minPerClass: 1.5 })).toThrow(
      'retraining.minPerClass: must be an integer ≥ 0',
    );
    expect(() => createRetrainingPolicy({ cooldownMs: -1 })).toThrow('retraining.cooldownMs: must be a number ≥ 0');
    expect(() => createRetrainingPolicy({ scheduleEveryMs: 0 })).toThrow('retraining.scheduleEveryMs');
    expect(() => createRetrainingPolicy({ enabled: 'yes' as unknown as boolean })).toThrow(
      'retraining.enabled: must be true or false',
    );
    expect(() => createRetrainingPolicy({ horizonRows: 500 })).toThrow(
      'retraining.horizonRows: must be ≥ minLabeledRows (1000), got 500',
    );
    expect(() => createRetrainingPolicy({ promotion: { alpha: 1 } })).toThrow(
      'retraining.promotion.alpha: must be in (0, 1), got 1',
    );
    expect(() => createRetrainingPolicy({ promotion: { margin: Number.NaN } })).toThrow('retraining.promotion.margin');
    expect(() => createRetrainingPolicy({ promotion: { metric: 'auc' as 'rocAuc' } })).toThrow(
      'retraining.promotion.metric: must be one of',
    );
    expect(() =>
      createRetrainingPolicy({ promotion: { requireSignificantImprovement: 1 as unknown as boolean } }),
    ).toThrow('requireSignificantImprovement');
    expect(() => createRetrainingPolicy({ persist: 2 } as never)).toThrow('retraining.persist: unknown setting');
    expect(() => createRetrainingPolicy(null as never)).toThrow('retraining: must be an object');
  });
});

describe('decideTrigger', () => {
  const at = (windows: WindowSignal[], p = policy, nowMs = 0, lastTrainingAtMs: number | null = 0) =>
    decideTrigger(p, { windows, nowMs, lastTrainingAtMs });

  it('fires on data drift high persisting for persistWindows windows', () => {
    const d = at([w('none'), w('high'), { ...w('high'), driftReportId: 7 }]);
    expect(d).toEqual({
      fire: true,
      trigger: {
        kind: 'drift',
        reason: 'data drift high (share 0.60) for 2 consecutive windows',
        severity: 'high',
        driftShare: 0.6,
        driftReportId: 7,
      },
    });
  });

  it('impact-aware: data drift with no measurable impact does not count; an estimated drop counts as performance drift', () => {
    const noImpact = { ...w('high'), dataDriftTriggers: false };
    expect(at([noImpact, noImpact])).toEqual({ fire: false, reason: '0 of 2 consecutive high windows' });
    const dropped = { ...w('none'), estimatedPerformanceDrop: true };
    const d = at([noImpact, dropped, dropped]);
    expect(d).toMatchObject({
      fire: true,
      trigger: { kind: 'drift', reason: 'estimated performance drop for 2 consecutive windows' },
    });
    expect(at([dropped, dropped], { ...policy, triggerOnPerformanceDrift: false }).fire).toBe(false);
  });

  it('does not fire on a single high window or a broken streak, and says how far it is', () => {
    expect(at([w('high')])).toEqual({ fire: false, reason: '1 of 2 consecutive high windows' });
    expect(at([w('high'), w('medium')])).toEqual({ fire: false, reason: '0 of 2 consecutive high windows' });
    expect(at([])).toEqual({ fire: false, reason: '0 of 2 consecutive high windows' });
  });

  it('counts performance drift as high, mixing with data drift', () => {
    const d = at([w('high'), w('low', true)]);
    expect(d.fire && d.trigger.reason).toBe('performance drift for 2 consecutive windows');
    const both = at([w('high', true), w('high', true)], createRetrainingPolicy({ persistWindows: 1 }));
    expect(both.fire && both.trigger.reason).toBe(
      'data drift high (share 0.60) and performance drift for 1 consecutive window',
    );
  });

  it('honours the per-signal switches and the enabled flag', () => {
    expect(
      at([w('none', true), w('none', true)], createRetrainingPolicy({ triggerOnPerformanceDrift: false })).fire,
    ).toBe(false);
    expect(at([w('high'), w('high')], createRetrainingPolicy({ triggerOnDataDrift: false })).fire).toBe(false);
    expect(at([w('high'), w('high')], createRetrainingPolicy({ enabled: false }))).toEqual({
      fire: false,
      reason: 'automatic retraining is disabled',
    });
  });

  it('counts multivariate drift only when triggerOnMultivariateDrift is set (default false)', () => {
    const mv = { ...w('low'), multivariateDrifted: true };
    expect(DEFAULT_RETRAINING_POLICY.triggerOnMultivariateDrift).toBe(false);
    expect(at([mv, mv]).fire).toBe(false);
    const d = at([mv, mv], createRetrainingPolicy({ triggerOnMultivariateDrift: true }));
    expect(d.fire && d.trigger.reason).toBe('multivariate drift for 2 consecutive windows');
    expect(() => createRetrainingPolicy({ triggerOnMultivariateDrift: 'yes' as never })).toThrow(
      /retraining\.triggerOnMultivariateDrift/,
    );
  });

  it('fires the schedule once scheduleEveryMs elapsed since the last training', () => {
    const p = createRetrainingPolicy({ scheduleEveryMs: 3_600_000 });
    expect(at([w('none')], p, 3_599_999, 0).fire).toBe(false);
    expect(at([w('none')], p, 3_600_000, 0)).toEqual({
      fire: true,
      trigger: { kind: 'schedule', reason: 'scheduled: 1 h since the last training' },
    });
    expect(at([w('none')], p, 9e9, null).fire).toBe(false);
  });

  it('builds manual triggers', () => {
    expect(manualTrigger()).toEqual({ kind: 'manual', reason: 'manual' });
    expect(manualTrigger('  ')).toEqual({ kind: 'manual', reason: 'manual' });
    expect(manualTrigger('new campaign data')).toEqual({ kind: 'manual', reason: 'new campaign data' });
  });
});

describe('trainingHorizons and rowsSinceDriftBegan', () => {
  it('trains a drift-triggered job on the rows of the high streak, clamped to [minLabeledRows, horizonRows]', () => {
    const windows = [w('high'), w('none'), w('high'), w('high')];
    expect(rowsSinceDriftBegan(policy, windows, [1000, 1000, 700, 800])).toBe(1500);
    // the newest window has performance drift: the run of performance-drifted windows dates the change
    const mixed = [w('high'), w('high'), w('low', true), w('high', true)];
    expect(rowsSinceDriftBegan(policy, mixed, [1000, 1000, 700, 800])).toBe(1500);
    expect(
      rowsSinceDriftBegan(createRetrainingPolicy({ triggerOnPerformanceDrift: false }), mixed, [1000, 1000, 700, 800]),
    ).toBe(800);
    expect(rowsSinceDriftBegan(policy, [w('none')], [1000])).toBe(0);
    expect(trainingHorizons(policy, 'drift', 1500)).toEqual([1500, 5000]);
    expect(trainingHorizons(policy, 'drift', 400)).toEqual([1000, 5000]);
    expect(trainingHorizons(policy, 'drift', 9000)).toEqual([5000]);
    expect(trainingHorizons(policy, 'manual', 1500)).toEqual([5000]);
    expect(trainingHorizons(policy, 'schedule', 1500)).toEqual([5000]);
    expect(trainingHorizons(createRetrainingPolicy({ trainOn: 'since-drift' }), 'drift', 1500)).toEqual([1500]);
    expect(trainingHorizons(createRetrainingPolicy({ trainOn: 'horizon' }), 'drift', 1500)).toEqual([5000]);
    expect(() => createRetrainingPolicy({ trainOn: 'all' as 'horizon' })).toThrow(
      'retraining.trainOn: must be "best", "since-drift" or "horizon", got "all"',
    );
  });
});

describe('checkSufficiency', () => {
  const counts = { recentPredictions: 2000, recentLabeled: 412 };

  it('gives the exact deferral reason with only the unmet parts', () => {
    const r = checkSufficiency(policy, { ...counts, labeledRows: 412, perClass: { '0': 395, '1': 17 } });
    expect(r).toEqual({
      met: false,
      reason: '412 of 1,000 labelled rows; class 1 has 17 of 50',
      labeledRows: 412,
      minLabeledRows: 1000,
      perClass: { '0': 395, '1': 17 },
      minPerClass: 50,
      labelCoverage: 0.206,
    });
  });

  it('reports rows alone, a class alone, or a class never seen', () => {
    expect(checkSufficiency(policy, { ...counts, labeledRows: 900, perClass: { '0': 450, '1': 450 } }).reason).toBe(
      '900 of 1,000 labelled rows',
    );
    expect(checkSufficiency(policy, { ...counts, labeledRows: 1200, perClass: { '0': 1190, '1': 10 } }).reason).toBe(
      'class 1 has 10 of 50',
    );
    const missing = checkSufficiency(policy, {
      ...counts,
      labeledRows: 1200,
      perClass: { no: 1200 },
      classes: ['no', 'yes'],
    });
    expect(missing.reason).toBe('class yes has 0 of 50');
    expect(missing.perClass).toEqual({ no: 1200, yes: 0 });
  });

  it('is met at the thresholds; coverage is 0 without predictions and capped at 1', () => {
    const r = checkSufficiency(policy, {
      labeledRows: 1000,
      perClass: { '0': 950, '1': 50 },
      recentPredictions: 0,
      recentLabeled: 0,
    });
    expect(r).toMatchObject({ met: true, reason: '', labelCoverage: 0 });
    expect(
      checkSufficiency(policy, { labeledRows: 1000, perClass: {}, recentPredictions: 10, recentLabeled: 20 })
        .labelCoverage,
    ).toBe(1);
  });

  it('formats counts with thousands separators', () => {
    expect([
      formatCount(0),
      formatCount(999),
      formatCount(1000),
      formatCount(1234567),
      formatCount(-12345),
      formatCount(1234.5),
    ]).toEqual(['0', '999', '1,000', '1,234,567', '-12,345', '1,234.5']);
  });
});

describe('checkGuards and isOutOfTime', () => {
  const p = createRetrainingPolicy({ cooldownMs: 3_600_000 });

  it('allows at most one running job per model, whatever the trigger', () => {
    expect(checkGuards(p, { nowMs: 0, triggerKind: 'manual', lastFinishedAtMs: null, jobRunning: true })).toEqual({
      allowed: false,
      guard: 'running',
      reason: 'a retraining job is already running for this model',
    });
  });

  it('holds automatic triggers during the cooldown, never manual ones', () => {
    expect(checkGuards(p, { nowMs: 1_800_000, triggerKind: 'drift', lastFinishedAtMs: 0, jobRunning: false })).toEqual({
      allowed: false,
      guard: 'cooldown',
      reason: 'cooldown: 30 min since the last retraining, 1 h required',
    });
    expect(
      checkGuards(p, { nowMs: 1_800_000, triggerKind: 'schedule', lastFinishedAtMs: 0, jobRunning: false }).allowed,
    ).toBe(false);
    expect(checkGuards(p, { nowMs: 1_800_000, triggerKind: 'manual', lastFinishedAtMs: 0, jobRunning: false })).toEqual(
      { allowed: true },
    );
    expect(checkGuards(p, { nowMs: 3_600_000, triggerKind: 'drift', lastFinishedAtMs: 0, jobRunning: false })).toEqual({
      allowed: true,
    });
    expect(checkGuards(p, { nowMs: 5, triggerKind: 'drift', lastFinishedAtMs: null, jobRunning: false })).toEqual({
      allowed: true,
    });
  });

  it('counts the window cooldown when windows are counted', () => {
    const at = (windowsSinceLastFinished: number | undefined, triggerKind: 'drift' | 'manual' = 'drift') =>
      checkGuards(policy, { nowMs: 0, triggerKind, lastFinishedAtMs: 0, jobRunning: false, windowsSinceLastFinished });
    expect(at(1)).toEqual({
      allowed: false,
      guard: 'cooldown',
      reason: 'cooldown: 1 window since the last retraining, 3 required',
    });
    expect(at(2)).toMatchObject({
      allowed: false,
      reason: 'cooldown: 2 windows since the last retraining, 3 required',
    });
    expect(at(3)).toEqual({ allowed: true });
    expect(at(undefined)).toEqual({ allowed: true });
    expect(at(0, 'manual')).toEqual({ allowed: true });
    expect(() => createRetrainingPolicy({ cooldownWindows: -1 })).toThrow(
      'retraining.cooldownWindows: must be an integer ≥ 0, got -1',
    );
  });

  it('decideAutomaticStep: the trigger, then the guards (nothing, held with the reason, or open)', () => {
    const step = (windows: WindowSignal[], windowsSinceLastFinished?: number) =>
      decideAutomaticStep(p, {
        windows,
        nowMs: 7_200_000,
        lastTrainingAtMs: 0,
        lastFinishedAtMs: 0,
        ...(windowsSinceLastFinished === undefined ? {} : { windowsSinceLastFinished }),
      });
    expect(step([w('none'), w('high')])).toEqual({ kind: 'none' });
    const fired = decideTrigger(p, { windows: [w('high'), w('high')], nowMs: 7_200_000, lastTrainingAtMs: 0 });
    expect(fired.fire).toBe(true);
    const trigger = fired.fire ? fired.trigger : null;
    expect(step([w('high'), w('high')], 1)).toEqual({
      kind: 'held',
      trigger,
      reason: 'cooldown: 1 window since the last retraining, 3 required',
    });
    expect(step([w('high'), w('high')], 3)).toEqual({ kind: 'open', trigger });
    expect(step([w('high'), w('high')])).toEqual({ kind: 'open', trigger });
  });

  it('fails a job past maxTrainingMs', () => {
    expect(isOutOfTime(policy, 0, 15 * 60_000)).toBe(false);
    expect(isOutOfTime(policy, 0, 15 * 60_000 + 1)).toBe(true);
  });

  it('formats durations', () => {
    expect([formatDuration(0), formatDuration(90_000), formatDuration(86_400_000 + 3_600_000)]).toEqual([
      '0 s',
      '1 min 30 s',
      '1 d 1 h',
    ]);
  });
});
