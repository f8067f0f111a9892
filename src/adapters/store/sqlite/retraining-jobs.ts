import type Database from 'better-sqlite3';
import type { RetrainingJob } from '../../../domain/retraining-job.js';
import type { RetrainingJobRepository } from '../../../ports/store.js';
import { requirePositiveInteger, retrainingJobColumns } from '../row-mapping.js';
import type { SqliteConnection } from './connection.js';

const prepare = (db: Database.Database) => ({
  upsert: db.prepare(
    `INSERT INTO retraining_jobs (id, model, status, finished, created_at_ms, updated_at_ms, body)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished = excluded.finished,
     updated_at_ms = excluded.updated_at_ms, body = excluded.body`,
  ),
  byId: db.prepare<[string, string], string>('SELECT body FROM retraining_jobs WHERE model = ? AND id = ?').pluck(),
  // Named parameters: @model and @before are each used twice; an unknown cursor gives an empty page.
  page: db
    .prepare<{ model: string; before: string | null; limit: number }, string>(
      `SELECT body FROM retraining_jobs WHERE model = @model
     AND seq < COALESCE((SELECT seq FROM retraining_jobs WHERE model = @model AND id = @before),
                        CASE WHEN @before IS NULL THEN 9223372036854775807 ELSE 0 END)
     ORDER BY seq DESC LIMIT @limit`,
    )
    .pluck(),
  open: db.prepare<[string], string>('SELECT body FROM retraining_jobs WHERE model = ? AND finished = 0').pluck(),
});

const toJob = (body: string | undefined): RetrainingJob | null =>
  body === undefined ? null : (JSON.parse(body) as RetrainingJob);

export function sqliteRetrainingJobs({ writes, statements }: SqliteConnection): RetrainingJobRepository {
  const sql = statements(prepare);
  return {
    async saveRetrainingJob(job) {
      const { finished, body } = retrainingJobColumns(job);
      const { id, model, status, createdAtMs, updatedAtMs } = job;
      await writes.enqueue(() => sql().upsert.run(id, model, status, finished ? 1 : 0, createdAtMs, updatedAtMs, body));
    },
    async getRetrainingJob(model, id) {
      return toJob(sql().byId.get(model, id));
    },
    async listRetrainingJobs(model, query) {
      const before = query.beforeId ?? null;
      const bodies = sql().page.all({ model, before, limit: requirePositiveInteger(query.limit, 'limit') });
      return bodies.map((body) => JSON.parse(body) as RetrainingJob);
    },
    async openRetrainingJob(model) {
      return toJob(sql().open.get(model));
    },
  };
}
