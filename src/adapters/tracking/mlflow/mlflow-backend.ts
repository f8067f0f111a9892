import type { TrackingBackend } from '../../../ports/tracking-backend.js';
import { createMlflowClient, type MlflowClientOptions } from './mlflow-client.js';
import { createMlflowModelRegistry } from './mlflow-model-registry.js';
import { createMlflowTrackingStore } from './mlflow-tracking-store.js';

/** TrackingStore + ModelRegistry against one MLflow server (options as createMlflowClient); close() abandons outstanding calls. */
export function createMlflowBackend(options: MlflowClientOptions): TrackingBackend {
  const client = createMlflowClient(options);
  return {
    kind: 'mlflow',
    location: client.baseUrl,
    tracking: createMlflowTrackingStore(client),
    registry: createMlflowModelRegistry(client),
    close: async () => client.close(),
  };
}
