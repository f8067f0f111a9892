import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'driftguard-serve-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const withoutDriftguardVariables = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !/^(DRIFTGUARD_|MLFLOW_)/.test(name)));

/** Runs the real `driftguard serve` entry point; resolves with its exit code and output. */
function runServe(args: readonly string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0', ...args], {
    env: { ...withoutDriftguardVariables(process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    // A serve that hangs instead of exiting is killed here, so its exit code is null, never 2.
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

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
