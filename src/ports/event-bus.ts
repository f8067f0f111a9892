import type { AlertKind, AlertSeverity, AlertStatus } from '../domain/alert.js';
import type { AlertEvent } from '../domain/alert-policy.js';
import type { RetrainingJob } from '../domain/retraining-job.js';
import type { Severity } from '../domain/severity.js';

interface EventOf<Type extends string, Data> {
  readonly type: Type;
  readonly model: string;
  readonly atMs: number;
  readonly data: Data;
}

/** A drift report was stored (the dashboard fetches it by id). */
export type DriftReportEvent = EventOf<
  'drift_report',
  { readonly id: number; readonly severity: Severity; readonly driftShare: number }
>;

/** An alert fired, changed severity, was reminded of or resolved — or somebody acknowledged it. */
export type AlertChangeEvent = EventOf<
  'alert',
  | {
      readonly event: AlertEvent;
      readonly id: string;
      readonly kind: AlertKind;
      readonly severity: AlertSeverity;
      readonly status: AlertStatus;
    }
  | { readonly event: 'acknowledged'; readonly id: string; readonly by: string }
>;

/** New predictions were logged for the model. */
export type PredictionsLoggedEvent = EventOf<'predictions_logged', { readonly rows: number }>;

/** The champion moved (promote / rollback) or a new reference profile was set. */
export type ModelEvent = EventOf<
  'model',
  | {
      readonly event: 'champion_changed';
      readonly action: 'promote' | 'rollback';
      readonly fromVersion: string | null;
      readonly toVersion: string;
      readonly changed: boolean;
      readonly reason: string;
    }
  | { readonly event: 'reference_set'; readonly source: string; readonly rows: number }
>;

/** A retraining job was opened or took a step. */
export type RetrainingEvent = EventOf<'retraining', { readonly model: string; readonly job: RetrainingJob }>;

/** Something the dashboard should show at once: a new drift report, an alert change, a retraining step. */
export type ServiceEvent = DriftReportEvent | AlertChangeEvent | PredictionsLoggedEvent | ModelEvent | RetrainingEvent;

/** Every event type, for adapters that must recognise events on the wire. */
export const SERVICE_EVENT_TYPES: readonly ServiceEvent['type'][] = [
  'drift_report',
  'alert',
  'predictions_logged',
  'model',
  'retraining',
];

/**
 * Publishes service events to every subscriber (the SSE stream). Across replicas the adapter must deliver events
 * from every replica (PostgreSQL LISTEN/NOTIFY or NATS); the in-process adapter serves a single process.
 */
export interface EventBus {
  publish(event: ServiceEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: ServiceEvent) => void): () => void;
}
