import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../../src/cli/serve-command.js';
import { composeServer } from '../../src/compose.js';
import { createRetrainingPolicy } from '../../src/domain/retraining-policy.js';
import { createDriftEngineConfig } from '../../src/drift/create-drift-engine-config.js';
import { findStatTest } from '../../src/drift/stat-tests/all-stat-tests.js';
import { resolveServeSettings } from '../../src/services/config/serve-settings.js';
import { ConfigError, parseServiceConfig } from '../../src/services/config/service-config.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/driftguard.config.json', import.meta.url));
const SECRETS = {
  DRIFTGUARD_SCORING_KEY: 'scoring-key-0123456789abcdef',
  DRIFTGUARD_GRAFANA_KEY: 'grafana-key-0123456789abcdef',
  DRIFTGUARD_WEBHOOK_SECRET: 'webhook-secret',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX',
};
const dir = mkdtempSync(join(tmpdir(), 'dg-example-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/driftguard.config.json (documented in docs/getting-started.md)', () => {
  it('passes the real config loader and resolves every secret from the environment', () => {
    const config = loadServiceConfig(EXAMPLE);
    const settings = resolveServeSettings({}, SECRETS, config, EXAMPLE);
    expect(settings).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      trackingUri: 'http://127.0.0.1:5000',
      storeUrl: 'sqlite:./.driftguard/driftguard.db',
    });
    expect(settings.apiKeys.map((k) => [k.name, k.roles])).toEqual([
      ['scoring-service', ['ingest']],
      ['grafana', ['read']],
      ['ops', ['admin']],
    ]);
    expect(settings.sinks).toEqual([
      { type: 'webhook', name: 'incident-bot', url: 'https://hooks.example.com/driftguard', secret: 'webhook-secret' },
      { type: 'slack', name: 'ml-alerts', url: SECRETS.SLACK_WEBHOOK_URL },
      {
        type: 'alertmanager',
        name: 'alertmanager',
        url: 'http://alertmanager:9093',
        labels: { team: 'risk', env: 'prod' },
      },
    ]);
    expect(settings.alertPolicy).toEqual({
      minSeverity: 'medium',
      resolveAfterCleanEvaluations: 3,
      renotifyCooldownSeconds: 3600,
    });
    expect(settings.models.map((m) => m.name)).toEqual(['credit-default', 'churn-hourly']);
    // environment beats the file, as documented
    expect(resolveServeSettings({}, { ...SECRETS, DRIFTGUARD_STORE_URL: 'postgres://dg@db/dg' }, config).storeUrl).toBe(
      'postgres://dg@db/dg',
    );
  });

  it('names the missing environment variable when a secret is not set', () => {
    const config = loadServiceConfig(EXAMPLE);
    const { DRIFTGUARD_WEBHOOK_SECRET: _unset, ...rest } = SECRETS;
    expect(() => resolveServeSettings({}, rest, config, EXAMPLE)).toThrow(ConfigError);
    expect(() => resolveServeSettings({}, rest, config, EXAMPLE)).toThrow(
      /\/alerting\/sinks\/0\/secret: environment variable DRIFTGUARD_WEBHOOK_SECRET is not set/,
    );
  });

  it('holds drift settings, per-feature tests and retraining policies the engine and the policy accept', () => {
    for (const model of loadServiceConfig(EXAMPLE).models ?? []) {
      expect(() => createDriftEngineConfig(model.drift ?? {})).not.toThrow();
      for (const [name, override] of Object.entries(model.features ?? {})) {
        if (override.test === undefined) continue;
        const test = findStatTest(override.test);
        expect(test, `${model.name}.${name}: test ${override.test}`).toBeDefined();
        expect(test!.kinds).toContain(override.kind ?? 'numeric');
      }
      expect(() => createRetrainingPolicy(model.retraining ?? {})).not.toThrow();
    }
  });

  it('starts a real server (store and tracking pointed at a temporary directory) that monitors both models', async () => {
    const settings = resolveServeSettings({ dataDir: dir }, SECRETS, loadServiceConfig(EXAMPLE), EXAMPLE);
    const server = await composeServer({
      ...settings,
      storeUrl: `sqlite:${join(dir, 'driftguard.db')}`,
      trackingUri: `file:${join(dir, 'tracking')}`,
    });
    try {
      const reply = await server.app.inject({
        url: '/v1/models',
        headers: { authorization: `Bearer ${SECRETS.DRIFTGUARD_GRAFANA_KEY}` },
      });
      expect(reply.statusCode).toBe(200);
      const names = (reply.json() as { items: { definition: { name: string } }[] }).items
        .map((m) => m.definition.name)
        .sort();
      expect(names).toEqual(['churn-hourly', 'credit-default']);
      const ingest = await server.app.inject({
        method: 'POST',
        url: '/v1/models/credit-default/predictions',
        headers: { authorization: `Bearer ${SECRETS.DRIFTGUARD_SCORING_KEY}` },
        payload: {
          predictions: [
            { features: { income: 52, debt: 0.3, region: 'north', owner: true }, prediction: 'no', score: 0.2 },
          ],
        },
      });
      expect(ingest.statusCode).toBe(201);
    } finally {
      await server.close();
    }
  });
});

/** Whole config files shown in the docs: every ```json block with a top-level "models" list. */
function documentedConfigs(file: string): unknown[] {
  const text = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
  return (
    [...text.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .filter((block) => /^\{\s*(\n\s*"[a-zA-Z]+": [\s\S]*)?"models"/.test(block))
      // a placeholder the reader replaces
      .map((block) => JSON.parse(block.replace('<64 hex characters>', 'a'.repeat(64))) as unknown)
  );
}

describe('config files shown in the docs', () => {
  it.each(['docs/getting-started.md', 'README.md'])('%s: every whole config passes the loader', (file) => {
    const configs = documentedConfigs(file);
    expect(configs.length).toBeGreaterThan(0);
    const env = {
      INGEST_KEY: 'ingest-key-0123456789abcdef',
      WEBHOOK_SECRET: 'w',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/x',
    };
    for (const config of configs) {
      const settings = resolveServeSettings({}, env, parseServiceConfig(config, file), file);
      expect(settings.models.length).toBeGreaterThan(0);
      for (const model of settings.models) expect(() => createDriftEngineConfig(model.drift ?? {})).not.toThrow();
    }
  });
});
