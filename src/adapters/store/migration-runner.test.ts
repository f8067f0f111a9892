import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithComponent } from '../../../tests/support/components/describe-with-component.js';
import {
  POSTGRES_TEST_URL,
  postgresComponent,
  postgresTestSchema,
} from '../../../tests/support/components/postgres.js';
import { type Migration, type MigrationTarget, runMigrations } from './migration-runner.js';
import { openPostgresConnection } from './postgres/connection.js';
import { postgresMigrations } from './postgres/migrations/index.js';
import { postgresMigrationTarget } from './postgres/schema-migrations.js';
import { sqliteMigrations } from './sqlite/migrations/index.js';
import { sqliteMigrationTarget } from './sqlite/schema-migrations.js';

/** A fresh empty database of one dialect, seen through the runner's target and one probe query. */
interface Harness {
  readonly target: MigrationTarget;
  /** Rows of `table`, or null when the table does not exist. */
  count(table: string): Promise<number | null>;
  close(): Promise<void>;
}

const first: Migration = { version: 1, name: 'first', sql: 'CREATE TABLE first_table (x INTEGER)' };
const second: Migration = { version: 2, name: 'second', sql: 'CREATE TABLE second_table (x INTEGER)' };
const broken: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE first_table (x INTEGER)' };

function runnerSuite(dialect: string, open: () => Promise<Harness>): void {
  describe(`migration runner on ${dialect}`, () => {
    let db: Harness;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(() => db.close());

    it('refuses a list with a gap before it touches the database', async () => {
      await expect(runMigrations(db.target, [first, { ...second, version: 3 }])).rejects.toThrow(/expected 2/);
      expect(await db.count('schema_migrations')).toBeNull();
    });

    it('applies pending versions once each, all or nothing, and refuses a database newer than its list', async () => {
      expect(await runMigrations(db.target, [first])).toBe(1);
      expect(await runMigrations(db.target, [first])).toBe(1);
      await expect(runMigrations(db.target, [first, second, broken])).rejects.toThrow(/first_table/);
      expect(await db.count('second_table')).toBeNull(); // the failed upgrade left version 1 as it was
      expect(await db.count('schema_migrations')).toBe(1);
      expect(await runMigrations(db.target, [first, second])).toBe(2);
      await expect(runMigrations(db.target, [first])).rejects.toThrow(/version 2 is newer than this driftguard \(1\)/);
    });
  });
}

runnerSuite('SQLite', async () => {
  const sqlite = new Database(':memory:');
  const count = async (table: string) => {
    const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    return exists === undefined ? null : (sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number);
  };
  return { target: sqliteMigrationTarget(sqlite), count, close: async () => void sqlite.close() };
});

describeWithComponent('migration runner on PostgreSQL', postgresComponent, () => {
  const { schema, drop } = postgresTestSchema('dg_migrations');
  runnerSuite('PostgreSQL', async () => {
    const connection = openPostgresConnection({ connectionString: POSTGRES_TEST_URL, schema, maxConnections: 2 });
    const count = async (table: string) => {
      const { rows } = await connection.pool.query('SELECT to_regclass($1) AS found', [`${schema}.${table}`]);
      if (rows[0].found === null) return null;
      return Number((await connection.pool.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
    };
    return {
      target: postgresMigrationTarget(connection),
      count,
      close: async () => {
        await connection.close();
        await drop();
      },
    };
  });
});

describe('the two dialects', () => {
  it('list the same versions under the same names', () => {
    const versions = (list: readonly Migration[]) => list.map((m) => `${m.version} ${m.name}`);
    expect(versions(postgresMigrations)).toEqual(versions(sqliteMigrations));
  });
});
