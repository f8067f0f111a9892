import type { Store } from '../../../ports/store.js';
import { runMigrations } from '../migration-runner.js';
import { guardStoreInputs } from '../store-input-guard.js';
import { sqliteAlerts } from './alerts.js';
import { openSqliteConnection, type SqliteStoreOptions } from './connection.js';
import { sqliteDriftReports } from './drift-reports.js';
import { sqliteLeases } from './leases.js';
import { sqliteMigrations } from './migrations/index.js';
import { sqliteMonitoredModels } from './monitored-models.js';
import { sqlitePredictionLog } from './prediction-log.js';
import { sqliteReferenceProfiles } from './reference-profiles.js';
import { sqliteRetrainingJobs } from './retraining-jobs.js';
import { sqliteMigrationTarget } from './schema-migrations.js';

export type { SqliteStoreOptions } from './connection.js';

/** The embedded store: one SQLite file in WAL mode (better-sqlite3), durable commits, versioned migrations. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const connection = openSqliteConnection(options);
  return guardStoreInputs({
    async migrate() {
      const version = await runMigrations(sqliteMigrationTarget(connection.db), sqliteMigrations);
      connection.prepareStatements();
      return version;
    },
    close: () => connection.close(),
    ...sqlitePredictionLog(connection),
    ...sqliteMonitoredModels(connection),
    ...sqliteDriftReports(connection),
    ...sqliteLeases(connection),
    ...sqliteAlerts(connection),
    ...sqliteReferenceProfiles(connection),
    ...sqliteRetrainingJobs(connection),
  });
}
