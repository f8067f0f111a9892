/**
 * The command trainer: runs the user's program (no shell) in its own process group with the job's Parquet files in a
 * job directory and the job in environment variables; captures stdout and stderr; stops the whole group at the
 * time-out (SIGTERM, then SIGKILL); on exit 0 finds the version the program registered, tagged with the job id.
 *
 * Environment given to the program: the parent's, without driftguard's own `DRIFTGUARD_*` variables (API keys stay
 * out), plus DRIFTGUARD_JOB_ID, DRIFTGUARD_MODEL_NAME, DRIFTGUARD_TRAIN_DATA, DRIFTGUARD_VALIDATION_DATA,
 * DRIFTGUARD_TARGET, DRIFTGUARD_FEATURES (JSON array), DRIFTGUARD_TIMESTAMP_COLUMN, DRIFTGUARD_JOB_DIR,
 * DRIFTGUARD_TRIGGER (JSON) and MLFLOW_TRACKING_URI; MLflow's credential variables pass through when set.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChallengerTrainer,
  JOB_ID_TAG,
  NEEDS_MLFLOW,
  TrainerError,
  type TrainerJob,
  type TrainerOutcome,
} from '../../ports/challenger-trainer.js';
import type { ModelRegistry } from '../../ports/model-registry.js';
import { waitForTaggedVersion } from './tagged-version.js';

/** Output kept per run (the end of it); the whole of a longer output is not kept. */
export const MAX_OUTPUT_CHARS = 1 << 20;
/** Lines of output quoted in a failure. */
const TAIL_LINES = 25;

export interface CommandTrainerOptions {
  /** Program and arguments. */
  readonly command: readonly string[];
  /** Working directory (default: the process's). */
  readonly cwd?: string;
  readonly registry: ModelRegistry;
  /** The parent environment (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Parent of the job directories (default: the OS temp dir). */
  readonly jobsDir?: string;
  /** After SIGTERM at the time-out, SIGKILL after this long (default 5 s). */
  readonly killGraceMs?: number;
  /** How long after exit 0 the registry is asked for a version still being registered (default 30 s, at most the time left). */
  readonly settleMs?: number;
}

/** The last lines of an output, for a failure message. */
export function outputTail(output: string, lines = TAIL_LINES): string {
  const all = output.trimEnd().split('\n');
  return all.slice(-lines).join('\n').slice(-4000);
}

function childEnv(
  parent: NodeJS.ProcessEnv,
  job: TrainerJob,
  dir: string,
  files: { train: string; validation: string },
) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(parent)) if (!key.startsWith('DRIFTGUARD_')) env[key] = value;
  return {
    ...env,
    PYTHONUNBUFFERED: env.PYTHONUNBUFFERED ?? '1',
    DRIFTGUARD_JOB_ID: job.jobId,
    DRIFTGUARD_MODEL_NAME: job.model,
    DRIFTGUARD_TRAIN_DATA: files.train,
    DRIFTGUARD_VALIDATION_DATA: files.validation,
    DRIFTGUARD_TARGET: job.target,
    DRIFTGUARD_FEATURES: JSON.stringify(job.features),
    DRIFTGUARD_TIMESTAMP_COLUMN: job.timestampColumn,
    DRIFTGUARD_JOB_DIR: dir,
    DRIFTGUARD_TRIGGER: JSON.stringify(job.trigger),
    MLFLOW_TRACKING_URI: job.trackingUri ?? '',
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function createCommandTrainer(options: CommandTrainerOptions): ChallengerTrainer {
  const [program, ...args] = options.command;
  const shown = options.command.join(' ');
  return {
    description: `command ${shown}`,
    async train(job: TrainerJob): Promise<TrainerOutcome> {
      if (job.trackingUri === null) throw new TrainerError(`the command ${shown} ${NEEDS_MLFLOW}`);
      const dir = await mkdtemp(join(options.jobsDir ?? tmpdir(), `driftguard-job-${job.jobId.slice(0, 8)}-`));
      try {
        const files = { train: join(dir, job.train.name), validation: join(dir, job.validation.name) };
        await writeFile(files.train, job.train.bytes);
        await writeFile(files.validation, job.validation.bytes);
        const started = Date.now();
        const run = await runProgram(program, args, {
          cwd: options.cwd,
          env: childEnv(options.env ?? process.env, job, dir, files),
          timeoutMs: job.timeoutMs,
          killGraceMs: options.killGraceMs ?? 5000,
        });
        const took = Date.now() - started;
        if (run.spawnError !== null)
          throw new TrainerError(
            `cannot start ${program}: ${run.spawnError}${run.spawnError.includes('ENOENT') ? ' (not found: give a path or a program on PATH)' : ''}`,
          );
        if (run.timedOut)
          throw new TrainerError(
            `${shown} did not finish within ${seconds(job.timeoutMs)}: stopped`,
            outputTail(run.output),
          );
        if (run.code !== 0)
          throw new TrainerError(
            `${shown} failed: ${run.signal !== null ? `killed by ${run.signal}` : `exit code ${run.code}`} after ${seconds(took)}`,
            outputTail(run.output),
          );
        const left = job.timeoutMs - took;
        const version = await waitForTaggedVersion(options.registry, job.model, job.jobId, {
          deadlineMs: Date.now() + Math.max(0, Math.min(options.settleMs ?? 30_000, left)),
          pollMs: 500,
        });
        if (version === null)
          throw new TrainerError(
            `${shown} exited 0 after ${seconds(took)} but registered no version of ${job.model} tagged ${JOB_ID_TAG}=${job.jobId}`,
            outputTail(run.output),
          );
        return {
          version,
          output: run.output,
          summary: `${shown} exited 0 after ${seconds(took)} and registered version ${version.version}`,
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

interface ProgramRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly spawnError: string | null;
  /** stdout and stderr interleaved as they arrived, at most MAX_OUTPUT_CHARS (the end). */
  readonly output: string;
}

/** Runs the program in its own process group; at the time-out the group gets SIGTERM, then SIGKILL. */
function runProgram(
  program: string,
  args: readonly string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs: number; killGraceMs: number },
): Promise<ProgramRun> {
  return new Promise((resolve) => {
    let output = '';
    let dropped = 0;
    let timedOut = false;
    let spawnError: string | null = null;
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > MAX_OUTPUT_CHARS) {
        dropped += output.length - MAX_OUTPUT_CHARS;
        output = output.slice(-MAX_OUTPUT_CHARS);
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // the group is gone already
      }
    };
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(
      () => {
        timedOut = true;
        signalGroup('SIGTERM');
        killer = setTimeout(() => signalGroup('SIGKILL'), options.killGraceMs);
      },
      Math.max(0, options.timeoutMs),
    );
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killer);
      resolve({
        code,
        signal,
        timedOut,
        spawnError,
        output: dropped > 0 ? `(first ${dropped} characters of output dropped)\n${output}` : output,
      });
    };
    child.once('error', (error) => {
      spawnError = error.message;
      // A program that never started emits no 'close' of its own.
      if (child.pid === undefined) finish(null, null);
    });
    child.once('close', finish);
  });
}
