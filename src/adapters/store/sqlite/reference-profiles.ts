import type Database from 'better-sqlite3';
import type { ReferenceProfileRepository } from '../../../ports/store.js';
import { type ReferenceProfileRow, toStoredReferenceProfile } from '../row-mapping.js';
import type { SqliteConnection } from './connection.js';
import { jsonColumnDecoder } from './json-columns.js';

const toRow = jsonColumnDecoder<ReferenceProfileRow>('profile');

const prepare = (db: Database.Database) => ({
  insert: db.prepare<[string, string, number, string]>(
    'INSERT INTO reference_profiles (model, source, created_at_ms, profile) VALUES (?, ?, ?, ?) RETURNING *',
  ),
  latest: db.prepare<[string]>('SELECT * FROM reference_profiles WHERE model = ? ORDER BY id DESC LIMIT 1'),
});

export function sqliteReferenceProfiles({ writes, statements }: SqliteConnection): ReferenceProfileRepository {
  const sql = statements(prepare);
  return {
    async saveReferenceProfile(model, source, profile, nowMs) {
      const text = JSON.stringify(profile);
      const row = await writes.enqueue(() => sql().insert.get(model, source, nowMs, text));
      return toStoredReferenceProfile(toRow(row));
    },
    async latestReferenceProfile(model) {
      const row = sql().latest.get(model);
      return row === undefined ? null : toStoredReferenceProfile(toRow(row));
    },
  };
}
