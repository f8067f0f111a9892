import { afterAll, expect, it } from 'vitest';
import { describeWithComponent } from '../../../../tests/support/components/describe-with-component.js';
import {
  POSTGRES_TEST_URL,
  postgresComponent,
  postgresTestSchema,
} from '../../../../tests/support/components/postgres.js';
import { runMigrations } from '../migration-runner.js';
import { openPostgresConnection } from './connection.js';
import { postgresMigrations } from './migrations/index.js';
import { postgresPredictionLog } from './prediction-log.js';
import { postgresMigrationTarget } from './schema-migrations.js';

describeWithComponent('PostgreSQL prediction log statements', postgresComponent, () => {
  const { schema, drop } = postgresTestSchema('dg_statements');
  // One pooled connection, so the session that prepared the statements is the one asked about them.
  const connection = openPostgresConnection({ connectionString: POSTGRES_TEST_URL, schema, maxConnections: 1 });
  afterAll(async () => {
    await connection.close();
    await drop();
  });

  it('are named: the server keeps them prepared for the session, one per log page shape', async () => {
    await runMigrations(postgresMigrationTarget(connection), postgresMigrations);
    const log = postgresPredictionLog(connection);
    await log.latestPredictions('m', 10);
    await log.listPredictions('m', { limit: 10, labeled: true });
    await log.listPredictions('m', { limit: 5, labeled: true });
    await log.listPredictions('m', { limit: 5, beforeSequence: 3, labeled: false });
    const { rows } = await connection.pool.query<{ name: string }>(
      "SELECT name FROM pg_prepared_statements WHERE name LIKE 'predictions.%' ORDER BY name",
    );
    expect(rows.map((r) => r.name)).toEqual(['predictions.latest', 'predictions.page.bu', 'predictions.page.l']);
  });
});
