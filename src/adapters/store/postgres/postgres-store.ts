import type { Store } from '../../../ports/store.js';
import { runMigrations } from '../migration-runner.js';
import { guardStoreInputs } from '../store-input-guard.js';
import { postgresAlerts } from './alerts.js';
import { openPostgresConnection, type PostgresStoreOptions } from './connection.js';
import { postgresDriftReports } from './drift-reports.js';
import { postgresLeases } from './leases.js';
import { postgresMigrations } from './migrations/index.js';
import { postgresMonitoredModels } from './monitored-models.js';
import { postgresPredictionLog } from './prediction-log.js';
import { postgresReferenceProfiles } from './reference-profiles.js';
import { postgresRetrainingJobs } from './retraining-jobs.js';
import { postgresMigrationTarget } from './schema-migrations.js';

export type { PostgresStoreOptions } from './connection.js';

/** The scale-out store several replicas share (node-postgres pool, JSONB columns, versioned migrations). */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  const connection = openPostgresConnection(options);
  return guardStoreInputs({
    migrate: () => runMigrations(postgresMigrationTarget(connection), postgresMigrations),
    close: () => connection.close(),
    ...postgresPredictionLog(connection),
    ...postgresMonitoredModels(connection),
    ...postgresDriftReports(connection),
    ...postgresLeases(connection),
    ...postgresAlerts(connection),
    ...postgresReferenceProfiles(connection),
    ...postgresRetrainingJobs(connection),
  });
}
