import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Alert } from '../../../domain/alert.js';
import type { RetrainingJob } from '../../../domain/retraining-job.js';
import type { GroundTruthLabel, NewPrediction, StoredPrediction } from '../../../domain/prediction-record.js';
import type {
  AppendPredictionsResult,
  AttachLabelsResult,
  DriftReportQuery,
  DriftReportSummary,
  JsonDocument,
  MonitoredModelRecord,
  Store,
  StoredDriftReport,
} from '../../../ports/store.js';
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
import { startCheckpointThread } from './checkpoint-thread.js';
import { createGroupCommit } from './group-commit.js';
import { createWalSync } from './wal-sync.js';
import { sqliteMigrations } from './migrations/index.js';
import { runMigrations } from '../migration-runner.js';
import { sqliteMigrationTarget } from './schema-migrations.js';

export interface SqliteStoreOptions {
  /** Database file; `:memory:` for tests. Parent directories are created. */
  readonly path: string;
  /**
   * `FULL` (default): a resolved write survives a process crash and an OS crash / power loss.
   * `NORMAL`: survives a process crash (SIGKILL) but may lose the last commits on power loss; faster.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * WAL checkpoints from a worker thread (default for files): the event loop does not copy pages back and fsync the
   * database file every 1,000 WAL pages; it checkpoints itself only past 10,000 pages (a backstop).
   */
  readonly checkpointInThread?: boolean;
}

type RawPredictionRow = Omit<PredictionRow, 'features' | 'predicted_class' | 'label'> & {
  features: string;
  predicted_class: string | null;
  label: string | null;
};

function parsePredictionRow(row: RawPredictionRow): StoredPrediction {
  return toStoredPrediction({
    ...row,
    features: JSON.parse(row.features) as PredictionRow['features'],
    predicted_class: row.predicted_class === null ? null : (JSON.parse(row.predicted_class) as PredictionRow['predicted_class']),
    label: row.label === null ? null : (JSON.parse(row.label) as PredictionRow['label']),
  });
}

