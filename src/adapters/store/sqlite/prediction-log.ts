import type Database from 'better-sqlite3';
import type { GroundTruthLabel, NewPrediction } from '../../../domain/prediction-record.js';
import type {
  AppendPredictionsResult,
  AttachLabelsOptions,
  AttachLabelsResult,
  PredictionListQuery,
  PredictionLog,
} from '../../../ports/store.js';
import { planLabels, type StoredLabel } from '../label-plan.js';
import {
  type CountAfterRow,
  type LabelRevisionRow,
  type PredictionCountRow,
  type PredictionRow,
  requirePositiveInteger,
  toCountAfter,
  toLabelRevision,
  toPredictionCount,
  toStoredPrediction,
} from '../row-mapping.js';
import type { SqliteConnection } from './connection.js';
import { jsonColumnDecoder } from './json-columns.js';

const toRow = jsonColumnDecoder<PredictionRow>('features', 'predicted_class', 'label');
const toRevisionRow = jsonColumnDecoder<LabelRevisionRow>('previous_label', 'label');
const toPredictions = (rows: unknown[]) => rows.map((row) => toStoredPrediction(toRow(row)));

/** The filters of a log page present in `query`, as a WHERE clause, its values and a key naming that shape. */
function pageFilters(model: string, query: PredictionListQuery) {
  const where = ['model = ?'];
  const values: unknown[] = [model];
  let shape = '';
  const add = (key: string, clause: string, ...params: unknown[]) => {
    shape += key;
    where.push(clause);
    values.push(...params);
  };
  if (query.beforeSequence !== undefined) add('b', 'sequence < ?', query.beforeSequence);
  if (query.fromMs !== undefined) add('f', 'timestamp_ms >= ?', query.fromMs);
  if (query.toMs !== undefined) add('t', 'timestamp_ms < ?', query.toMs);
  // predicted_class holds JSON text: "yes" for a string class, 1 / true for numbers and booleans.
  if (query.predictedClass !== undefined) {
    add('c', 'predicted_class IN (?, ?)', JSON.stringify(query.predictedClass), query.predictedClass);
  }
  if (query.labeled !== undefined) {
    add(query.labeled ? 'l' : 'u', query.labeled ? 'label IS NOT NULL' : 'label IS NULL');
  }
  values.push(requirePositiveInteger(query.limit, 'limit'));
  return { shape, where: where.join(' AND '), values };
}

