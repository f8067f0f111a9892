import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The checkpointer's code (CommonJS, evaluated in the worker: no separate file to locate in src/ or dist/). */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface CheckpointThread {
  /** Stops the thread after a last checkpoint. */
  stop(): Promise<void>;
}

/**
 * Copies WAL frames back into the database file from a worker thread (PASSIVE checkpoints every `everyMs`, on its
 * own connection), so the writer's event loop seldom pays for a checkpoint's page copies and fsyncs: the writer keeps
 * a high auto-checkpoint threshold as a backstop, and finds the frames already copied when it reaches it.
 */
export function startCheckpointThread(
  path: string,
  options: { everyMs?: number; onError?: (message: string) => void } = {},
): CheckpointThread {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { path, driver, everyMs: options.everyMs ?? 200 },
    name: 'driftguard-sqlite-checkpoint',
  });
  worker.unref();
  worker.on('message', (message: { error: string }) => options.onError?.(message.error));
  worker.on('error', (error) => options.onError?.(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Unref'd, the thread would not keep the process alive while stop() waits for it: with nothing else pending the
      // process exited there, and the caller's code after `await store.close()` never ran.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
