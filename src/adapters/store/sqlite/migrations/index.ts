import { assertMigrationSequence, type Migration } from '../../migration.js';
import { initialSchema } from './0001-initial.js';
import { alertsSchema } from './0002-alerts.js';

/** SQLite migrations in version order. */
export const sqliteMigrations: readonly Migration[] = [initialSchema, alertsSchema];
assertMigrationSequence(sqliteMigrations);
