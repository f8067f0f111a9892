import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPACT_POLICY, type EstimatedMetric, gradePerformanceImpact } from './performance-impact.js';
import type { Severity } from './severity.js';

const rocAuc = (value: number | null, band = 0.005): EstimatedMetric => ({
  metric: 'rocAuc',
  value,
  lower: value === null ? null : value - band,
  upper: value === null ? null : value + band,
  threshold: 0.963,
  betterWhen: 'higher',
});
const mae = (value: number): EstimatedMetric => ({
  metric: 'mae',
  value,
  lower: value - 0.01,
  upper: value + 0.01,
  threshold: 0.35,
  betterWhen: 'lower',
});

describe('gradePerformanceImpact', () => {
  it('data drift whose estimate holds: no measurable impact, does not trigger retraining on its own', () => {
    const v = gradePerformanceImpact('high', [rocAuc(0.971)]);
    expect(v).toMatchObject({
      grade: 'no-measurable-impact',
      countsAsPerformanceDrift: false,
      dataDriftTriggers: false,
    });
    expect(v.reason).toBe(
      'data drift with no measurable impact: estimated rocAuc 0.9710 within the reference thresholds',
    );
  });

  it('an estimated drop beyond the threshold counts as performance drift, with or without data drift', () => {
    for (const severity of ['none', 'high'] as Severity[]) {
      const v = gradePerformanceImpact(severity, [rocAuc(0.961)]);
      expect(v).toMatchObject({
        grade: 'performance-drop',
        countsAsPerformanceDrift: true,
        droppedMetrics: ['rocAuc'],
        dataDriftTriggers: severity === 'high',
      });
      expect(v.reason).toContain('rocAuc 0.9610 [0.9560, 0.9660] vs threshold 0.9630');
    }
  });

  it('losses drop upwards', () => {
    expect(gradePerformanceImpact('none', [mae(0.4)]).grade).toBe('performance-drop');
    expect(gradePerformanceImpact('high', [mae(0.3)]).grade).toBe('no-measurable-impact');
  });

  it('dropWhen band: only a band wholly past the threshold counts', () => {
    const policy = { ...DEFAULT_IMPACT_POLICY, dropWhen: 'band' as const };
    expect(gradePerformanceImpact('high', [rocAuc(0.961)], policy).grade).toBe('no-measurable-impact');
    expect(gradePerformanceImpact('high', [rocAuc(0.95)], policy).grade).toBe('performance-drop');
  });

  it('without estimates data drift is judged on its own; impact awareness off keeps the old trigger', () => {
    expect(gradePerformanceImpact('high', [])).toMatchObject({ grade: 'not-estimated', dataDriftTriggers: true });
    expect(gradePerformanceImpact('high', [rocAuc(null)])).toMatchObject({
      grade: 'not-estimated',
      dataDriftTriggers: true,
    });
    expect(gradePerformanceImpact('high', [rocAuc(0.971)], { ...DEFAULT_IMPACT_POLICY, enabled: false })).toMatchObject(
      {
        grade: 'no-measurable-impact',
        dataDriftTriggers: true,
      },
    );
  });

  it('never loses a drop: whenever an estimate is past its threshold the window counts as performance drift', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Severity>('none', 'low', 'medium', 'high'),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.boolean(),
        (severity, value, enabled) => {
          const v = gradePerformanceImpact(severity, [rocAuc(value)], { enabled, dropWhen: 'estimate' });
          expect(v.countsAsPerformanceDrift).toBe(value < 0.963);
          if (severity === 'high' && !enabled) expect(v.dataDriftTriggers).toBe(true);
        },
      ),
    );
  });
});
