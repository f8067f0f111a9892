import { assertMigrationSequence, type Migration } from '../../migration.js';
import { initialSchema } from './0001-initial.js';
import { alertsSchema } from './0002-alerts.js';

/** PostgreSQL migrations in version order. */
export const postgresMigrations: readonly Migration[] = [initialSchema, alertsSchema];
assertMigrationSequence(postgresMigrations);
