import type { ReferenceRowSample } from '../../../domain/reference-row-sample.js';
import type { ReferenceProfileRepository } from '../../../ports/store.js';
import {
  REFERENCE_PROFILE_COLUMNS,
  type ReferenceProfileRow,
  referenceProfileColumns,
  toStoredReferenceProfile,
} from '../row-mapping.js';
import { named, type PostgresConnection } from './connection.js';

const SQL = {
  insert: named(
    'reference-profiles.insert',
    `INSERT INTO reference_profiles (model, source, created_at_ms, profile, row_sample, row_sample_rows) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${REFERENCE_PROFILE_COLUMNS}`,
  ),
  latest: named(
    'reference-profiles.latest',
    `SELECT ${REFERENCE_PROFILE_COLUMNS} FROM reference_profiles WHERE model = $1 ORDER BY id DESC LIMIT 1`,
  ),
  rowSample: named(
    'reference-profiles.row-sample',
    'SELECT row_sample FROM reference_profiles WHERE model = $1 AND id = $2',
  ),
};

export function postgresReferenceProfiles({ pool }: PostgresConnection): ReferenceProfileRepository {
  return {
    async saveReferenceProfile(model, source, profile, nowMs) {
      const columns = referenceProfileColumns(profile);
      const result = await pool.query<ReferenceProfileRow>(
        SQL.insert([model, source, nowMs, columns.profile, columns.rowSample, columns.rowSampleRows]),
      );
      return toStoredReferenceProfile(result.rows[0]);
    },
    async latestReferenceProfile(model) {
      const row = (await pool.query<ReferenceProfileRow>(SQL.latest([model]))).rows[0];
      return row === undefined ? null : toStoredReferenceProfile(row);
    },
    async referenceRowSample(model, referenceId) {
      if (!Number.isSafeInteger(referenceId)) return null;
      const row = (await pool.query<{ row_sample: ReferenceRowSample | null }>(SQL.rowSample([model, referenceId])))
        .rows[0];
      return row?.row_sample ?? null;
    },
  };
}
