import type { ModelRegistry } from './model-registry.js';
import type { TrackingStore } from './tracking-store.js';

/** One tracking backend as compose.ts hands it out: both ports plus a way to release its resources. */
export interface TrackingBackend {
  /** `mlflow` (REST adapter) or `local` (SQLite + files). */
  readonly kind: 'mlflow' | 'local';
  /** Where it points, without credentials (for logs and CLI output). */
  readonly location: string;
  readonly tracking: TrackingStore;
  readonly registry: ModelRegistry;
  close(): Promise<void>;
}
