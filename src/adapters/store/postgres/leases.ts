import type { LeaseRepository } from '../../../ports/store.js';
import { named, type PostgresConnection } from './connection.js';

const SQL = {
  acquire: named(
    'leases.acquire',
    `INSERT INTO leases (name, holder, expires_at_ms) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
     WHERE leases.holder = excluded.holder OR leases.expires_at_ms <= $4`,
  ),
  release: named('leases.release', 'DELETE FROM leases WHERE name = $1 AND holder = $2'),
};

export function postgresLeases({ pool }: PostgresConnection): LeaseRepository {
  return {
    async tryAcquireLease(name, holder, ttlMs, nowMs) {
      return (await pool.query(SQL.acquire([name, holder, nowMs + ttlMs, nowMs]))).rowCount === 1;
    },
    async releaseLease(name, holder) {
      await pool.query(SQL.release([name, holder]));
    },
  };
}
