import type Database from 'better-sqlite3';
import type { MigrationLedger, MigrationTarget } from '../migration-runner.js';

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL
)`;

/**
 * SQLite's side of the migration runner. BEGIN IMMEDIATE takes the write lock before the applied version is read, so a
 * second process opening the same file waits (busy_timeout) and then finds the upgrade done. The ledger's calls are
 * synchronous and the runner awaits nothing else, so no other work of this process (a group commit) runs on the
 * connection inside the transaction.
 */
export function sqliteMigrationTarget(db: Database.Database): MigrationTarget {
  const ledger: MigrationLedger = {
    async appliedVersion() {
      db.exec(CREATE_LEDGER);
      return db.prepare<[], number>('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck().get() ?? 0;
    },
    async apply(migration, appliedAtMs) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        appliedAtMs,
      );
    },
  };
  return {
    async upgrade(work) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(ledger);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}
