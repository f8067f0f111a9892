import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

/** The environment without driftguard's and MLflow's variables, so a test sees only what it sets. */
export const withoutDriftguardVariables = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !/^(DRIFTGUARD_|MLFLOW_)/.test(name)));

export interface CliRun {
  /** Null when the process was killed: a command that hangs instead of exiting never passes as exit 2. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `driftguard` entry point (source, through tsx) with only `env` of driftguard's variables. */
export function runDriftguardCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, killAfterMs = 25_000) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...withoutDriftguardVariables(process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<CliRun>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}
