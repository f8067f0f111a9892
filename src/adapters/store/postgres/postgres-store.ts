import type { Alert } from '../../../domain/alert.js';
import type { RetrainingJob } from '../../../domain/retraining-job.js';
import type { GroundTruthLabel, NewPrediction } from '../../../domain/prediction-record.js';
import type { AppendPredictionsResult, AttachLabelsResult, Store } from '../../../ports/store.js';
import {
  alertQueryParameters,
  lastLabelPerId,
  toAlertDelivery,
  toStoredReferenceProfile,
  type DeliveryRow,
  type ReferenceProfileRow,
  requirePositiveInteger,
  retrainingJobColumns,
  toModelRecord,
  toStoredDriftReport,
  toStoredPrediction,
  type DriftReportRow,
  type ModelRow,
  type PredictionRow,
} from '../row-mapping.js';
import { runMigrations } from '../migration-runner.js';
import { openPostgresConnection, type PostgresStoreOptions } from './connection.js';
import { postgresMigrations } from './migrations/index.js';
import { postgresMigrationTarget } from './schema-migrations.js';

export type { PostgresStoreOptions } from './connection.js';

/** The scale-out store several replicas share (node-postgres pool, JSONB columns, versioned migrations). */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  const connection = openPostgresConnection(options);
  const { pool } = connection;
  const inTransaction = connection.transaction;

  const predictions = async (text: string, values: unknown[]) =>
    (await pool.query<PredictionRow>(text, values)).rows.map(toStoredPrediction);

  return {
    async migrate() {
      return runMigrations(postgresMigrationTarget(connection), postgresMigrations);
    },
    async close() {
      await connection.close();
    },
    async appendPredictions(model: string, batch: readonly NewPrediction[]): Promise<AppendPredictionsResult> {
      const seen = new Set<string>();
      const inBatchDuplicates = batch.filter((p) => seen.has(p.id) || !seen.add(p.id)).map((p) => p.id);
      if (inBatchDuplicates.length > 0) return { inserted: 0, duplicateIds: inBatchDuplicates };
      if (batch.length === 0) return { inserted: 0, duplicateIds: [] };
      return inTransaction(async (client) => {
        const result = await client.query<{ id: string }>(
          `INSERT INTO predictions (model, id, model_version, timestamp_ms, features, predicted_class, score)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::jsonb[], $6::jsonb[], $7::float8[])
           ON CONFLICT (model, id) DO NOTHING RETURNING id`,
          [
            model,
            batch.map((p) => p.id),
            batch.map((p) => p.modelVersion),
            batch.map((p) => p.timestampMs),
            batch.map((p) => JSON.stringify(p.features)),
            batch.map((p) => (p.predictedClass === null ? null : JSON.stringify(p.predictedClass))),
            batch.map((p) => p.score),
          ],
        );
        if (result.rowCount === batch.length) return { inserted: batch.length, duplicateIds: [] };
        const inserted = new Set(result.rows.map((r) => r.id));
        // Throwing rolls the whole batch back: a batch is accepted or rejected as a whole.
        throw new DuplicateBatch(batch.filter((p) => !inserted.has(p.id)).map((p) => p.id));
      }).catch((error: unknown) => {
        if (error instanceof DuplicateBatch) return { inserted: 0, duplicateIds: error.ids };
        throw error;
      });
    },
    async attachLabels(model: string, labels: readonly GroundTruthLabel[]): Promise<AttachLabelsResult> {
      const unique = lastLabelPerId(labels);
      if (unique.length === 0) return { joined: 0, unknownIds: [] };
      const result = await pool.query<{ id: string }>(
        `UPDATE predictions AS p SET label = v.label, label_timestamp_ms = v.ts
         FROM unnest($2::text[], $3::jsonb[], $4::bigint[]) AS v(id, label, ts)
         WHERE p.model = $1 AND p.id = v.id RETURNING p.id`,
        [model, unique.map((l) => l.predictionId), unique.map((l) => JSON.stringify(l.label)), unique.map((l) => l.timestampMs)],
      );
      const known = new Set(result.rows.map((r) => r.id));
      return {
        joined: labels.filter((l) => known.has(l.predictionId)).length,
        unknownIds: unique.filter((l) => !known.has(l.predictionId)).map((l) => l.predictionId),
      };
    },
    async getPrediction(model, id) {
      return (await predictions('SELECT * FROM predictions WHERE model = $1 AND id = $2', [model, id]))[0] ?? null;
    },
    async latestPredictions(model, limit) {
      const rows = await predictions('SELECT * FROM predictions WHERE model = $1 ORDER BY sequence DESC LIMIT $2', [
        model,
        requirePositiveInteger(limit, 'limit'),
      ]);
      return rows.reverse();
    },
    async predictionsBetween(model, fromMs, toMs) {
      return predictions(
        'SELECT * FROM predictions WHERE model = $1 AND timestamp_ms >= $2 AND timestamp_ms < $3 ORDER BY timestamp_ms, sequence',
        [model, fromMs, toMs],
      );
    },
    async predictionsAfter(model, afterSequence, limit) {
      return predictions('SELECT * FROM predictions WHERE model = $1 AND sequence > $2 ORDER BY sequence LIMIT $3', [
        model,
        afterSequence,
        requirePositiveInteger(limit, 'limit'),
      ]);
    },
    async latestLabeledPredictions(model, limit) {
      const rows = await predictions(
        'SELECT * FROM predictions WHERE model = $1 AND label IS NOT NULL ORDER BY sequence DESC LIMIT $2',
        [model, requirePositiveInteger(limit, 'limit')],
      );
      return rows.reverse();
    },
    async countPredictions(model) {
      const row = (await pool.query('SELECT COUNT(*) AS total, COUNT(label) AS labeled FROM predictions WHERE model = $1', [model]))
        .rows[0] as { total: string; labeled: string };
      return { total: Number(row.total), labeled: Number(row.labeled) };
    },
    async countPredictionsAfter(model, afterSequence) {
      const row = (
        await pool.query('SELECT COUNT(*) AS count, MAX(sequence) AS last FROM predictions WHERE model = $1 AND sequence > $2', [model, afterSequence])
      ).rows[0] as { count: string; last: string | null };
      return { count: Number(row.count), lastSequence: row.last === null ? null : Number(row.last) };
    },
    async listPredictions(model, query) {
      const values: unknown[] = [model];
      const where = ['model = $1'];
      const add = (clause: (n: string) => string, value: unknown) => where.push(clause(`$${values.push(value)}`));
      if (query.beforeSequence !== undefined) add((n) => `sequence < ${n}`, query.beforeSequence);
      if (query.fromMs !== undefined) add((n) => `timestamp_ms >= ${n}`, query.fromMs);
      if (query.toMs !== undefined) add((n) => `timestamp_ms < ${n}`, query.toMs);
      if (query.predictedClass !== undefined) add((n) => `predicted_class #>> '{}' = ${n}`, query.predictedClass);
      if (query.labeled !== undefined) where.push(query.labeled ? 'label IS NOT NULL' : 'label IS NULL');
      const limit = `$${values.push(requirePositiveInteger(query.limit, 'limit'))}`;
      return predictions(`SELECT * FROM predictions WHERE ${where.join(' AND ')} ORDER BY sequence DESC LIMIT ${limit}`, values);
    },
    async deletePredictionsBefore(model, cutoffMs) {
      return (await pool.query('DELETE FROM predictions WHERE model = $1 AND timestamp_ms < $2', [model, cutoffMs])).rowCount ?? 0;
    },
    async saveModel(name, definition, nowMs) {
      const result = await pool.query<ModelRow>(
        `INSERT INTO monitored_models (name, definition, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $3)
         ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition, updated_at_ms = EXCLUDED.updated_at_ms
         RETURNING *`,
        [name, JSON.stringify(definition), nowMs],
      );
      return toModelRecord(result.rows[0]);
    },
    async getModel(name) {
      const row = (await pool.query<ModelRow>('SELECT * FROM monitored_models WHERE name = $1', [name])).rows[0];
      return row === undefined ? null : toModelRecord(row);
    },
    async listModels() {
      return (await pool.query<ModelRow>('SELECT * FROM monitored_models ORDER BY name')).rows.map(toModelRecord);
    },
    async saveDriftReport(summary, report) {
      const result = await pool.query<DriftReportRow>(
        `INSERT INTO drift_reports (model, window_start_ms, window_end_ms, created_at_ms, severity, drift_share, report)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [
          summary.model,
          summary.windowStartMs,
          summary.windowEndMs,
          summary.createdAtMs,
          summary.severity,
          summary.driftShare,
          JSON.stringify(report),
        ],
      );
      return toStoredDriftReport(result.rows[0]);
    },
    async listDriftReports(model, query) {
      const result = await pool.query<DriftReportRow>(
        `SELECT * FROM drift_reports WHERE model = $1 AND id < $2 AND window_end_ms >= $3 AND window_end_ms < $4
         ORDER BY id DESC LIMIT $5`,
        [
          model,
          query.beforeId ?? Number.MAX_SAFE_INTEGER,
          query.fromMs ?? Number.MIN_SAFE_INTEGER,
          query.toMs ?? Number.MAX_SAFE_INTEGER,
          requirePositiveInteger(query.limit, 'limit'),
        ],
      );
      return result.rows.map(toStoredDriftReport);
    },
    async latestDriftReport(model) {
      const row = (await pool.query<DriftReportRow>('SELECT * FROM drift_reports WHERE model = $1 ORDER BY id DESC LIMIT 1', [model]))
        .rows[0];
      return row === undefined ? null : toStoredDriftReport(row);
    },
    async tryAcquireLease(name, holder, ttlMs, nowMs) {
      const result = await pool.query(
        `INSERT INTO leases (name, holder, expires_at_ms) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at_ms = EXCLUDED.expires_at_ms
         WHERE leases.holder = EXCLUDED.holder OR leases.expires_at_ms <= $4`,
        [name, holder, nowMs + ttlMs, nowMs],
      );
      return result.rowCount === 1;
    },
    async releaseLease(name, holder) {
      await pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
    async openAlert(model, kind) {
      const row = (await pool.query<{ body: Alert }>("SELECT body FROM alerts WHERE model = $1 AND kind = $2 AND status <> 'resolved'", [model, kind])).rows[0];
      return row === undefined ? null : row.body;
    },
    async saveAlert(alert) {
      await pool.query(
        `INSERT INTO alerts (id, model, kind, status, severity, first_seen_ms, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, severity = EXCLUDED.severity, body = EXCLUDED.body`,
        [alert.id, alert.model, alert.kind, alert.status, alert.severity, alert.firstSeenMs, JSON.stringify(alert)],
      );
    },
    async getAlert(id) {
      const row = (await pool.query<{ body: Alert }>('SELECT body FROM alerts WHERE id = $1', [id])).rows[0];
      return row === undefined ? null : row.body;
    },
    async listAlerts(query) {
      const result = await pool.query<{ body: Alert }>(
        `SELECT body FROM alerts WHERE ($1::text IS NULL OR model = $1) AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR severity = $3) AND first_seen_ms < $4 ORDER BY first_seen_ms DESC, id DESC LIMIT $5`,
        alertQueryParameters(query),
      );
      return result.rows.map((r) => r.body);
    },
    async recordDelivery(d) {
      await pool.query(
        `INSERT INTO alert_deliveries (alert_id, sink, event, attempt, outcome, http_status, error, at_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [d.alertId, d.sink, d.event, d.attempt, d.outcome, d.httpStatus, d.error, d.atMs],
      );
    },
    async saveReferenceProfile(model, source, profile, nowMs) {
      const result = await pool.query<ReferenceProfileRow>(
        'INSERT INTO reference_profiles (model, source, created_at_ms, profile) VALUES ($1, $2, $3, $4) RETURNING *',
        [model, source, nowMs, JSON.stringify(profile)],
      );
      return toStoredReferenceProfile(result.rows[0]);
    },
    async latestReferenceProfile(model) {
      const row = (await pool.query<ReferenceProfileRow>('SELECT * FROM reference_profiles WHERE model = $1 ORDER BY id DESC LIMIT 1', [model])).rows[0];
      return row === undefined ? null : toStoredReferenceProfile(row);
    },
    async saveRetrainingJob(job) {
      const { finished, body } = retrainingJobColumns(job);
      await pool.query(
        `INSERT INTO retraining_jobs (id, model, status, finished, created_at_ms, updated_at_ms, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, finished = EXCLUDED.finished, updated_at_ms = EXCLUDED.updated_at_ms, body = EXCLUDED.body`,
        [job.id, job.model, job.status, finished, job.createdAtMs, job.updatedAtMs, body],
      );
    },
    async getRetrainingJob(model, id) {
      const row = (await pool.query<{ body: RetrainingJob }>('SELECT body FROM retraining_jobs WHERE model = $1 AND id = $2', [model, id])).rows[0];
      return row === undefined ? null : row.body;
    },
    async listRetrainingJobs(model, query) {
      const result = await pool.query<{ body: RetrainingJob }>(
        `SELECT body FROM retraining_jobs WHERE model = $1
         AND seq < COALESCE((SELECT seq FROM retraining_jobs WHERE model = $1 AND id = $2), CASE WHEN $2::text IS NULL THEN 9223372036854775807 ELSE 0 END)
         ORDER BY seq DESC LIMIT $3`,
        [model, query.beforeId ?? null, requirePositiveInteger(query.limit, 'limit')],
      );
      return result.rows.map((r) => r.body);
    },
    async openRetrainingJob(model) {
      const row = (await pool.query<{ body: RetrainingJob }>('SELECT body FROM retraining_jobs WHERE model = $1 AND NOT finished', [model])).rows[0];
      return row === undefined ? null : row.body;
    },
    async listDeliveries(alertId) {
      return (await pool.query<DeliveryRow>('SELECT * FROM alert_deliveries WHERE alert_id = $1 ORDER BY id', [alertId])).rows.map(toAlertDelivery);
    },
  };
}

class DuplicateBatch extends Error {
  constructor(readonly ids: string[]) {
    super(`duplicate prediction ids: ${ids.join(', ')}`);
  }
}
