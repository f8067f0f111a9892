import type { Alert } from '../domain/alert.js';
import type { AlertEvent } from '../domain/alert-policy.js';

/** What sinks are told: the event and the alert as it stands after it. */
export interface AlertNotification {
  readonly event: AlertEvent;
  readonly alert: Alert;
  /** Link to the alert in the dashboard, when the service knows its public URL. */
  readonly alertUrl: string | null;
  readonly sentAtMs: number;
}

/** A failed delivery; `retryable` says whether trying again may help (network error, 5xx, 429). */
export class AlertDeliveryError extends Error {
  override readonly name = 'AlertDeliveryError';
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** A place alerts go to (webhook, Slack, Alertmanager). `deliver` resolves with the HTTP status or throws AlertDeliveryError. */
export interface AlertSink {
  readonly name: string;
  deliver(notification: AlertNotification): Promise<{ httpStatus: number }>;
}
