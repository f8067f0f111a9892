import type Database from 'better-sqlite3';

interface PendingWork {
  run(): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /**
   * Makes a committed group durable off the event loop (e.g. fdatasync of the WAL file in libuv's thread pool). When
   * given, groups commit with `synchronous = NORMAL` (no fsync on the event loop) and callers are resolved only after
   * it has resolved; the connection's other statements keep `synchronous = FULL`. When absent, a group is as durable
   * as the connection's own setting makes it when its commit returns.
   */
  readonly syncAfterCommit?: () => Promise<void>;
}

export interface GroupCommit {
  /**
   * Queues `work` for the next group transaction (one per event-loop turn): it runs inside its own savepoint, so a
   * throw rolls back only its own writes and rejects only its caller. Resolves after the group is committed (and synced).
   */
  enqueue<T>(work: () => T): Promise<T>;
  /** Runs the queued work now and waits until every group's sync has finished (before closing the database). */
  drain(): Promise<void>;
}

/**
 * Group commit for better-sqlite3: concurrent writers of one event-loop turn share one transaction, hence one WAL
 * fsync, instead of paying one each. Every caller is resolved only once the shared commit (and its sync) is done; when
 * either fails, every caller of the group is rejected with that error. With `syncAfterCommit` the event loop keeps
 * serving (parsing, validating) while a group's fsync runs, and everything queued meanwhile commits as the next group.
 */
export function createGroupCommit(db: Database.Database, options: GroupCommitOptions = {}): GroupCommit {
  const sync = options.syncAfterCommit;
  let queue: PendingWork[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  const syncing = new Set<Promise<void>>();
  const inSavepoint = db.transaction((work: PendingWork) => work.run());
  const runGroup = db.transaction((group: readonly PendingWork[]) =>
    group.map((work) => {
      try {
        return { ok: true as const, value: inSavepoint(work) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );

  function commit(group: readonly PendingWork[]): ReturnType<typeof runGroup> {
    if (sync === undefined) return runGroup(group);
    db.pragma('synchronous = NORMAL');
    try {
      return runGroup(group);
    } finally {
      db.pragma('synchronous = FULL');
    }
  }

  function flush(): void {
    if (scheduled !== null) clearImmediate(scheduled);
    scheduled = null;
    const group = queue;
    queue = [];
    if (group.length === 0) return;
    let outcomes: ReturnType<typeof runGroup>;
    try {
      outcomes = commit(group);
    } catch (error) {
      for (const work of group) work.reject(error);
      return;
    }
    const settle = () =>
      outcomes.forEach((outcome, i) => (outcome.ok ? group[i].resolve(outcome.value) : group[i].reject(outcome.error)));
    if (sync === undefined) {
      settle();
      return;
    }
    // While this group syncs, new work queues up and is committed as one group when the sync is done.
    const synced: Promise<void> = sync().then(settle, (error: unknown) => group.forEach((work) => work.reject(error)));
    syncing.add(synced);
    void synced.finally(() => {
      syncing.delete(synced);
      if (syncing.size === 0 && queue.length > 0) scheduled ??= setImmediate(flush);
    });
  }

  return {
    enqueue<T>(run: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
        if (syncing.size === 0) scheduled ??= setImmediate(flush);
      });
    },
    async drain() {
      flush();
      await Promise.all(syncing);
    },
  };
}
