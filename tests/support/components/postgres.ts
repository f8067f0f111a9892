import pg from 'pg';

/** The PostgreSQL of the tests (trust auth); override with DRIFTGUARD_TEST_POSTGRES_URL. */
export const POSTGRES_TEST_URL = process.env.DRIFTGUARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The PostgreSQL component for describeWithComponent. */
export const postgresComponent = {
  name: 'PostgreSQL',
  available: (): Promise<string | null> =>
    withClient(async (client) => {
      await client.query('SELECT 1');
      return null;
    }).catch((error: unknown) => `${POSTGRES_TEST_URL}: ${(error as Error).message}`),
};

/**
 * A schema of the test's own: `create` makes it and returns a store URL whose libpq `options` put the tables in it;
 * `drop` removes it with everything inside.
 */
export function postgresTestSchema(prefix: string) {
  const schema = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  return {
    schema,
    async create(): Promise<string> {
      await withClient((client) => client.query(`CREATE SCHEMA ${schema}`));
      return `${POSTGRES_TEST_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    },
    drop: () => withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
  };
}
