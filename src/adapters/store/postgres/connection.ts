import pg from 'pg';

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database` */
  readonly connectionString: string;
  /** Schema that holds driftguard's tables (created if missing); default `public`. */
  readonly schema?: string;
  readonly maxConnections?: number;
}

/** What every PostgreSQL repository is built from: the pool, and transactions on one of its clients. */
export interface PostgresConnection {
  readonly pool: pg.Pool;
  /** The schema driftguard's tables live in (every pooled connection has it as its search_path). */
  readonly schema: string;
  /** Runs `work` between BEGIN and COMMIT on one client; a throw rolls everything back and is rethrown. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function openPostgresConnection(options: PostgresStoreOptions): PostgresConnection {
  const schema = options.schema ?? 'public';
  if (!IDENTIFIER.test(schema)) throw new Error(`schema must match ${IDENTIFIER}, got ${JSON.stringify(schema)}`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);

  return {
    pool,
    schema,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

const statementNames = new Set<string>();

/**
 * A named (prepared) statement: each pooled connection parses and plans it once, later calls only bind values. pg
 * refuses one name used for two texts only when the second runs; a repeated name is refused here, at load time.
 */
export function named(name: string, text: string): (values?: unknown[]) => pg.QueryConfig {
  if (statementNames.has(name)) throw new Error(`statement name ${name} is used twice`);
  statementNames.add(name);
  return (values = []) => ({ name, text, values });
}
