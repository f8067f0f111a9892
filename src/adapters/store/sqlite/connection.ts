import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { startCheckpointThread } from './checkpoint-thread.js';
import { createGroupCommit, type GroupCommit } from './group-commit.js';
import { createWalSync } from './wal-sync.js';

export interface SqliteStoreOptions {
  /** Database file; `:memory:` for tests. Parent directories are created. */
  readonly path: string;
  /**
   * `FULL` (default): a resolved write survives a process crash and an OS crash / power loss.
   * `NORMAL`: survives a process crash (SIGKILL) but may lose the last commits on power loss; faster.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * WAL checkpoints from a worker thread (default for files): the event loop does not copy pages back and fsync the
   * database file every 1,000 WAL pages; it checkpoints itself only past 10,000 pages (a backstop).
   */
  readonly checkpointInThread?: boolean;
}

/** What every SQLite repository is built from: the connection, its group commit and its prepared statements. */
export interface SqliteConnection {
  readonly db: Database.Database;
  /** Every write goes through it (see createGroupCommit): one transaction and one WAL fsync per event-loop turn. */
  readonly writes: GroupCommit;
  /**
   * A repository's statements, prepared once per store when migrate() has created the tables; the accessor refuses
   * before that, with a message that says so.
   */
  statements<T>(prepare: (db: Database.Database) => T): () => T;
  /** Prepares every repository's statements (called by migrate(), once the schema is current). */
  prepareStatements(): void;
  close(): Promise<void>;
}

/** One SQLite file in WAL mode (better-sqlite3) with durable group commits. */
export function openSqliteConnection(options: SqliteStoreOptions): SqliteConnection {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  const journalMode = db.pragma('journal_mode = WAL', { simple: true });
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  const checkpoints =
    journalMode === 'wal' && options.checkpointInThread !== false
      ? startCheckpointThread(options.path, {
          onError: (message) => console.error(`SQLite checkpoint thread: ${message}`),
        })
      : null;
  if (checkpoints !== null) db.pragma('wal_autocheckpoint = 10000');
  // With synchronous=FULL on a file, the group's WAL fsync runs in libuv's thread pool instead of on the event loop.
  const walSync =
    journalMode === 'wal' && (options.synchronous ?? 'FULL') === 'FULL' ? createWalSync(options.path) : null;
  // Every write (appends, label joins, leases, models, drift reports, alerts, profiles, retraining jobs) goes through
  // the group commit: the writes of one event-loop turn share one transaction and one fsync, run off the event loop,
  // and each keeps its own savepoint.
  const writes = createGroupCommit(db, { syncAfterCommit: walSync?.sync });

  const preparers: (() => void)[] = [];
  return {
    db,
    writes,
    statements(prepare) {
      let prepared: ReturnType<typeof prepare> | null = null;
      preparers.push(() => (prepared ??= prepare(db)));
      return () => {
        if (prepared === null) throw new Error('store not migrated: call migrate() first');
        return prepared;
      };
    },
    prepareStatements() {
      for (const prepare of preparers) prepare();
    },
    async close() {
      await writes.drain();
      await walSync?.close();
      await checkpoints?.stop();
      db.close();
    },
  };
}
