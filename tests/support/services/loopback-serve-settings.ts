import { join } from 'node:path';
import type { MonitoredModelDefinition } from '../../../src/services/config/monitored-model-definition.js';
import type { ResolvedApiKey, ServeSettings } from '../../../src/services/config/serve-settings.js';

/**
 * Settings of a `driftguard serve` for a test: loopback on a free port, SQLite in `dataDir`, the given tracking URI
 * (pinned, so an MLFLOW_TRACKING_URI in the environment does not redirect it), no sinks, no retention.
 */
export function loopbackServeSettings(options: {
  readonly dataDir: string;
  readonly trackingUri: string;
  readonly apiKeys: readonly ResolvedApiKey[];
  readonly models: readonly MonitoredModelDefinition[];
}): ServeSettings {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDir: options.dataDir,
    storeUrl: `sqlite:${join(options.dataDir, 'driftguard.db')}`,
    trackingUri: options.trackingUri,
    publicUrl: null,
    openRead: false,
    bodyLimitBytes: 16 * 1024 * 1024,
    apiKeys: options.apiKeys,
    alertPolicy: {},
    sinks: [],
    predictionRetentionDays: null,
    models: options.models,
  };
}
