import { describe, expect, it, vi } from 'vitest';
import { runMigrations } from '../migration-runner.js';
import { openSqliteConnection } from './connection.js';
import { sqliteMigrations } from './migrations/index.js';
import { sqlitePredictionLog } from './prediction-log.js';
import { sqliteMigrationTarget } from './schema-migrations.js';

describe('SQLite prediction log statements', () => {
  it('are prepared once per store: fixed reads never again, a log page once per filter shape', async () => {
    const connection = openSqliteConnection({ path: ':memory:' });
    const log = sqlitePredictionLog(connection);
    await runMigrations(sqliteMigrationTarget(connection.db), sqliteMigrations);
    connection.prepareStatements();
    const prepare = vi.spyOn(connection.db, 'prepare');
    await log.latestPredictions('m', 10);
    await log.listPredictions('m', { limit: 10, labeled: true });
    await log.listPredictions('m', { limit: 5, labeled: true });
    await log.listPredictions('m', { limit: 5, labeled: false });
    expect(prepare).toHaveBeenCalledTimes(2);
    await connection.close();
  });
});
