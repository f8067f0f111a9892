import type { MigrationLedger, MigrationTarget } from '../migration-runner.js';
import type { PostgresConnection } from './connection.js';

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL
)`;

/** Arbitrary constant key for the advisory lock that serializes migrations across replicas. */
const MIGRATION_LOCK_KEY = 7_352_914_001;

/**
 * PostgreSQL's side of the migration runner: one transaction on one client, holding a transaction-scoped advisory lock
 * first, so replicas starting together upgrade one after the other and the later ones find the upgrade done.
 */
export function postgresMigrationTarget(connection: PostgresConnection): MigrationTarget {
  return {
    upgrade: (work) =>
      connection.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${connection.schema}`);
        const ledger: MigrationLedger = {
          async appliedVersion() {
            await client.query(CREATE_LEDGER);
            const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
            return Number(rows[0].v);
          },
          async apply(migration, appliedAtMs) {
            await client.query(migration.sql);
            await client.query('INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)', [
              migration.version,
              migration.name,
              appliedAtMs,
            ]);
          },
        };
        return work(ledger);
      }),
  };
}
