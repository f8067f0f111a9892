/** Something the dashboard should show at once: a new drift report, an alert change, a retraining step. */
export interface ServiceEvent {
  readonly type: 'drift_report' | 'alert' | 'predictions_logged' | 'model' | 'retraining';
  readonly model: string;
  readonly atMs: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Publishes service events to every subscriber (the SSE stream). Across replicas the adapter must deliver events
 * from every replica (PostgreSQL LISTEN/NOTIFY or NATS); the in-process adapter serves a single process.
 */
export interface EventBus {
  publish(event: ServiceEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: ServiceEvent) => void): () => void;
}
