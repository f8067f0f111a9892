import type Database from 'better-sqlite3';
import type { LeaseRepository } from '../../../ports/store.js';
import type { SqliteConnection } from './connection.js';

const prepare = (db: Database.Database) => ({
  acquire: db.prepare<[string, string, number, number]>(
    `INSERT INTO leases (name, holder, expires_at_ms) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
     WHERE leases.holder = excluded.holder OR leases.expires_at_ms <= ?`,
  ),
  release: db.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND holder = ?'),
});

export function sqliteLeases({ writes, statements }: SqliteConnection): LeaseRepository {
  const sql = statements(prepare);
  return {
    async tryAcquireLease(name, holder, ttlMs, nowMs) {
      return writes.enqueue(() => sql().acquire.run(name, holder, nowMs + ttlMs, nowMs).changes === 1);
    },
    async releaseLease(name, holder) {
      await writes.enqueue(() => sql().release.run(name, holder));
    },
  };
}
