import type Database from 'better-sqlite3';

interface PendingWork {
  run(): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface GroupCommit {
  /**
   * Queues `work` for the next group transaction (one per event-loop turn): it runs inside its own savepoint, so a
   * throw rolls back only its own writes and rejects only its caller. Resolves after the group has committed.
   */
  enqueue<T>(work: () => T): Promise<T>;
  /** Runs the queued work now (before closing the database). */
  flush(): void;
}

/**
 * Group commit for better-sqlite3: concurrent writers of one event-loop turn share one transaction, hence one WAL
 * fsync, instead of paying one each. Every caller is resolved only once the shared commit has returned; when the
 * commit itself fails, every caller of the group is rejected with that error.
 */
export function createGroupCommit(db: Database.Database): GroupCommit {
  let queue: PendingWork[] = [];
  let scheduled: NodeJS.Immediate | null = null;
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

  function flush(): void {
    if (scheduled !== null) clearImmediate(scheduled);
    scheduled = null;
    const group = queue;
    queue = [];
    if (group.length === 0) return;
    let outcomes: ReturnType<typeof runGroup>;
    try {
      outcomes = runGroup(group);
    } catch (error) {
      for (const work of group) work.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? group[i].resolve(outcome.value) : group[i].reject(outcome.error)));
  }

  return {
    enqueue<T>(run: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
        scheduled ??= setImmediate(flush);
      });
    },
    flush,
  };
}
