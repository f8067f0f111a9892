import { describeWithComponent } from '../../../../tests/support/components/describe-with-component.js';
import {
  POSTGRES_TEST_URL,
  postgresComponent,
  postgresTestSchema,
} from '../../../../tests/support/components/postgres.js';
import { storeContract } from '../store.contract.js';
import { createPostgresStore } from './postgres-store.js';

describeWithComponent('PostgreSQL store', postgresComponent, () => {
  // The store creates its schema itself; the test only drops it after.
  const { schema, drop } = postgresTestSchema('dg_contract');
  storeContract('PostgreSQL', {
    create: async () => createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema, maxConnections: 4 }),
    dispose: async () => {
      await drop();
    },
  });
});
