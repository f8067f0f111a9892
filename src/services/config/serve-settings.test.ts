import { describe, expect, it } from 'vitest';
import { resolveServeSettings } from './serve-settings.js';
import { parseServiceConfig } from './service-config.js';

describe('resolveServeSettings', () => {
  it('uses documented defaults with nothing given', () => {
    expect(resolveServeSettings({}, {}, {})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataDir: './.driftguard',
      storeUrl: 'sqlite:./.driftguard/driftguard.db',
      trackingUri: null,
      publicUrl: null,
      openRead: false,
      bodyLimitBytes: 16 * 1024 * 1024,
      apiKeys: [],
      alertPolicy: {},
      sinks: [],
      predictionRetentionDays: null,
      championRefreshMs: 5000,
      models: [],
      logLevel: 'info',
      requestTimeoutMs: 60_000,
    });
  });

  it('applies flags over environment over config', () => {
    const config = parseServiceConfig(
      { server: { host: '0.0.0.0', port: 9000, dataDir: '/srv/dg', openRead: true } },
      'c.json',
    );
    const fromConfig = resolveServeSettings({}, {}, config);
    expect(fromConfig).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/srv/dg',
      storeUrl: 'sqlite:/srv/dg/driftguard.db',
      openRead: true,
    });
    const fromEnv = resolveServeSettings(
      {},
      { DRIFTGUARD_PORT: '7000', DRIFTGUARD_OPEN_READ: 'false', DRIFTGUARD_STORE_URL: 'postgres://db/x' },
      config,
    );
    expect(fromEnv).toMatchObject({ port: 7000, openRead: false, storeUrl: 'postgres://db/x' });
    expect(resolveServeSettings({ port: '6000', host: '::1' }, { DRIFTGUARD_PORT: '7000' }, config)).toMatchObject({
      port: 6000,
      host: '::1',
    });
  });

  it('resolves secrets from the environment and adds keys from DRIFTGUARD_*_KEY', () => {
    const config = parseServiceConfig(
      {
        apiKeys: [
          { name: 'ci', roles: ['ingest'], key: { env: 'CI_KEY' } },
          { name: 'ops', roles: ['admin'], sha256: 'a'.repeat(64) },
        ],
        alerting: {
          minSeverity: 'high',
          sinks: [
            { type: 'webhook', url: 'http://h', secret: { env: 'HOOK_SECRET' } },
            { type: 'slack', urlEnv: 'SLACK_URL' },
          ],
        },
      },
      'c.json',
    );
    const env = {
      CI_KEY: 'k'.repeat(20),
      HOOK_SECRET: 'shh',
      SLACK_URL: 'https://hooks.slack.com/x',
      DRIFTGUARD_READ_KEY: 'r'.repeat(20),
    };
    const settings = resolveServeSettings({}, env, config);
    expect(settings.apiKeys).toEqual([
      { name: 'ci', roles: ['ingest'], key: 'k'.repeat(20) },
      { name: 'ops', roles: ['admin'], sha256: 'a'.repeat(64) },
      { name: 'env:DRIFTGUARD_READ_KEY', roles: ['read'], key: 'r'.repeat(20) },
    ]);
    expect(settings.sinks).toEqual([
      { type: 'webhook', name: 'webhook-1', url: 'http://h', secret: 'shh' },
      { type: 'slack', name: 'slack-2', url: 'https://hooks.slack.com/x' },
    ]);
    expect(settings.alertPolicy).toEqual({ minSeverity: 'high' });
    expect(() => resolveServeSettings({}, {}, config, 'c.json')).toThrow(
      'c.json: /apiKeys/0/key: environment variable CI_KEY is not set',
    );
  });

  it('takes championRefreshMs from the config file (at least 100 ms)', () => {
    expect(
      resolveServeSettings({}, {}, parseServiceConfig({ server: { championRefreshMs: 30_000 } }, 'c.json'))
        .championRefreshMs,
    ).toBe(30_000);
    expect(() => parseServiceConfig({ server: { championRefreshMs: 50 } }, 'c.json')).toThrow(
      '/server/championRefreshMs',
    );
  });

  it('refuses a bad port and a bad config with every problem named', () => {
    expect(() => resolveServeSettings({ port: '80a' }, {}, {})).toThrow(
      '--port: port must be an integer 0–65535, got "80a"',
    );
    expect(() =>
      parseServiceConfig({ server: { port: 70000, colour: 1 }, models: [{ name: 'a' }, { name: 'a' }] }, 'c.json'),
    ).toThrow('c.json: /server: unknown field "colour"; /server/port must be <= 65535');
    expect(() => parseServiceConfig({ models: [{ name: 'a' }, { name: 'a' }] }, 'c.json')).toThrow(
      'model a is defined twice',
    );
  });
});

describe('the retraining policy of a config-file model', () => {
  it('takes trainOn and cooldownWindows from the config file into the policy the runner uses', async () => {
    const { createMonitoredModels } = await import('../monitored-models.js');
    const { retrainingPolicyOf } = await import('../retraining/retraining-jobs.js');
    const { createSqliteStore } = await import('../../adapters/store/sqlite/sqlite-store.js');
    const config = parseServiceConfig(
      { models: [{ name: 'm', retraining: { trainOn: 'since-drift', cooldownWindows: 4 } }] },
      'c.json',
    );
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    const models = createMonitoredModels({ store, clock: { nowMs: () => 0 } });
    for (const definition of resolveServeSettings({}, {}, config).models) await models.replace(definition);
    expect(await retrainingPolicyOf(models, 'm')).toMatchObject({ trainOn: 'since-drift', cooldownWindows: 4 });
    expect(() => parseServiceConfig({ models: [{ name: 'm', retraining: { trainOn: 'all' } }] }, 'c.json')).toThrow(
      '/models/0/retraining/trainOn',
    );
    await store.close();
  });
});
