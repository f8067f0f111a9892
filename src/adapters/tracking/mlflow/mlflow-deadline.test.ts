import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHangingServer } from '../../../../tests/support/network/hanging-server.js';
import { isTrackingError } from '../../../ports/tracking-error.js';
import { createMlflowBackend } from './mlflow-backend.js';
import { createMlflowClient } from './mlflow-client.js';

async function timed(promise: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return { ms: Date.now() - started, error };
}

describe('a hanging MLflow server: one overall deadline per call, and close() abandons outstanding calls', () => {
  let hanging: Awaited<ReturnType<typeof startHangingServer>>;
  beforeAll(async () => {
    hanging = await startHangingServer();
  });
  afterAll(async () => {
    await hanging.close();
  });

  it('a retried read gives up at its deadline (timeoutMs), not after every attempt has timed out', async () => {
    const client = createMlflowClient({
      trackingUri: hanging.url,
      timeoutMs: 600,
      maxRetries: 3,
      retryBaseDelayMs: 50,
    });
    const { ms, error } = await timed(client.call('getExperimentByName', { experiment_name: 'x' }));
    expect(isTrackingError(error) && error.kind === 'unavailable', String(error)).toBe(true);
    expect(String(error)).toMatch(/600 ms/);
    expect(ms).toBeGreaterThanOrEqual(400);
    expect(ms).toBeLessThan(1500); // it took 4 × 600 ms + 1.75 s of backoff before
  });

  it('artifact reads and listings keep to their own deadline too', async () => {
    const client = createMlflowClient({
      trackingUri: hanging.url,
      timeoutMs: 500,
      maxRetries: 3,
      retryBaseDelayMs: 50,
    });
    for (const call of [
      () => client.listArtifactDirectory('1/r/artifacts'),
      () => client.getArtifact('1/r/artifacts/m'),
    ]) {
      const { ms, error } = await timed(call());
      expect(isTrackingError(error), String(error)).toBe(true);
      expect(ms).toBeLessThan(4 * 500 + 700); // artifact transfers get 4 × timeoutMs in all, once
    }
  });

  it('close() makes every outstanding call fail at once, and later calls fail without a request', async () => {
    const backend = createMlflowBackend({ trackingUri: hanging.url, timeoutMs: 30_000 });
    const outstanding = timed(backend.registry.getVersionByAlias('credit', 'champion'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await backend.close();
    const { ms, error } = await outstanding;
    expect(ms).toBeLessThan(1500);
    expect(isTrackingError(error) && error.kind === 'unavailable', String(error)).toBe(true);
    expect(String(error)).toMatch(/closing/);
    const before = hanging.accepted();
    const later = await timed(backend.registry.getVersionByAlias('credit', 'champion'));
    expect(later.ms).toBeLessThan(100);
    expect(String(later.error)).toMatch(/closing/);
    expect(hanging.accepted()).toBe(before);
  });
});
