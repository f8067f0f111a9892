import type { ReferenceProfileRepository } from '../../../ports/store.js';
import { type ReferenceProfileRow, toStoredReferenceProfile } from '../row-mapping.js';
import { named, type PostgresConnection } from './connection.js';

const SQL = {
  insert: named(
    'reference-profiles.insert',
    'INSERT INTO reference_profiles (model, source, created_at_ms, profile) VALUES ($1, $2, $3, $4) RETURNING *',
  ),
  latest: named(
    'reference-profiles.latest',
    'SELECT * FROM reference_profiles WHERE model = $1 ORDER BY id DESC LIMIT 1',
  ),
};

export function postgresReferenceProfiles({ pool }: PostgresConnection): ReferenceProfileRepository {
  return {
    async saveReferenceProfile(model, source, profile, nowMs) {
      const text = JSON.stringify(profile);
      const result = await pool.query<ReferenceProfileRow>(SQL.insert([model, source, nowMs, text]));
      return toStoredReferenceProfile(result.rows[0]);
    },
    async latestReferenceProfile(model) {
      const row = (await pool.query<ReferenceProfileRow>(SQL.latest([model]))).rows[0];
      return row === undefined ? null : toStoredReferenceProfile(row);
    },
  };
}
