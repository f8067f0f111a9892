import { assertMigrationSequence, type Migration } from '../../migration.js';
import { initialSchema } from './0001-initial.js';
import { alertsSchema } from './0002-alerts.js';
import { referenceProfilesSchema } from './0003-reference-profiles.js';
import { retrainingJobsSchema } from './0004-retraining-jobs.js';

/** SQLite migrations in version order. */
export const sqliteMigrations: readonly Migration[] = [initialSchema, alertsSchema, referenceProfilesSchema, retrainingJobsSchema];
assertMigrationSequence(sqliteMigrations);
