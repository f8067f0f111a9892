import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHangingServer } from '../support/network/hanging-server.js';
import { startServeProcess } from '../support/process/serve-process.js';

const ADMIN_KEY = 'shutdown-admin-key-0123456789';

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('SIGTERM with a hanging MLflow server: the listener closes at once and the process exits within seconds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftguard-shutdown-'));
  let hanging: Awaited<ReturnType<typeof startHangingServer>>;
  beforeAll(async () => {
    hanging = await startHangingServer();
  });
  afterAll(async () => {
    await hanging.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 within 5 s of SIGTERM while requests and the monitoring loop wait on MLflow, leaving the port free', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ models: [{ name: 'credit', features: { income: {} } }] }));
    const serve = await startServeProcess(['--config', config, '--data-dir', join(dir, 'data')], {
      MLFLOW_TRACKING_URI: hanging.url,
      DRIFTGUARD_ADMIN_KEY: ADMIN_KEY,
      DRIFTGUARD_STORE_URL: '',
    });
    const port = Number(new URL(serve.baseUrl).port);
    const inFlight = fetch(`${serve.baseUrl}/v1/models/credit/versions`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    }).then(
      (r) => r.status,
      () => 'closed',
    );
    const waitUntil = Date.now() + 10_000;
    while (hanging.accepted() < 1 && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));
    expect(hanging.accepted(), 'a tracking call is outstanding').toBeGreaterThan(0);
    const signalled = Date.now();
    serve.child.kill('SIGTERM');
    const exit = await Promise.race([
      serve.exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
    ]);
    const tookMs = Date.now() - signalled;
    if (exit === 'timeout') serve.child.kill('SIGKILL');
    expect(exit, serve.output()).toEqual({ code: 0, signal: null });
    expect(tookMs, serve.output()).toBeLessThan(5000);
    expect(await portIsFree(port)).toBe(true);
    expect(['closed', 503]).toContain(await inFlight);
  });
});
