import pg from 'pg';
import { describeWithComponent } from '../../../../tests/support/components.js';
import { storeContract } from '../store.contract.js';
import { createPostgresStore } from './postgres-store.js';

const connectionString = process.env.DRIFTGUARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `dg_contract_${process.pid}_${Date.now().toString(36)}`;

async function postgresAvailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `${connectionString}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describeWithComponent('PostgreSQL store', { name: 'PostgreSQL', available: postgresAvailable }, () => {
  storeContract('PostgreSQL', {
    create: async () => createPostgresStore({ connectionString, schema, maxConnections: 4 }),
    dispose: async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  });
});
