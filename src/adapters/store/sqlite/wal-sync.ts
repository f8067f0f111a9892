import { type FileHandle, open } from 'node:fs/promises';

export interface WalSync {
  /**
   * Resolves once every WAL frame written before the call is on disk (fdatasync in libuv's thread pool). At most one
   * fdatasync runs at a time: callers arriving while one runs share the next one (group commit of the syncs).
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}

interface Waiters {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function waiters(): Waiters {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Syncs a WAL-mode database's write-ahead log without blocking the event loop: what `synchronous = FULL` does at each
 * commit, done instead by the group commit after the commit has returned. The file is opened on first use (SQLite
 * creates it with the first write) and stays open: a checkpoint resets or truncates it in place, never replaces it.
 */
export function createWalSync(databasePath: string): WalSync {
  let handle: Promise<FileHandle> | null = null;
  let running: Promise<void> | null = null;
  let next: Waiters | null = null;

  /**
   * A failed fdatasync is final: Linux may drop the unsynced pages and mark them clean, so a later fdatasync that
   * succeeds would not cover the frames written before it. Every later sync rejects with the first error (the process
   * must restart and recover from what is on disk) instead of acknowledging writes that a crash could lose.
   */
  let failed: { readonly error: unknown } | null = null;

  async function datasync(): Promise<void> {
    if (failed !== null) throw failed.error;
    handle ??= open(`${databasePath}-wal`, 'r+');
    let file: FileHandle;
    try {
      file = await handle;
    } catch (error) {
      handle = null; // not opened yet (no WAL file): nothing was synced, a later call may open it
      throw error;
    }
    try {
      await file.datasync();
    } catch (error) {
      failed ??= { error };
      throw error;
    }
  }

  function begin(): Promise<void> {
    const started = datasync();
    running = started;
    const finished = () => {
      running = null;
      if (next === null) return;
      const group = next;
      next = null;
      begin().then(group.resolve, group.reject);
    };
    started.then(finished, finished);
    return started;
  }

  return {
    sync() {
      if (running === null) return begin();
      next ??= waiters();
      return next.promise;
    },
    async close() {
      await Promise.allSettled([running, next?.promise]);
      const h = handle;
      handle = null;
      if (h !== null) await (await h).close().catch(() => undefined);
    },
  };
}
