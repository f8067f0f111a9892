import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDriftguardCli } from '../../tests/support/process/run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'driftguard-serve-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the real `driftguard serve`; one that hangs instead of exiting is killed, so its exit code is null, never 2. */
const runServe = (args: readonly string[], env: NodeJS.ProcessEnv) =>
  runDriftguardCli(['serve', '--port', '0', ...args], env);

const config = (name: string, value: unknown) => {
  const path = join(root, `${name}.json`);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

describe('driftguard serve validates the whole configuration before opening anything', () => {
  const cases: { name: string; args?: string[]; env?: NodeJS.ProcessEnv; line: RegExp }[] = [
    { name: 'a short admin key', env: { DRIFTGUARD_ADMIN_KEY: 'abc' }, line: /DRIFTGUARD_ADMIN_KEY.*16 characters/ },
    {
      name: 'a short key in the config file',
      args: ['--config', config('short-key', { apiKeys: [{ name: 'ci', roles: ['ingest'], key: { value: 'x' } }] })],
      line: /\/apiKeys\/0\/key.*16 characters/,
    },
    {
      name: 'an unsupported store URL',
      env: { DRIFTGUARD_STORE_URL: 'mysql://db/x' },
      line: /DRIFTGUARD_STORE_URL.*mysql/,
    },
    {
      name: 'an unsupported tracking URI',
      env: { MLFLOW_TRACKING_URI: 'ftp://mlflow' },
      line: /MLFLOW_TRACKING_URI.*ftp/,
    },
    {
      name: 'a sink URL that is not http(s)',
      args: ['--config', config('sink', { alerting: { sinks: [{ type: 'webhook', url: 'not a url' }] } })],
      line: /\/alerting\/sinks\/0\/url/,
    },
    {
      name: 'a public URL that is not a URL',
      args: ['--config', config('public-url', { server: { publicUrl: 'drift dot example' } })],
      line: /\/server\/publicUrl/,
    },
    { name: 'a port out of range', args: ['--port', '70000'], line: /port must be an integer/ },
  ];

  for (const c of cases) {
    it(`${c.name}: exits 2 at once with one line, and creates no data directory`, { timeout: 40_000 }, async () => {
      const dataDir = join(root, `data-${c.name.replace(/\W+/g, '-')}`);
      const run = await runServe(['--data-dir', dataDir, ...(c.args ?? [])], { ...c.env });
      expect(run.code, run.stderr + run.stdout).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^driftguard: /);
      expect(lines[0]).toMatch(c.line);
      expect(run.stdout).not.toMatch(/listening/);
      expect(existsSync(dataDir), 'nothing was opened or created').toBe(false);
    });
  }
});
