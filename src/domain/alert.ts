import type { Severity } from './severity.js';

/** What an alert is about; one open alert per (model, kind) at a time. */
export type AlertKind =
  | 'data_drift'
  | 'prediction_drift'
  | 'performance_drift'
  | 'data_quality'
  /** The multivariate test (drift.multivariate) says the joint distribution of the features moved. */
  | 'multivariate_drift'
  /** The performance estimated from scores (before labels) crosses its threshold (issue 17). */
  | 'estimated_performance';

export type AlertSeverity = Exclude<Severity, 'none'>;

export type AlertStatus = 'firing' | 'acknowledged' | 'resolved';

/** A problem the monitoring found, from first sight to resolution; its history is kept. */
export interface Alert {
  readonly id: string;
  readonly model: string;
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  /** The highest severity the alert reached. */
  readonly peakSeverity: AlertSeverity;
  readonly status: AlertStatus;
  /** `model:kind` — the deduplication key sinks (Alertmanager) group by. */
  readonly dedupKey: string;
  readonly summary: string;
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
  readonly resolvedAtMs: number | null;
  readonly acknowledgedAtMs: number | null;
  readonly acknowledgedBy: string | null;
  /** Consecutive evaluations below the firing severity since the alert was last seen firing. */
  readonly cleanEvaluations: number;
  readonly lastNotifiedMs: number | null;
  readonly lastNotifiedSeverity: AlertSeverity | null;
  /** The drift report that last confirmed or changed the alert. */
  readonly driftReportId: number | null;
}

const RANK: Readonly<Record<Severity, number>> = { none: 0, low: 1, medium: 2, high: 3 };

/** Orders severities: none < low < medium < high. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}
