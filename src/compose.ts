/** The one place that picks adapters from configuration / URLs (sqlite:, postgres:, http(s):, file:). */
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalBackend } from './adapters/tracking/local/local-backend.js';
import { createMlflowBackend } from './adapters/tracking/mlflow/mlflow-backend.js';
import { mlflowOptionsFromEnv } from './adapters/tracking/mlflow/mlflow-client.js';
import type { TrackingBackend } from './ports/tracking-backend.js';
import type { ModelDirectory } from './ports/model-directory.js';
import { createFileModelDirectory } from './adapters/files/file-model-directory.js';
import { TrackingError } from './ports/tracking-error.js';

export interface TrackingBackendOptions {
  /** Default: env MLFLOW_TRACKING_URI. `http(s)://…` → MLflow REST; unset, `file:<dir>` or `sqlite:///<file>` → local store. */
  readonly trackingUri?: string;
  /** Data directory of the local store when the URI is unset (`<dataDir>/tracking.db`, `<dataDir>/artifacts/`). */
  readonly dataDir: string;
  /** Source of MLFLOW_TRACKING_* credentials; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Picks the tracking backend from a URI, like MLflow's store registry: `http(s)://` → MLflow REST adapter
 * (MLFLOW_TRACKING_USERNAME / _PASSWORD basic auth, MLFLOW_TRACKING_TOKEN bearer); unset → local SQLite + files in
 * dataDir; `file:<dir>` → local store in that directory; `sqlite:///<relative>` / `sqlite:////<absolute>` → local
 * store in that database file, artifacts beside it.
 */
export function createTrackingBackend(options: TrackingBackendOptions): TrackingBackend {
  const env = options.env ?? process.env;
  const uri = (options.trackingUri ?? env.MLFLOW_TRACKING_URI ?? '').trim();
  if (uri === '') return createLocalBackend({ dataDir: options.dataDir });
  if (/^https?:\/\//i.test(uri)) return createMlflowBackend({ ...mlflowOptionsFromEnv(env), trackingUri: uri });
  if (/^file:/i.test(uri)) {
    const dataDir = uri.startsWith('file://') ? fileURLToPath(uri) : uri.slice('file:'.length);
    return createLocalBackend({ dataDir: resolve(dataDir) });
  }
  if (/^sqlite:/i.test(uri)) {
    const path = uri.replace(/^sqlite:\/\/\//i, '');
    if (path === '' || path === uri) {
      throw new TrackingError(`tracking URI ${uri}: expected sqlite:///<relative path> or sqlite:////<absolute path>`, { kind: 'invalid', operation: 'configure' });
    }
    const databasePath = isAbsolute(path) ? path : resolve(path);
    return createLocalBackend({ dataDir: dirname(databasePath), databasePath });
  }
  const scheme = uri.split(':')[0];
  throw new TrackingError(`tracking URI scheme "${scheme}:" is not supported (use http(s)://host:port, file:<dir> or sqlite:///<file>)`, {
    kind: 'invalid',
    operation: 'configure',
  });
}

/** Model directories (model.json, model.onnx, schema, reference profile, metrics) on the local file system. */
export function createModelDirectory(): ModelDirectory {
  return createFileModelDirectory();
}
