import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeServer, createTrackingBackend } from '../../src/compose.js';
import { resolveServeSettings } from '../../src/services/config/serve-settings.js';
import { parseServiceConfig } from '../../src/services/config/service-config.js';
import { DEFAULT_CHAMPION_REFRESH_MS } from '../../src/services/monitoring/monitoring-scheduler.js';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { postgresComponent, postgresTestSchema } from '../support/components/postgres.js';
import { featuresOf, loanDefinition, loanRows, registerLoanChampion } from '../support/services/retraining-fixture.js';

const KEY = 'replica-admin-key-0123456789';
const headers = { authorization: `Bearer ${KEY}` };
const name = 'loans';
/**
 * How soon every replica must serve a champion moved elsewhere: the monitoring tick (1 s) re-reads the alias every
 * championRefreshMs (default 5 s), so up to refresh + one tick, plus a tick of slack for a loaded machine. On
 * PostgreSQL a promotion through another replica's API is announced on the event bus and followed on the next tick.
 */
const FOLLOW_WITHIN_MS = DEFAULT_CHAMPION_REFRESH_MS + 2000;

/**
 * Two `driftguard serve` replicas (composeServer, as the CLI wires them, schedulers started) on one store and one
 * tracking backend: a champion moved in the registry, or promoted through one replica's API, is served by both
 * within FOLLOW_WITHIN_MS, and no /predict fails while they swap.
 */
function replicaScenario(storeUrl: () => Promise<string>) {
  it(`every replica serves the new champion within ${FOLLOW_WITHIN_MS} ms of a promotion elsewhere`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftguard-replicas-'));
    const trackingUri = `file:${join(dir, 'tracking')}`;
    const config = parseServiceConfig(
      {
        server: { dataDir: dir },
        store: { url: await storeUrl() },
        tracking: { uri: trackingUri },
        apiKeys: [{ name: 'ops', roles: ['admin'], key: { value: KEY } }],
        models: [loanDefinition(name)],
      },
      'replicas.json',
    );
    const settings = resolveServeSettings({}, {}, config);
    const registry = createTrackingBackend({ trackingUri, dataDir: dir });
    expect(await registerLoanChampion(registry, name, Date.now())).toBe('1');
    const replicas = [await composeServer(settings), await composeServer(settings)];
    try {
      for (const r of replicas) r.scheduler.start();
      const features = featuresOf(loanRows(1, 3, 'before')[0]);
      const failures: string[] = [];
      const served = async (replica: (typeof replicas)[number]) => {
        const response = await replica.app.inject({
          method: 'POST',
          url: `/v1/models/${name}/predict`,
          headers,
          payload: { features },
        });
        if (response.statusCode !== 200) failures.push(`${response.statusCode} ${response.body}`);
        return (response.json() as { modelVersion?: string }).modelVersion;
      };
      const untilBothServe = async (version: string) => {
        const started = Date.now();
        await expect
          .poll(async () => [await served(replicas[0]), await served(replicas[1])], {
            timeout: FOLLOW_WITHIN_MS,
            interval: 50,
          })
          .toEqual([version, version]);
        return Date.now() - started;
      };
      await untilBothServe('1');

      // Moved in the registry directly (MLflow UI, another tool): a new version registered as champion.
      expect(await registerLoanChampion(registry, name, Date.now())).toBe('2');
      const registryMove = await untilBothServe('2');

      // Promoted through replica 0's API: replica 1 follows.
      const promoted = await replicas[0].app.inject({
        method: 'POST',
        url: `/v1/models/${name}/promote`,
        headers,
        payload: { version: '1', reason: 'replica test' },
      });
      expect(promoted.statusCode).toBe(200);
      const apiMove = await untilBothServe('1');
      expect(failures).toEqual([]);
      expect(Math.max(registryMove, apiMove)).toBeLessThan(FOLLOW_WITHIN_MS);
      expect((await replicas[1].store.latestReferenceProfile(name))?.source).toMatch(
        /^champion version 1 \(promote: replica test\)/,
      );
    } finally {
      for (const r of replicas) await r.close();
      await registry.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
}

describe('replicas on one SQLite file follow the champion', () => {
  replicaScenario(async () => 'sqlite:' + join(mkdtempSync(join(tmpdir(), 'driftguard-replicas-db-')), 'store.db'));
});

describeWithComponent('replicas on PostgreSQL follow the champion', postgresComponent, () => {
  const schema = postgresTestSchema('dg_replicas');
  afterAll(() => schema.drop());
  replicaScenario(() => schema.create());
});
