import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD_SCRIPT = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServeProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` as printed in the start-up line. */
  readonly baseUrl: string;
  readonly pid: number;
  /** Everything the process wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** Resolves with the exit code / signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `driftguard serve --host 127.0.0.1 --port 0 …flags` as a child process (node + tsx) and waits for its
 * `driftguard listening on http://…` line. Rejects with the process output when it exits or times out first.
 */
export async function startServeProcess(
  flags: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { timeoutMs?: number; nodeArgs?: readonly string[] } = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', CHILD_SCRIPT, '--host', '127.0.0.1', '--port', '0', ...flags],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`driftguard serve did not start within ${options.timeoutMs ?? 90_000} ms:\n${output}`));
    }, options.timeoutMs ?? 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /driftguard listening on (http:\/\/\S+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`driftguard serve exited (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  });
  return { child, baseUrl, pid: child.pid ?? -1, output: () => output, exited };
}
