/**
 * Test helper: a real `mlflow models serve --env-manager local` process for a registered model, in its own process
 * group (stopped with everything it started), listening on a free loopback port. Start is slow (≈10–30 s on a
 * loaded 2-core machine): start it once per test file.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { delimiter, dirname } from 'node:path';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface MlflowModelsServe {
  readonly url: string;
  /** Resolves when `GET /ping` answers 200; rejects with the log tail when the process exits or the time runs out. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export async function startMlflowModelsServe(options: {
  mlflowBin: string;
  modelUri: string;
  trackingUri: string;
  startTimeoutMs?: number;
}): Promise<MlflowModelsServe> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    options.mlflowBin,
    [
      'models',
      'serve',
      '-m',
      options.modelUri,
      '--env-manager',
      'local',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-w',
      '1',
    ],
    {
      // it runs `uvicorn` by name: the venv's bin goes first on PATH, as after `source .venv-byom/bin/activate`
      env: {
        ...process.env,
        MLFLOW_TRACKING_URI: options.trackingUri,
        PATH: `${dirname(options.mlflowBin)}${delimiter}${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const ready = (async () => {
    const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
    while (Date.now() < deadline) {
      if (exited) throw new Error(`mlflow models serve exited before it was ready; log tail:\n${log}`);
      const ok = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`mlflow models serve did not answer ${url}/ping in time; log tail:\n${log}`);
  })();
  ready.catch(() => undefined); // observed by the caller; no unhandled rejection when it is not
  return {
    url,
    ready,
    async stop() {
      if (exited || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}
