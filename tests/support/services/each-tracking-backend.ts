/**
 * Runs a service suite on both tracking backends: the embedded local store and a real MLflow server (mandatory under
 * CI=true, see describeWithComponent), so use cases built on the TrackingStore / ModelRegistry ports behave the same.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { createLocalBackend } from '../../../src/adapters/tracking/local/local-backend.js';
import { createMlflowBackend } from '../../../src/adapters/tracking/mlflow/mlflow-backend.js';
import type { TrackingBackend } from '../../../src/ports/tracking-backend.js';
import { describeWithComponent } from '../components/describe-with-component.js';
import { mlflowServer, mlflowTrackingUri } from '../components/mlflow-server.js';

/** A name with a random suffix, so suites can run repeatedly against a long-lived server. */
export const uniqueName = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Registers `body` once per backend; `backend()` is the backend of the running suite. */
export function eachTrackingBackend(title: string, body: (backend: () => TrackingBackend) => void): void {
  describe(`${title} (local tracking store)`, () => {
    let backend: TrackingBackend;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'driftguard-tracking-'));
      backend = createLocalBackend({ dataDir: dir });
    });
    afterAll(async () => {
      await backend?.close();
      await rm(dir, { recursive: true, force: true });
    });
    body(() => backend);
  });
  describeWithComponent(`${title} (real MLflow server)`, mlflowServer, () => {
    let backend: TrackingBackend;
    beforeAll(() => {
      backend = createMlflowBackend({ trackingUri: mlflowTrackingUri, retryBaseDelayMs: 50 });
    });
    afterAll(async () => backend?.close());
    body(() => backend);
  });
}
