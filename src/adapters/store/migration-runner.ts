/** One versioned schema change; versions are applied in ascending order, each exactly once. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The `schema_migrations` table of one database, seen from inside an upgrade's transaction. */
export interface MigrationLedger {
  /** The highest version applied so far (0 on a new database); creates the table when it is missing. */
  appliedVersion(): Promise<number>;
  /** Runs one migration's SQL and records it as applied. */
  apply(migration: Migration, appliedAtMs: number): Promise<void>;
}

/** What each dialect provides: a transaction that no other process migrating the same database can interleave with. */
export interface MigrationTarget {
  upgrade<T>(work: (ledger: MigrationLedger) => Promise<T>): Promise<T>;
}

/** Throws unless versions are 1..n without gaps or repeats (a wrong list must never reach a database). */
export function assertMigrationSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}

/**
 * Applies the pending migrations of either dialect in one transaction (all or nothing: a failing migration leaves the
 * database at the version it had) and returns the version now in force. A database newer than this build is refused
 * rather than written to with an older idea of its tables.
 */
export async function runMigrations(target: MigrationTarget, migrations: readonly Migration[]): Promise<number> {
  assertMigrationSequence(migrations);
  return target.upgrade(async (ledger) => {
    const applied = await ledger.appliedVersion();
    if (applied > migrations.length) {
      throw new Error(
        `database schema version ${applied} is newer than this driftguard (${migrations.length}); upgrade driftguard`,
      );
    }
    for (const migration of migrations.slice(applied)) await ledger.apply(migration, Date.now());
    return migrations.length;
  });
}
