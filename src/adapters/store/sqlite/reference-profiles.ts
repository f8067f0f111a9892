import type Database from 'better-sqlite3';
import type { ReferenceProfileRepository } from '../../../ports/store.js';
import {
  REFERENCE_PROFILE_COLUMNS,
  type ReferenceProfileRow,
  referenceProfileColumns,
  toStoredReferenceProfile,
} from '../row-mapping.js';
import type { SqliteConnection } from './connection.js';
import { jsonColumnDecoder } from './json-columns.js';

const toRow = jsonColumnDecoder<ReferenceProfileRow>('profile');

const prepare = (db: Database.Database) => ({
  insert: db.prepare<[string, string, number, string, string | null, number | null]>(
    `INSERT INTO reference_profiles (model, source, created_at_ms, profile, row_sample, row_sample_rows) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${REFERENCE_PROFILE_COLUMNS}`,
  ),
  latest: db.prepare<[string]>(
    `SELECT ${REFERENCE_PROFILE_COLUMNS} FROM reference_profiles WHERE model = ? ORDER BY id DESC LIMIT 1`,
  ),
  rowSample: db.prepare<[string, number], { row_sample: string | null }>(
    'SELECT row_sample FROM reference_profiles WHERE model = ? AND id = ?',
  ),
});

export function sqliteReferenceProfiles({ writes, statements }: SqliteConnection): ReferenceProfileRepository {
  const sql = statements(prepare);
  return {
    async saveReferenceProfile(model, source, profile, nowMs) {
      const columns = referenceProfileColumns(profile);
      const row = await writes.enqueue(() =>
        sql().insert.get(model, source, nowMs, columns.profile, columns.rowSample, columns.rowSampleRows),
      );
      return toStoredReferenceProfile(toRow(row));
    },
    async latestReferenceProfile(model) {
      const row = sql().latest.get(model);
      return row === undefined ? null : toStoredReferenceProfile(toRow(row));
    },
    async referenceRowSample(model, referenceId) {
      const text = sql().rowSample.get(model, referenceId)?.row_sample ?? null;
      return text === null ? null : JSON.parse(text);
    },
  };
}
