import type { AlertNotification, AlertSink } from '../../ports/alert-sink.js';
import { postToSink } from './post-json.js';

export interface AlertmanagerSinkOptions {
  readonly name?: string;
  /** Alertmanager's base URL, e.g. http://alertmanager:9093 (the sink posts to /api/v2/alerts). */
  readonly url: string;
  /** Extra labels on every alert (e.g. team, environment). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

const ALERT_NAMES: Record<AlertNotification['alert']['kind'], string> = {
  data_drift: 'DriftguardDataDrift',
  prediction_drift: 'DriftguardPredictionDrift',
  performance_drift: 'DriftguardPerformanceDrift',
  data_quality: 'DriftguardDataQuality',
  multivariate_drift: 'DriftguardMultivariateDrift',
  estimated_performance: 'DriftguardEstimatedPerformance',
};

/**
 * Alertmanager API v2 body: one postable alert whose labels (alertname, model, kind) identify it, so repeated posts
 * update the same alert; `endsAt` is set when resolved.
 */
export function alertmanagerBody(n: AlertNotification, extraLabels: Readonly<Record<string, string>> = {}): string {
  const a = n.alert;
  const alert: Record<string, unknown> = {
    labels: {
      ...extraLabels,
      alertname: ALERT_NAMES[a.kind],
      model: a.model,
      kind: a.kind,
      severity: a.severity,
      source: 'driftguard',
    },
    annotations: { summary: `${a.model}: ${a.kind.replace('_', ' ')} at ${a.severity}`, description: a.summary },
    startsAt: new Date(a.firstSeenMs).toISOString(),
  };
  if (a.status === 'resolved' && a.resolvedAtMs !== null) alert.endsAt = new Date(a.resolvedAtMs).toISOString();
  if (n.alertUrl !== null) alert.generatorURL = n.alertUrl;
  return JSON.stringify([alert]);
}

export function createAlertmanagerSink(options: AlertmanagerSinkOptions): AlertSink {
  const endpoint = `${options.url.replace(/\/+$/, '')}/api/v2/alerts`;
  return {
    name: options.name ?? 'alertmanager',
    deliver: (n) => postToSink(endpoint, alertmanagerBody(n, options.labels), {}, options.timeoutMs ?? 5000),
  };
}
