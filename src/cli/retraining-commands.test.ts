import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCaptured } from '../../tests/support/cli/cli-capture.js';
import { auth, createTestApp, KEYS, registerChampion } from '../../tests/support/http/test-app.js';
import { type RetrainOptions, type RollbackOptions, runRetrain, runRollback } from './retraining-commands.js';

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('driftguard retrain / rollback against a running service', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let url: string;
  const retrain = (options: RetrainOptions) =>
    runCaptured((o: RetrainOptions, io) => runRetrain(o, { ...io, env: {} }), options);
  const rollback = (options: RollbackOptions) =>
    runCaptured((o: RollbackOptions, io) => runRollback(o, { ...io, env: {} }), options);

  beforeAll(async () => {
    t = await createTestApp();
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth('admin'),
      payload: {
        name: 'credit',
        features: { income: {}, region: { kind: 'categorical' }, owner: {} },
        retraining: { minLabeledRows: 10, minPerClass: 2 },
      },
    });
    expect(created.statusCode).toBe(201);
    await registerChampion(t.tracking, 'credit');
    url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('retrain prints the job and its deferral reason', async () => {
    const result = await retrain({ name: 'credit', url, apiKey: KEYS.admin, reason: 'quarter end' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^credit: retraining job [0-9a-f-]{36} deferred: 0 of 10 labelled rows; class no has 0 of 2; class yes has 0 of 2\n$/,
    );
  });

  it('reads the key from DRIFTGUARD_ADMIN_KEY, the variable serve reads (issue 14 item 20)', async () => {
    const result = await runCaptured(
      (o: RetrainOptions, io) => runRetrain(o, { ...io, env: { DRIFTGUARD_ADMIN_KEY: KEYS.admin } }),
      { name: 'credit', url },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('still accepts the old DRIFTGUARD_API_KEY, with a deprecation warning', async () => {
    const result = await runCaptured(
      (o: RetrainOptions, io) => runRetrain(o, { ...io, env: { DRIFTGUARD_API_KEY: KEYS.admin } }),
      { name: 'credit', url },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: DRIFTGUARD_API_KEY is deprecated; set DRIFTGUARD_ADMIN_KEY/);
  });

  it('reports every failure in one line with exit 2', async () => {
    expectOneLineError(
      await retrain({ name: 'credit', url }),
      /^driftguard retrain: an admin API key is required: --api-key <key> or DRIFTGUARD_ADMIN_KEY$/m,
    );
    expectOneLineError(
      await retrain({ name: 'credit', url, apiKey: KEYS.read }),
      /^driftguard retrain: 403 forbidden: this route needs the admin role/m,
    );
    expectOneLineError(
      await retrain({ name: 'nobody', url, apiKey: KEYS.admin }),
      /^driftguard retrain: 404 not_found: no monitored model named nobody/m,
    );
    const closed = await closedPort();
    expectOneLineError(
      await retrain({ name: 'credit', url: `http://127.0.0.1:${closed}`, apiKey: KEYS.admin }),
      new RegExp(
        `^driftguard retrain: cannot reach the service at http://127\\.0\\.0\\.1:${closed}: ECONNREFUSED$`,
        'm',
      ),
    );
    expectOneLineError(
      await retrain({ name: 'credit', url: 'localhost:8080', apiKey: KEYS.admin }),
      /^driftguard retrain: --url must be http\(s\):\/\/host:port/m,
    );
    expectOneLineError(
      await rollback({ name: 'credit', url, apiKey: KEYS.admin, reason: ' ' }),
      /^driftguard rollback: --reason <text> is required/m,
    );
    expectOneLineError(
      await rollback({ name: 'credit', url, apiKey: KEYS.admin, reason: 'bad' }),
      /^driftguard rollback: 409 conflict: rollback: champion version 1 of "credit" has no previous champion recorded$/m,
    );
  });

  it('rollback moves the champion back and prints both versions', async () => {
    await registerChampion(t.tracking, 'credit');
    const result = await rollback({ name: 'credit', url, apiKey: KEYS.admin, reason: 'complaints' });
    expect(result).toEqual({ code: 0, stdout: 'credit: champion rolled back from version 2 to 1\n', stderr: '' });
    expect((await t.tracking.registry.getModelVersion('credit', '2'))?.tags['driftguard.rollback_reason']).toBe(
      'complaints',
    );
  });
});
