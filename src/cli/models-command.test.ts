import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrackingBackend } from '../compose.js';
import { createModelsCommand, type ModelsAction, runModels } from './models-command.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-models-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'store');
let runIds: string[] = [];

beforeAll(async () => {
  const backend = createTrackingBackend({ dataDir, env: {} });
  const experiment = await backend.tracking.ensureExperiment('credit');
  await backend.registry.ensureRegisteredModel('credit-default');
  runIds = [];
  for (let i = 0; i < 3; i++) {
    const run = await backend.tracking.createRun({
      experimentId: experiment.experimentId,
      runName: `fit-${i}`,
      startTimeMs: 1000 + i,
    });
    runIds.push(run.runId);
    await backend.registry.createModelVersion({
      name: 'credit-default',
      source: `${run.artifactUri}/model`,
      runId: run.runId,
    });
  }
  await backend.close();
});

async function models(action: ModelsAction, options: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runModels(
    action,
    { dataDir, ...options },
    {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: { USER: 'tester' },
    },
  );
  return { code, stdout, stderr };
}

describe('driftguard models', () => {
  it('promotes, lists versions with run ids, rolls back, and lists models with aliases', async () => {
    expect(
      (await models({ action: 'promote', name: 'credit-default', version: '1' }, { reason: 'first' })).stdout,
    ).toContain('credit-default: moved champion (unset) -> 1');
    const promoted = await models(
      { action: 'promote', name: 'credit-default', version: '3' },
      { reason: 'drift retrain' },
    );
    expect(promoted).toMatchObject({ code: 0, stderr: '' });
    expect(promoted.stdout).toContain('credit-default: moved champion 1 -> 3');
    expect(promoted.stdout).toContain(`version=3\trun_id=${runIds[2]} aliases=champion`);

    const versions = await models({ action: 'versions', name: 'credit-default' });
    expect(
      versions.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[1]),
    ).toEqual(['version=3', 'version=2', 'version=1']);
    expect(versions.stdout).toContain(`run_id=${runIds[0]}`);

    const rolled = await models({ action: 'rollback', name: 'credit-default' }, { reason: 'bad in prod', by: 'ops' });
    expect(rolled.stdout).toContain('credit-default: rolled back champion 3 -> 1');
    expect((await models({ action: 'list' })).stdout).toBe('credit-default\tchampion=1\n');
  });

  it('exits 2 with one line for an unknown model, a missing version, no reason, or nothing to roll back', async () => {
    for (const [action, options, pattern] of [
      [{ action: 'versions', name: 'nope' }, {}, /model "nope" is not registered/],
      [
        { action: 'promote', name: 'credit-default', version: '9' },
        { reason: 'x' },
        /version 9 of model "credit-default" not found/,
      ],
      [{ action: 'promote', name: 'credit-default', version: '2' }, {}, /--reason is required/],
      [
        { action: 'rollback', name: 'credit-default' },
        { reason: 'x', alias: 'challenger' },
        /has no challenger to roll back/,
      ],
      [{ action: 'list' }, { trackingUri: 'databricks://x' }, /"databricks:" is not supported/],
      [{ action: 'rollback', name: 'nope' }, { reason: 'x' }, /model "nope" is not registered/],
    ] as const) {
      const result = await models(action as ModelsAction, options as Record<string, string>);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).toMatch(pattern);
    }
  });

  it('parses argv through commander: an MLflow outage exits 2 with one line and no credentials', async () => {
    let stderr = '';
    const previous = process.exitCode;
    const command = createModelsCommand({
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      env: { MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'cli-secret-pw' },
    });
    await command.parseAsync(['list', '--tracking-uri', 'http://127.0.0.1:9'], { from: 'user' });
    expect(process.exitCode).toBe(2);
    process.exitCode = previous;
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^driftguard models list: MLflow GET \/api\/2\.0\/mlflow\/registered-models\/search failed: could not reach/,
    );
    expect(stderr).not.toContain('cli-secret-pw');
  });
});
