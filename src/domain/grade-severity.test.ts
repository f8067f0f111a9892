import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEVERITY_THRESHOLDS,
  gradeSeverity,
  severityOfShare,
  validateSeverityThresholds,
} from './grade-severity.js';
import { SchemaError } from './schema-error.js';

const t = DEFAULT_SEVERITY_THRESHOLDS;

describe('severityOfShare', () => {
  it.each([
    [0, 0, 'none'],
    [0.02, 1, 'low'],
    [0.249, 3, 'low'],
    [0.25, 3, 'medium'],
    [0.49, 5, 'medium'],
    [0.5, 5, 'high'],
    [1, 10, 'high'],
  ] as const)('share %d with %d drifted → %s (defaults)', (share, count, expected) => {
    expect(severityOfShare(share, count, t)).toBe(expected);
  });
  it('below a positive low threshold is none', () => {
    expect(severityOfShare(0.05, 1, { low: 0.1, medium: 0.3, high: 0.6 })).toBe('none');
    expect(severityOfShare(0.1, 1, { low: 0.1, medium: 0.3, high: 0.6 })).toBe('low');
  });
  it('is monotone in the share', () => {
    const rank = { none: 0, low: 1, medium: 2, high: 3 };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return rank[severityOfShare(lo, 1, t)] <= rank[severityOfShare(hi, 1, t)];
      }),
    );
  });
  it('rejects a share outside [0, 1]', () => expect(() => severityOfShare(Number.NaN, 1, t)).toThrow(SchemaError));
});

describe('gradeSeverity with persistence', () => {
  it('reports high only on the k-th consecutive high window, medium before', () => {
    let streak = 0;
    const seen: string[] = [];
    for (const share of [0.6, 0.6, 0.6, 0.1, 0.7, 0.7, 0.7, 0.7]) {
      const g = gradeSeverity(share, 3, t, 3, streak);
      streak = g.highStreak;
      seen.push(g.severity);
    }
    expect(seen).toEqual(['medium', 'medium', 'high', 'low', 'medium', 'medium', 'high', 'high']);
  });
  it('persistence 1 reports high immediately and keeps raw severity', () => {
    expect(gradeSeverity(0.5, 2, t)).toEqual({ severity: 'high', rawSeverity: 'high', highStreak: 1 });
    expect(gradeSeverity(0.5, 2, t, 2)).toEqual({ severity: 'medium', rawSeverity: 'high', highStreak: 1 });
  });
  it('rejects bad persistence, streaks and thresholds', () => {
    expect(() => gradeSeverity(0.5, 1, t, 0)).toThrow(/persistenceWindows/);
    expect(() => gradeSeverity(0.5, 1, t, 1, -1)).toThrow(/previousHighStreak/);
    expect(() => validateSeverityThresholds({ low: 0.3, medium: 0.2, high: 0.5 })).toThrow(/low ≤ medium ≤ high/);
    expect(() => validateSeverityThresholds({ low: 0, medium: 0.2, high: 1.5 })).toThrow(/severity.high/);
  });
});