/** The embedded store: one SQLite file in WAL mode (better-sqlite3), durable commits, versioned migrations. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  const journalMode = db.pragma('journal_mode = WAL', { simple: true });
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  let statements: ReturnType<typeof prepareStatements> | null = null;
  const sql = () => {
    if (statements === null) throw new Error('store not migrated: call migrate() first');
    return statements;
  };

  function prepareStatements() {
    return {
      insertPrediction: db.prepare(
        `INSERT INTO predictions (model, id, model_version, timestamp_ms, features, predicted_class, score)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      existingId: db.prepare('SELECT 1 FROM predictions WHERE model = ? AND id = ?').pluck(),
      setLabel: db.prepare('UPDATE predictions SET label = ?, label_timestamp_ms = ? WHERE model = ? AND id = ?'),
      getPrediction: db.prepare('SELECT * FROM predictions WHERE model = ? AND id = ?'),
      latest: db.prepare('SELECT * FROM predictions WHERE model = ? ORDER BY sequence DESC LIMIT ?'),
      between: db.prepare(
        'SELECT * FROM predictions WHERE model = ? AND timestamp_ms >= ? AND timestamp_ms < ? ORDER BY timestamp_ms, sequence',
      ),
      after: db.prepare('SELECT * FROM predictions WHERE model = ? AND sequence > ? ORDER BY sequence LIMIT ?'),
      latestLabeled: db.prepare(
        'SELECT * FROM predictions WHERE model = ? AND label IS NOT NULL ORDER BY sequence DESC LIMIT ?',
      ),
      count: db.prepare('SELECT COUNT(*) AS total, COUNT(label) AS labeled FROM predictions WHERE model = ?'),
      countAfter: db.prepare('SELECT COUNT(*) AS count, MAX(sequence) AS lastSequence FROM predictions WHERE model = ? AND sequence > ?'),
      deleteBefore: db.prepare('DELETE FROM predictions WHERE model = ? AND timestamp_ms < ?'),
      upsertModel: db.prepare(
        `INSERT INTO monitored_models (name, definition, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at_ms = excluded.updated_at_ms
         RETURNING *`,
      ),
      getModel: db.prepare('SELECT * FROM monitored_models WHERE name = ?'),
      listModels: db.prepare('SELECT * FROM monitored_models ORDER BY name'),
      insertReport: db.prepare(
        `INSERT INTO drift_reports (model, window_start_ms, window_end_ms, created_at_ms, severity, drift_share, report)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      ),
      listReports: db.prepare(
        `SELECT * FROM drift_reports WHERE model = ? AND id < ? AND window_end_ms >= ? AND window_end_ms < ?
         ORDER BY id DESC LIMIT ?`,
      ),
      latestReport: db.prepare('SELECT * FROM drift_reports WHERE model = ? ORDER BY id DESC LIMIT 1'),
      acquireLease: db.prepare(
        `INSERT INTO leases (name, holder, expires_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
         WHERE leases.holder = excluded.holder OR leases.expires_at_ms <= ?`,
      ),
      releaseLease: db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?'),
      openAlert: db.prepare("SELECT body FROM alerts WHERE model = ? AND kind = ? AND status <> 'resolved'").pluck(),
      saveAlert: db.prepare(
        `INSERT INTO alerts (id, model, kind, status, severity, first_seen_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity, body = excluded.body`,
      ),
      getAlert: db.prepare('SELECT body FROM alerts WHERE id = ?').pluck(),
      listAlerts: db.prepare(
        `SELECT body FROM alerts WHERE (@model IS NULL OR model = @model) AND (@status IS NULL OR status = @status)
         AND (@severity IS NULL OR severity = @severity) AND first_seen_ms < @before ORDER BY first_seen_ms DESC, id DESC LIMIT @limit`,
      ).pluck(),
      recordDelivery: db.prepare(
        `INSERT INTO alert_deliveries (alert_id, sink, event, attempt, outcome, http_status, error, at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listDeliveries: db.prepare('SELECT * FROM alert_deliveries WHERE alert_id = ? ORDER BY id'),
      saveProfile: db.prepare('INSERT INTO reference_profiles (model, source, created_at_ms, profile) VALUES (?, ?, ?, ?) RETURNING *'),
      latestProfile: db.prepare('SELECT * FROM reference_profiles WHERE model = ? ORDER BY id DESC LIMIT 1'),
      saveJob: db.prepare(
        `INSERT INTO retraining_jobs (id, model, status, finished, created_at_ms, updated_at_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished = excluded.finished, updated_at_ms = excluded.updated_at_ms, body = excluded.body`,
      ),
      getJob: db.prepare('SELECT body FROM retraining_jobs WHERE model = ? AND id = ?').pluck(),
      listJobs: db.prepare(
        `SELECT body FROM retraining_jobs WHERE model = ?
         AND seq < COALESCE((SELECT seq FROM retraining_jobs WHERE model = ? AND id = ?), CASE WHEN ? IS NULL THEN 9223372036854775807 ELSE 0 END)
         ORDER BY seq DESC LIMIT ?`,
      ).pluck(),
      openJob: db.prepare('SELECT body FROM retraining_jobs WHERE model = ? AND finished = 0').pluck(),
    };
  }

  const parseModel = (row: Omit<ModelRow, 'definition'> & { definition: string }): MonitoredModelRecord =>
    toModelRecord({ ...row, definition: JSON.parse(row.definition) as JsonDocument });
  const parseReport = (row: Omit<DriftReportRow, 'report'> & { report: string }): StoredDriftReport =>
    toStoredDriftReport({ ...row, report: JSON.parse(row.report) as JsonDocument });
  type RawProfileRow = Omit<ReferenceProfileRow, 'profile'> & { profile: string };
  const parseProfile = (row: RawProfileRow) => toStoredReferenceProfile({ ...row, profile: JSON.parse(row.profile) as JsonDocument });
  const parseJob = (body: string | undefined): RetrainingJob | null => (body === undefined ? null : (JSON.parse(body) as RetrainingJob));
  const parsePredictions = (rows: unknown[]) => (rows as RawPredictionRow[]).map(parsePredictionRow);

  const insertAll = db.transaction((model: string, predictions: readonly NewPrediction[]) => {
    const insert = sql().insertPrediction;
    for (const p of predictions) {
      insert.run(model, p.id, p.modelVersion, p.timestampMs, JSON.stringify(p.features), p.predictedClass === null ? null : JSON.stringify(p.predictedClass), p.score);
    }
  });

  /** Inserts the batch, relying on UNIQUE (model, id); only a refused batch pays for finding which ids clash. */
  function appendBatch(model: string, predictions: readonly NewPrediction[]): AppendPredictionsResult {
    try {
      insertAll(model, predictions);
      return { inserted: predictions.length, duplicateIds: [] };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      const batchIds = new Set<string>();
      const duplicateIds = predictions.flatMap((p) => {
        const duplicate = batchIds.has(p.id) || sql().existingId.get(model, p.id) !== undefined;
        batchIds.add(p.id);
        return duplicate ? [p.id] : [];
      });
      if (duplicateIds.length === 0) throw error;
      return { inserted: 0, duplicateIds };
    }
  }

  function labelBatch(model: string, labels: readonly GroundTruthLabel[]): AttachLabelsResult {
    const s = sql();
    const unknown = new Set<string>();
    for (const l of lastLabelPerId(labels)) {
      if (s.setLabel.run(JSON.stringify(l.label), l.timestampMs, model, l.predictionId).changes === 0) unknown.add(l.predictionId);
    }
    return { joined: labels.filter((l) => !unknown.has(l.predictionId)).length, unknownIds: [...unknown] };
  }

  const checkpoints =
    journalMode === 'wal' && options.checkpointInThread !== false
      ? startCheckpointThread(options.path, { onError: (message) => console.error(`SQLite checkpoint thread: ${message}`) })
      : null;
  if (checkpoints !== null) db.pragma('wal_autocheckpoint = 10000');
  // With synchronous=FULL on a file, the group's WAL fsync runs in libuv's thread pool instead of on the event loop.
  const walSync = journalMode === 'wal' && (options.synchronous ?? 'FULL') === 'FULL' ? createWalSync(options.path) : null;
  // Every write (appends, label joins, leases, models, drift reports, alerts, profiles, retraining jobs) goes through the
  // group commit: the writes of one event-loop turn share one transaction and one fsync, run off the event loop, and
  // each keeps its own savepoint.
  const writes = createGroupCommit(db, { syncAfterCommit: walSync?.sync });

  return {
    async migrate() {
      const version = await runMigrations(sqliteMigrationTarget(db), sqliteMigrations);
      statements = prepareStatements();
      return version;
    },
    async close() {
      await writes.drain();
      await walSync?.close();
      await checkpoints?.stop();
      db.close();
    },
    appendPredictions(model, predictions) {
      return writes.enqueue(() => appendBatch(model, predictions));
    },
    attachLabels(model, labels) {
      return writes.enqueue(() => labelBatch(model, labels));
    },
    async getPrediction(model, id) {
      const row = sql().getPrediction.get(model, id) as RawPredictionRow | undefined;
      return row === undefined ? null : parsePredictionRow(row);
    },
    async latestPredictions(model, limit) {
      return parsePredictions(sql().latest.all(model, requirePositiveInteger(limit, 'limit'))).reverse();
    },
    async predictionsBetween(model, fromMs, toMs) {
      return parsePredictions(sql().between.all(model, fromMs, toMs));
    },
    async predictionsAfter(model, afterSequence, limit) {
      return parsePredictions(sql().after.all(model, afterSequence, requirePositiveInteger(limit, 'limit')));
    },
    async latestLabeledPredictions(model, limit) {
      return parsePredictions(sql().latestLabeled.all(model, requirePositiveInteger(limit, 'limit'))).reverse();
    },
    async countPredictions(model) {
      return sql().count.get(model) as { total: number; labeled: number };
    },
    async countPredictionsAfter(model, afterSequence) {
      return sql().countAfter.get(model, afterSequence) as { count: number; lastSequence: number | null };
    },
    async listPredictions(model, query) {
      const where = ['model = ?'];
      const values: unknown[] = [model];
      const add = (clause: string, ...params: unknown[]) => {
        where.push(clause);
        values.push(...params);
      };
      if (query.beforeSequence !== undefined) add('sequence < ?', query.beforeSequence);
      if (query.fromMs !== undefined) add('timestamp_ms >= ?', query.fromMs);
      if (query.toMs !== undefined) add('timestamp_ms < ?', query.toMs);
      // predicted_class holds JSON text: "yes" for a string class, 1 / true for numbers and booleans.
      if (query.predictedClass !== undefined) add('predicted_class IN (?, ?)', JSON.stringify(query.predictedClass), query.predictedClass);
      if (query.labeled !== undefined) add(query.labeled ? 'label IS NOT NULL' : 'label IS NULL');
      values.push(requirePositiveInteger(query.limit, 'limit'));
      return parsePredictions(db.prepare(`SELECT * FROM predictions WHERE ${where.join(' AND ')} ORDER BY sequence DESC LIMIT ?`).all(...values));
    },
    async deletePredictionsBefore(model, cutoffMs) {
      return writes.enqueue(() => sql().deleteBefore.run(model, cutoffMs).changes);
    },
    async saveModel(name, definition, nowMs) {
      const text = JSON.stringify(definition);
      return parseModel(await writes.enqueue(() => sql().upsertModel.get(name, text, nowMs, nowMs) as ModelRow & { definition: string }));
    },
    async getModel(name) {
      const row = sql().getModel.get(name) as (ModelRow & { definition: string }) | undefined;
      return row === undefined ? null : parseModel(row);
    },
    async listModels() {
      return (sql().listModels.all() as (ModelRow & { definition: string })[]).map(parseModel);
    },
    async saveDriftReport(summary: DriftReportSummary, report: JsonDocument) {
      const text = JSON.stringify(report);
      const row = await writes.enqueue(() => sql().insertReport.get(
        summary.model,
        summary.windowStartMs,
        summary.windowEndMs,
        summary.createdAtMs,
        summary.severity,
        summary.driftShare,
        text,
      ) as DriftReportRow & { report: string });
      return parseReport(row);
    },
    async listDriftReports(model: string, query: DriftReportQuery) {
      const rows = sql().listReports.all(
        model,
        query.beforeId ?? Number.MAX_SAFE_INTEGER,
        query.fromMs ?? Number.MIN_SAFE_INTEGER,
        query.toMs ?? Number.MAX_SAFE_INTEGER,
        requirePositiveInteger(query.limit, 'limit'),
      ) as (DriftReportRow & { report: string })[];
      return rows.map(parseReport);
    },
    async latestDriftReport(model) {
      const row = sql().latestReport.get(model) as (DriftReportRow & { report: string }) | undefined;
      return row === undefined ? null : parseReport(row);
    },
    async tryAcquireLease(name, holder, ttlMs, nowMs) {
      return writes.enqueue(() => sql().acquireLease.run(name, holder, nowMs + ttlMs, nowMs).changes === 1);
    },
    async releaseLease(name, holder) {
      await writes.enqueue(() => sql().releaseLease.run(name, holder));
    },
    async openAlert(model, kind) {
      const body = sql().openAlert.get(model, kind) as string | undefined;
      return body === undefined ? null : (JSON.parse(body) as Alert);
    },
    async saveAlert(alert) {
      const body = JSON.stringify(alert);
      await writes.enqueue(() => sql().saveAlert.run(alert.id, alert.model, alert.kind, alert.status, alert.severity, alert.firstSeenMs, body));
    },
    async getAlert(id) {
      const body = sql().getAlert.get(id) as string | undefined;
      return body === undefined ? null : (JSON.parse(body) as Alert);
    },
    async listAlerts(query) {
      const [model, status, severity, before, limit] = alertQueryParameters(query);
      return (sql().listAlerts.all({ model, status, severity, before, limit }) as string[]).map((body) => JSON.parse(body) as Alert);
    },
    async recordDelivery(d) {
      await writes.enqueue(() => sql().recordDelivery.run(d.alertId, d.sink, d.event, d.attempt, d.outcome, d.httpStatus, d.error, d.atMs));
    },
    async listDeliveries(alertId) {
      return (sql().listDeliveries.all(alertId) as DeliveryRow[]).map(toAlertDelivery);
    },
    async saveReferenceProfile(model, source, profile, nowMs) {
      const text = JSON.stringify(profile);
      return parseProfile(await writes.enqueue(() => sql().saveProfile.get(model, source, nowMs, text) as RawProfileRow));
    },
    async latestReferenceProfile(model) {
      const row = sql().latestProfile.get(model) as RawProfileRow | undefined;
      return row === undefined ? null : parseProfile(row);
    },
    async saveRetrainingJob(job) {
      const { finished, body } = retrainingJobColumns(job);
      await writes.enqueue(() => sql().saveJob.run(job.id, job.model, job.status, finished ? 1 : 0, job.createdAtMs, job.updatedAtMs, body));
    },
    async getRetrainingJob(model, id) {
      return parseJob(sql().getJob.get(model, id) as string | undefined);
    },
    async listRetrainingJobs(model, query) {
      const before = query.beforeId ?? null;
      const bodies = sql().listJobs.all(model, model, before, before, requirePositiveInteger(query.limit, 'limit')) as string[];
      return bodies.map((body) => parseJob(body) as RetrainingJob);
    },
    async openRetrainingJob(model) {
      return parseJob(sql().openJob.get(model) as string | undefined);
    },
  };
}
