import { SchemaError } from './schema-error.js';
import type { Severity, SeverityThresholds } from './severity.js';

/** Defaults: any drifted feature is `low`, a quarter of the features `medium`, half (Evidently's drift_share) `high`. */
export const DEFAULT_SEVERITY_THRESHOLDS: SeverityThresholds = { low: 0, medium: 0.25, high: 0.5 };

/** Throws `SchemaError` unless 0 ≤ low ≤ medium ≤ high ≤ 1 (all finite). */
export function validateSeverityThresholds(thresholds: SeverityThresholds, field = 'severity'): SeverityThresholds {
  for (const key of ['low', 'medium', 'high'] as const) {
    const v = thresholds[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new SchemaError(`${field}.${key}`, `must be a number in [0, 1], got ${String(v)}`);
    }
  }
  if (!(thresholds.low <= thresholds.medium && thresholds.medium <= thresholds.high)) {
    throw new SchemaError(
      field,
      `must satisfy low ≤ medium ≤ high, got ${thresholds.low}, ${thresholds.medium}, ${thresholds.high}`,
    );
  }
  return thresholds;
}

/** Severity of one evaluation alone: `high` at share ≥ high, `medium` at ≥ medium, `low` at ≥ low with a drifted feature. */
export function severityOfShare(driftShare: number, driftedCount: number, thresholds: SeverityThresholds): Severity {
  if (!(driftShare >= 0 && driftShare <= 1))
    throw new SchemaError('driftShare', `must be in [0, 1], got ${String(driftShare)}`);
  if (driftedCount === 0) return 'none';
  if (driftShare >= thresholds.high) return 'high';
  if (driftShare >= thresholds.medium) return 'medium';
  if (driftShare >= thresholds.low) return 'low';
  return 'none';
}

export interface SeverityGrade {
  /** Reported severity: `high` only once `persistenceWindows` consecutive evaluations graded high, else `medium`. */
  readonly severity: Severity;
  /** What this evaluation alone grades. */
  readonly rawSeverity: Severity;
  /** Consecutive evaluations graded high, this one included (0 when this one is not high). */
  readonly highStreak: number;
}

/**
 * Grades an evaluation with persistence: the raw severity comes from `severityOfShare`; a raw `high` is reported as
 * `high` only when it is the `persistenceWindows`-th consecutive one (1 = immediately), otherwise as `medium`.
 * Pure: the caller keeps `highStreak` between windows.
 */
export function gradeSeverity(
  driftShare: number,
  driftedCount: number,
  thresholds: SeverityThresholds,
  persistenceWindows = 1,
  previousHighStreak = 0,
): SeverityGrade {
  if (!Number.isInteger(persistenceWindows) || persistenceWindows < 1) {
    throw new SchemaError('persistenceWindows', `must be an integer ≥ 1, got ${String(persistenceWindows)}`);
  }
  if (!Number.isInteger(previousHighStreak) || previousHighStreak < 0) {
    throw new SchemaError('previousHighStreak', `must be an integer ≥ 0, got ${String(previousHighStreak)}`);
  }
  const rawSeverity = severityOfShare(driftShare, driftedCount, thresholds);
  if (rawSeverity !== 'high') return { severity: rawSeverity, rawSeverity, highStreak: 0 };
  const highStreak = previousHighStreak + 1;
  return { severity: highStreak >= persistenceWindows ? 'high' : 'medium', rawSeverity, highStreak };
}
