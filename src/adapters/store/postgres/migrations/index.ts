import { assertMigrationSequence, type Migration } from '../../migration.js';
import { initialSchema } from './0001-initial.js';

/** PostgreSQL migrations in version order. */
export const postgresMigrations: readonly Migration[] = [initialSchema];
assertMigrationSequence(postgresMigrations);
