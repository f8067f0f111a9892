import type { RetrainingJob } from '../../../domain/retraining-job.js';
import type { RetrainingJobRepository } from '../../../ports/store.js';
import { requirePositiveInteger, retrainingJobColumns } from '../row-mapping.js';
import { named, type PostgresConnection } from './connection.js';

const SQL = {
  upsert: named(
    'retraining-jobs.upsert',
    `INSERT INTO retraining_jobs (id, model, status, finished, created_at_ms, updated_at_ms, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished = excluded.finished,
     updated_at_ms = excluded.updated_at_ms, body = excluded.body`,
  ),
  byId: named('retraining-jobs.by-id', 'SELECT body FROM retraining_jobs WHERE model = $1 AND id = $2'),
  // $1 (model) and $2 (cursor) are each used twice; an unknown cursor gives an empty page.
  page: named(
    'retraining-jobs.page',
    `SELECT body FROM retraining_jobs WHERE model = $1
     AND seq < COALESCE((SELECT seq FROM retraining_jobs WHERE model = $1 AND id = $2),
                        CASE WHEN $2::text IS NULL THEN 9223372036854775807 ELSE 0 END)
     ORDER BY seq DESC LIMIT $3`,
  ),
  open: named('retraining-jobs.open', 'SELECT body FROM retraining_jobs WHERE model = $1 AND NOT finished'),
};

type BodyRow = { body: RetrainingJob };

export function postgresRetrainingJobs({ pool }: PostgresConnection): RetrainingJobRepository {
  return {
    async saveRetrainingJob(job) {
      const { finished, body } = retrainingJobColumns(job);
      const { id, model, status, createdAtMs, updatedAtMs } = job;
      await pool.query(SQL.upsert([id, model, status, finished, createdAtMs, updatedAtMs, body]));
    },
    async getRetrainingJob(model, id) {
      return (await pool.query<BodyRow>(SQL.byId([model, id]))).rows[0]?.body ?? null;
    },
    async listRetrainingJobs(model, query) {
      const before = query.beforeId ?? null;
      const result = await pool.query<BodyRow>(SQL.page([model, before, requirePositiveInteger(query.limit, 'limit')]));
      return result.rows.map((row) => row.body);
    },
    async openRetrainingJob(model) {
      return (await pool.query<BodyRow>(SQL.open([model]))).rows[0]?.body ?? null;
    },
  };
}
