import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainerError, type TrainerJob } from '../../ports/challenger-trainer.js';
import { createParquetWriter } from '../tabular/parquet-writer.js';
import { createLocalBackend } from '../tracking/local/local-backend.js';
import { createCommandTrainer, outputTail } from './command-trainer.js';

const PROGRAM = fileURLToPath(new URL('../../../tests/support/adapters/tagged-version-program.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe('command trainer (a real program in its own process group)', () => {
  const root = mkdtempSync(join(tmpdir(), 'driftguard-command-trainer-'));
  const trackingDir = join(root, 'tracking');
  const jobsDir = join(root, 'jobs');
  let backend: ReturnType<typeof createLocalBackend>;
  let files: Pick<TrainerJob, 'train' | 'validation'>;
  let n = 0;

  beforeAll(async () => {
    backend = createLocalBackend({ dataDir: trackingDir });
    await backend.registry.ensureRegisteredModel('churn');
    const writer = createParquetWriter();
    const columns = [
      { name: 'age', type: 'double' },
      { name: 'plan', type: 'varchar' },
      { name: 'churned', type: 'varchar' },
      { name: 'timestamp', type: 'timestamp' },
    ] as const;
    const rows = (k: number) =>
      Array.from({ length: k }, (_, i) => ({
        age: 30 + i,
        plan: i % 2 ? 'pro' : 'basic',
        churned: i % 3 ? 'no' : 'yes',
        timestamp: 1_700_000_000_000 + i,
      }));
    files = {
      train: { name: 'train.parquet', bytes: await writer.write(columns, rows(40)), rows: 40 },
      validation: { name: 'validation.parquet', bytes: await writer.write(columns, rows(8)), rows: 8 },
    };
    (await import('node:fs')).mkdirSync(jobsDir, { recursive: true });
  });
  afterAll(async () => {
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });

  const job = (timeoutMs = 60_000): TrainerJob => ({
    jobId: `job-${++n}-0123456789abcdef`,
    model: 'churn',
    trigger: { kind: 'drift', reason: '2 high windows in a row' },
    target: 'churned',
    features: ['age', 'plan'],
    timestampColumn: 'timestamp',
    ...files,
    run: {
      runId: 'r1',
      experimentId: '1',
      artifactUri: 'file:///a',
      artifacts: { train: 'data/train.parquet', validation: 'data/validation.parquet' },
    },
    trackingUri: 'http://127.0.0.1:5000',
    timeoutMs,
  });
  const trainer = (mode: string, env: NodeJS.ProcessEnv = process.env) =>
    createCommandTrainer({
      command: [process.execPath, '--import', 'tsx', PROGRAM, mode, trackingDir],
      cwd: REPO,
      registry: backend.registry,
      env,
      jobsDir,
      killGraceMs: 1000,
      settleMs: 2000,
    });
  const given = (jobId: string) =>
    JSON.parse(readFileSync(join(jobsDir, `${jobId}.json`), 'utf8')) as {
      env: Record<string, string>;
      cwd: string;
      train: { columns: string[]; rows: number; first: Record<string, unknown> };
      validation: { rows: number };
    };

  it('runs the program with the job in its environment and finds the version it registered by the job id tag', async () => {
    const j = job();
    const outcome = await trainer('register', {
      ...process.env,
      DRIFTGUARD_ADMIN_KEY: 'secret-admin-key',
      MLFLOW_TRACKING_TOKEN: 't0ken',
    }).train(j);
    expect(outcome.version.tags['driftguard.job_id']).toBe(j.jobId);
    expect(outcome.summary).toMatch(/exited 0 after \d+\.\d s and registered version \d+$/);
    expect(outcome.output).toContain('training on 40 rows');
    const seen = given(j.jobId);
    expect(seen.cwd).toBe(REPO.replace(/\/$/, ''));
    expect(seen.env).toMatchObject({
      DRIFTGUARD_JOB_ID: j.jobId,
      DRIFTGUARD_MODEL_NAME: 'churn',
      DRIFTGUARD_TARGET: 'churned',
      DRIFTGUARD_FEATURES: '["age","plan"]',
      DRIFTGUARD_TIMESTAMP_COLUMN: 'timestamp',
      MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000',
      MLFLOW_TRACKING_TOKEN: 't0ken',
    });
    expect(seen.env.DRIFTGUARD_ADMIN_KEY).toBeUndefined();
    expect(JSON.parse(seen.env.DRIFTGUARD_TRIGGER)).toEqual(j.trigger);
    expect(seen.train).toMatchObject({
      columns: ['age', 'plan', 'churned', 'timestamp'],
      rows: 40,
      first: { age: 30, plan: 'basic', churned: 'yes' },
    });
    expect(seen.validation.rows).toBe(8);
    // the job directory is removed afterwards
    expect(readdirSync(jobsDir).filter((f) => f.startsWith('driftguard-job-'))).toEqual([]);
  }, 60_000);

  it('fails with the exit code and the tail of the output when the program fails', async () => {
    const error = await trainer('fail')
      .train(job())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainerError);
    expect((error as TrainerError).reason).toMatch(/tagged-version-program\.ts fail .* failed: exit code 3 after/);
    expect((error as TrainerError).outputTail.split('\n').at(-1)).toBe('ValueError: the label column has one class');
    expect((error as TrainerError).outputTail).not.toContain('step 1\n');
  }, 60_000);

  it('stops the whole process group at the time-out', async () => {
    const j = job(3000);
    const error = await trainer('hang')
      .train(j)
      .catch((e: unknown) => e);
    expect((error as TrainerError).reason).toMatch(/did not finish within 3\.0 s: stopped/);
    expect((error as TrainerError).outputTail).toContain('still training');
    const grandchild = Number(readFileSync(join(jobsDir, `${j.jobId}.grandchild`), 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // gone, or a zombie nobody reaped yet (its parent, the program, is gone too)
    const state = existsSync(`/proc/${grandchild}/status`)
      ? /State:\s+(\w)/.exec(readFileSync(`/proc/${grandchild}/status`, 'utf8'))?.[1]
      : 'gone';
    expect(['gone', 'Z']).toContain(state);
  }, 60_000);

  it('fails when the program exits 0 but registers nothing, and when it cannot start', async () => {
    await expect(trainer('nothing').train(job())).rejects.toThrow(
      /exited 0 after .* but registered no version of churn tagged driftguard\.job_id=job-/,
    );
    const missing = createCommandTrainer({ command: ['no-such-program-4711'], registry: backend.registry, jobsDir });
    await expect(missing.train(job())).rejects.toThrow(/^cannot start no-such-program-4711: .*ENOENT.*not found/);
  }, 60_000);

  it('keeps the last lines of a long output for a failure message', () => {
    const output = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    expect(outputTail(output, 3)).toBe('line 97\nline 98\nline 99');
  });
});
