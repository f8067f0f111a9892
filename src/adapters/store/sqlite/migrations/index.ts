import { assertMigrationSequence, type Migration } from '../../migration.js';
import { initialSchema } from './0001-initial.js';

/** SQLite migrations in version order. */
export const sqliteMigrations: readonly Migration[] = [initialSchema];
assertMigrationSequence(sqliteMigrations);
