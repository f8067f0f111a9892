import { type Alert, type AlertKind, type AlertSeverity, severityRank } from './alert.js';
import type { Severity } from './severity.js';

/** When alerts fire, resolve and re-notify. Defaults are documented in docs/alerting.md. */
export interface AlertPolicy {
  /** Fire at this severity or above (default `medium`). */
  readonly minSeverity: AlertSeverity;
  /** Resolve after this many consecutive evaluations below `minSeverity` (default 3). */
  readonly resolveAfterCleanEvaluations: number;
  /** While firing at the same severity, notify again at most this often (default 3600 s; 0 = never again). */
  readonly renotifyCooldownSeconds: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  minSeverity: 'medium',
  resolveAfterCleanEvaluations: 3,
  renotifyCooldownSeconds: 3600,
};

/** One evaluation's verdict for one (model, kind). */
export interface AlertObservation {
  readonly model: string;
  readonly kind: AlertKind;
  readonly severity: Severity;
  readonly summary: string;
  readonly atMs: number;
  readonly driftReportId: number | null;
}

/** Why sinks are told: a new alert, a higher severity, a lower one, a reminder, or the end of it. */
export type AlertEvent = 'fired' | 'escalated' | 'deescalated' | 'reminder' | 'resolved';

export interface AlertTransition {
  /** The alert after the observation (null when nothing is open and nothing fires). */
  readonly alert: Alert | null;
  /** What to notify sinks of, if anything. */
  readonly event: AlertEvent | null;
}

/** Validates a user-supplied policy (merged over the defaults). */
export function createAlertPolicy(overrides: Partial<AlertPolicy> = {}): AlertPolicy {
  const policy = { ...DEFAULT_ALERT_POLICY, ...overrides };
  if (!['low', 'medium', 'high'].includes(policy.minSeverity))
    throw new RangeError(`minSeverity must be low, medium or high, got ${String(policy.minSeverity)}`);
  if (!Number.isInteger(policy.resolveAfterCleanEvaluations) || policy.resolveAfterCleanEvaluations < 1) {
    throw new RangeError(
      `resolveAfterCleanEvaluations must be an integer ≥ 1, got ${policy.resolveAfterCleanEvaluations}`,
    );
  }
  if (!(policy.renotifyCooldownSeconds >= 0))
    throw new RangeError(`renotifyCooldownSeconds must be ≥ 0, got ${policy.renotifyCooldownSeconds}`);
  return policy;
}

/**
 * The alert state machine for one (model, kind): fires when severity reaches `minSeverity`, follows it up and down
 * while open, re-notifies after the cooldown (not while acknowledged), and resolves after enough clean evaluations.
 * A resolved alert stays resolved; a later problem opens a new alert (`newId`).
 */
export function applyObservation(
  open: Alert | null,
  observation: AlertObservation,
  policy: AlertPolicy,
  newId: () => string,
): AlertTransition {
  const firing = severityRank(observation.severity) >= severityRank(policy.minSeverity);
  const severity = observation.severity as AlertSeverity;
  if (open === null || open.status === 'resolved') {
    if (!firing) return { alert: null, event: null };
    return {
      event: 'fired',
      alert: {
        id: newId(),
        model: observation.model,
        kind: observation.kind,
        severity,
        peakSeverity: severity,
        status: 'firing',
        dedupKey: `${observation.model}:${observation.kind}`,
        summary: observation.summary,
        firstSeenMs: observation.atMs,
        lastSeenMs: observation.atMs,
        resolvedAtMs: null,
        acknowledgedAtMs: null,
        acknowledgedBy: null,
        cleanEvaluations: 0,
        lastNotifiedMs: observation.atMs,
        lastNotifiedSeverity: severity,
        driftReportId: observation.driftReportId,
      },
    };
  }
  if (!firing) {
    const cleanEvaluations = open.cleanEvaluations + 1;
    if (cleanEvaluations < policy.resolveAfterCleanEvaluations)
      return { alert: { ...open, cleanEvaluations }, event: null };
    return {
      event: 'resolved',
      alert: {
        ...open,
        status: 'resolved',
        cleanEvaluations,
        resolvedAtMs: observation.atMs,
        lastNotifiedMs: observation.atMs,
        driftReportId: observation.driftReportId,
      },
    };
  }
  const seen: Alert = {
    ...open,
    severity,
    peakSeverity: severityRank(severity) > severityRank(open.peakSeverity) ? severity : open.peakSeverity,
    summary: observation.summary,
    lastSeenMs: observation.atMs,
    cleanEvaluations: 0,
    driftReportId: observation.driftReportId,
  };
  const notified = (event: AlertEvent, extra: Partial<Alert> = {}): AlertTransition => ({
    event,
    alert: { ...seen, ...extra, lastNotifiedMs: observation.atMs, lastNotifiedSeverity: severity },
  });
  const previous = open.lastNotifiedSeverity ?? open.severity;
  // A rise re-opens an acknowledged alert: what was acknowledged was a lesser problem.
  if (severityRank(severity) > severityRank(previous)) {
    return notified('escalated', { status: 'firing', acknowledgedAtMs: null, acknowledgedBy: null });
  }
  if (severityRank(severity) < severityRank(previous) && open.status === 'firing') return notified('deescalated');
  const cooldownMs = policy.renotifyCooldownSeconds * 1000;
  const due = cooldownMs > 0 && open.lastNotifiedMs !== null && observation.atMs - open.lastNotifiedMs >= cooldownMs;
  if (due && open.status === 'firing') return notified('reminder');
  return { alert: seen, event: null };
}

/** Acknowledging silences reminders until the alert escalates or resolves; acknowledging a resolved alert is refused. */
export function acknowledgeAlert(alert: Alert, by: string, atMs: number): Alert {
  if (alert.status === 'resolved')
    throw new RangeError(`alert ${alert.id} is resolved; only open alerts can be acknowledged`);
  return { ...alert, status: 'acknowledged', acknowledgedAtMs: atMs, acknowledgedBy: by };
}