const prepare = (db: Database.Database) => {
  const pages = new Map<string, Database.Statement>();
  return {
    insert: db.prepare(
      `INSERT INTO predictions (model, id, model_version, timestamp_ms, features, predicted_class, score)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    existingId: db.prepare('SELECT 1 FROM predictions WHERE model = ? AND id = ?').pluck(),
    setLabel: db.prepare('UPDATE predictions SET label = ?, label_timestamp_ms = ? WHERE model = ? AND id = ?'),
    storedLabel: db.prepare<[string, string], { label: string | null; label_timestamp_ms: number | null }>(
      'SELECT label, label_timestamp_ms FROM predictions WHERE model = ? AND id = ?',
    ),
    insertRevision: db.prepare(
      `INSERT INTO label_revisions (model, prediction_id, previous_label, previous_label_timestamp_ms, label,
       label_timestamp_ms, revised_at_ms, revised_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    revisions: db.prepare(
      `SELECT * FROM label_revisions WHERE model = ? AND (? IS NULL OR prediction_id = ?) ORDER BY seq DESC LIMIT ?`,
    ),
    byId: db.prepare('SELECT * FROM predictions WHERE model = ? AND id = ?'),
    latest: db.prepare('SELECT * FROM predictions WHERE model = ? ORDER BY sequence DESC LIMIT ?'),
    between: db.prepare(
      `SELECT * FROM predictions WHERE model = ? AND timestamp_ms >= ? AND timestamp_ms < ?
       ORDER BY timestamp_ms, sequence`,
    ),
    after: db.prepare('SELECT * FROM predictions WHERE model = ? AND sequence > ? ORDER BY sequence LIMIT ?'),
    latestLabeled: db.prepare(
      'SELECT * FROM predictions WHERE model = ? AND label IS NOT NULL ORDER BY sequence DESC LIMIT ?',
    ),
    count: db.prepare<[string], PredictionCountRow>(
      'SELECT COUNT(*) AS total, COUNT(label) AS labeled FROM predictions WHERE model = ?',
    ),
    countAfter: db.prepare<[string, number], CountAfterRow>(
      'SELECT COUNT(*) AS count, MAX(sequence) AS last_sequence FROM predictions WHERE model = ? AND sequence > ?',
    ),
    /** One statement per filter shape (at most 48), prepared at its first use. */
    page(shape: string, where: string): Database.Statement {
      let statement = pages.get(shape);
      if (statement === undefined) {
        statement = db.prepare(`SELECT * FROM predictions WHERE ${where} ORDER BY sequence DESC LIMIT ?`);
        pages.set(shape, statement);
      }
      return statement;
    },
    deleteBefore: db.prepare('DELETE FROM predictions WHERE model = ? AND timestamp_ms < ?'),
  };
};

/** The prediction log on SQLite: writes go through the group commit, reads run on the connection directly. */
export function sqlitePredictionLog({ db, writes, statements }: SqliteConnection): PredictionLog {
  const sql = statements(prepare);

  const insertAll = db.transaction((model: string, predictions: readonly NewPrediction[]) => {
    const { insert } = sql();
    for (const p of predictions) {
      const predictedClass = p.predictedClass === null ? null : JSON.stringify(p.predictedClass);
      insert.run(model, p.id, p.modelVersion, p.timestampMs, JSON.stringify(p.features), predictedClass, p.score);
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

  /** Reads the batch's stored labels and writes what planLabels decides, inside the group commit's savepoint. */
  function labelBatch(
    model: string,
    labels: readonly GroundTruthLabel[],
    options: AttachLabelsOptions | undefined,
  ): AttachLabelsResult {
    const { setLabel, storedLabel, insertRevision } = sql();
    const stored = new Map<string, StoredLabel>();
    for (const id of new Set(labels.map((l) => l.predictionId))) {
      const row = storedLabel.get(model, id);
      if (row !== undefined) stored.set(id, { labelJson: row.label, labelTimestampMs: row.label_timestamp_ms });
    }
    const plan = planLabels(labels, stored, options);
    for (const r of plan.revisions) {
      insertRevision.run(
        model,
        r.predictionId,
        JSON.stringify(r.previousLabel),
        r.previousLabelTimestampMs,
        JSON.stringify(r.label),
        r.labelTimestampMs,
        r.revisedAtMs,
        r.revisedBy,
      );
    }
    for (const l of plan.writes) setLabel.run(JSON.stringify(l.label), l.timestampMs, model, l.predictionId);
    return plan.result;
  }

  return {
    appendPredictions(model, predictions) {
      return writes.enqueue(() => appendBatch(model, predictions));
    },
    attachLabels(model, labels, options) {
      return writes.enqueue(() => labelBatch(model, labels, options));
    },
    async listLabelRevisions(model, query) {
      const predictionId = query.predictionId ?? null;
      const rows = sql().revisions.all(model, predictionId, predictionId, requirePositiveInteger(query.limit, 'limit'));
      return rows.map((row) => toLabelRevision(toRevisionRow(row)));
    },
    async getPrediction(model, id) {
      const row = sql().byId.get(model, id);
      return row === undefined ? null : toStoredPrediction(toRow(row));
    },
    async latestPredictions(model, limit) {
      return toPredictions(sql().latest.all(model, requirePositiveInteger(limit, 'limit'))).reverse();
    },
    async predictionsBetween(model, fromMs, toMs) {
      return toPredictions(sql().between.all(model, fromMs, toMs));
    },
    async predictionsAfter(model, afterSequence, limit) {
      return toPredictions(sql().after.all(model, afterSequence, requirePositiveInteger(limit, 'limit')));
    },
    async latestLabeledPredictions(model, limit) {
      return toPredictions(sql().latestLabeled.all(model, requirePositiveInteger(limit, 'limit'))).reverse();
    },
    async countPredictions(model) {
      return toPredictionCount(sql().count.get(model) as PredictionCountRow);
    },
    async countPredictionsAfter(model, afterSequence) {
      return toCountAfter(sql().countAfter.get(model, afterSequence) as CountAfterRow);
    },
    async listPredictions(model, query) {
      const { shape, where, values } = pageFilters(model, query);
      return toPredictions(
        sql()
          .page(shape, where)
          .all(...values),
      );
    },
    async deletePredictionsBefore(model, cutoffMs) {
      return writes.enqueue(() => sql().deleteBefore.run(model, cutoffMs).changes);
    },
  };
}
