import type pg from 'pg';
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
import { named, type PostgresConnection } from './connection.js';

/** The filters of a log page present in `query`, as a WHERE clause, its values and a key naming that shape. */
function pageFilters(model: string, query: PredictionListQuery) {
  const where = ['model = $1'];
  const values: unknown[] = [model];
  let shape = '';
  const add = (key: string, clause: (n: string) => string, ...params: unknown[]) => {
    shape += key;
    where.push(clause(`$${values.length + 1}`));
    values.push(...params);
  };
  if (query.beforeSequence !== undefined) add('b', (n) => `sequence < ${n}`, query.beforeSequence);
  if (query.fromMs !== undefined) add('f', (n) => `timestamp_ms >= ${n}`, query.fromMs);
  if (query.toMs !== undefined) add('t', (n) => `timestamp_ms < ${n}`, query.toMs);
  // predicted_class is JSONB: #>> '{}' gives its text form ("yes", "1", "true").
  if (query.predictedClass !== undefined) add('c', (n) => `predicted_class #>> '{}' = ${n}`, query.predictedClass);
  if (query.labeled !== undefined) {
    add(query.labeled ? 'l' : 'u', () => (query.labeled ? 'label IS NOT NULL' : 'label IS NULL'));
  }
  values.push(requirePositiveInteger(query.limit, 'limit'));
  return { shape, where: where.join(' AND '), limit: `$${values.length}`, values };
}

const pages = new Map<string, ReturnType<typeof named>>();

const SQL = {
  // One round trip per batch: the rows travel as arrays, unnest turns them back into rows.
  insert: named(
    'predictions.insert',
    `INSERT INTO predictions (model, id, model_version, timestamp_ms, features, predicted_class, score)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::jsonb[], $6::jsonb[], $7::float8[])
     ON CONFLICT (model, id) DO NOTHING RETURNING id`,
  ),
  setLabels: named(
    'predictions.set-labels',
    `UPDATE predictions AS p SET label = v.label, label_timestamp_ms = v.ts
     FROM unnest($2::text[], $3::jsonb[], $4::bigint[]) AS v(id, label, ts)
     WHERE p.model = $1 AND p.id = v.id RETURNING p.id`,
  ),
  storedLabels: named(
    'predictions.stored-labels',
    `SELECT id, label, label_timestamp_ms FROM predictions WHERE model = $1 AND id = ANY($2::text[]) FOR UPDATE`,
  ),
  insertRevisions: named(
    'label-revisions.insert',
    `INSERT INTO label_revisions (model, prediction_id, previous_label, previous_label_timestamp_ms, label,
       label_timestamp_ms, revised_at_ms, revised_by)
     SELECT $1, * FROM unnest($2::text[], $3::jsonb[], $4::bigint[], $5::jsonb[], $6::bigint[], $7::bigint[], $8::text[])`,
  ),
  revisions: named(
    'label-revisions.list',
    `SELECT * FROM label_revisions WHERE model = $1 AND ($2::text IS NULL OR prediction_id = $2)
     ORDER BY seq DESC LIMIT $3`,
  ),
  byId: named('predictions.by-id', 'SELECT * FROM predictions WHERE model = $1 AND id = $2'),
  latest: named('predictions.latest', 'SELECT * FROM predictions WHERE model = $1 ORDER BY sequence DESC LIMIT $2'),
  between: named(
    'predictions.between',
    `SELECT * FROM predictions WHERE model = $1 AND timestamp_ms >= $2 AND timestamp_ms < $3
     ORDER BY timestamp_ms, sequence`,
  ),
  after: named(
    'predictions.after',
    'SELECT * FROM predictions WHERE model = $1 AND sequence > $2 ORDER BY sequence LIMIT $3',
  ),
  latestLabeled: named(
    'predictions.latest-labeled',
    'SELECT * FROM predictions WHERE model = $1 AND label IS NOT NULL ORDER BY sequence DESC LIMIT $2',
  ),
  count: named(
    'predictions.count',
    'SELECT COUNT(*) AS total, COUNT(label) AS labeled FROM predictions WHERE model = $1',
  ),
  countAfter: named(
    'predictions.count-after',
    'SELECT COUNT(*) AS count, MAX(sequence) AS last_sequence FROM predictions WHERE model = $1 AND sequence > $2',
  ),
  /** One named statement per filter shape (at most 48), made at its first use. */
  page(shape: string, where: string, limit: string) {
    let statement = pages.get(shape);
    if (statement === undefined) {
      statement = named(
        `predictions.page.${shape}`,
        `SELECT * FROM predictions WHERE ${where} ORDER BY sequence DESC LIMIT ${limit}`,
      );
      pages.set(shape, statement);
    }
    return statement;
  },
  deleteBefore: named('predictions.delete-before', 'DELETE FROM predictions WHERE model = $1 AND timestamp_ms < $2'),
};

/** Thrown inside the batch's transaction so that it rolls back: a batch is accepted or rejected as a whole. */
class DuplicateBatch extends Error {
  constructor(readonly ids: string[]) {
    super(`duplicate prediction ids: ${ids.join(', ')}`);
  }
}

/** The prediction log on PostgreSQL: batches as arrays in one statement each, reads as named statements. */
export function postgresPredictionLog({ pool, transaction }: PostgresConnection): PredictionLog {
  const predictions = async (query: pg.QueryConfig) =>
    (await pool.query<PredictionRow>(query)).rows.map(toStoredPrediction);

  /** Inserts the batch in one statement; ids already stored come back missing from RETURNING. */
  async function appendBatch(model: string, batch: readonly NewPrediction[]): Promise<AppendPredictionsResult> {
    const seen = new Set<string>();
    const inBatchDuplicates = batch.filter((p) => seen.has(p.id) || !seen.add(p.id)).map((p) => p.id);
    if (inBatchDuplicates.length > 0) return { inserted: 0, duplicateIds: inBatchDuplicates };
    if (batch.length === 0) return { inserted: 0, duplicateIds: [] };
    return transaction(async (client) => {
      const result = await client.query<{ id: string }>(
        SQL.insert([
          model,
          batch.map((p) => p.id),
          batch.map((p) => p.modelVersion),
          batch.map((p) => p.timestampMs),
          batch.map((p) => JSON.stringify(p.features)),
          batch.map((p) => (p.predictedClass === null ? null : JSON.stringify(p.predictedClass))),
          batch.map((p) => p.score),
        ]),
      );
      if (result.rowCount === batch.length) return { inserted: batch.length, duplicateIds: [] };
      const inserted = new Set(result.rows.map((r) => r.id));
      throw new DuplicateBatch(batch.filter((p) => !inserted.has(p.id)).map((p) => p.id));
    }).catch((error: unknown) => {
      if (error instanceof DuplicateBatch) return { inserted: 0, duplicateIds: error.ids };
      throw error;
    });
  }

  /** Locks the batch's rows, reads their labels and writes what planLabels decides, in one transaction. */
  async function labelBatch(
    model: string,
    labels: readonly GroundTruthLabel[],
    options: AttachLabelsOptions | undefined,
  ): Promise<AttachLabelsResult> {
    if (labels.length === 0) return { joined: 0, unknownIds: [], relabeledIds: [] };
    return transaction(async (client) => {
      const ids = [...new Set(labels.map((l) => l.predictionId))];
      const rows = await client.query<{ id: string; label: unknown; label_timestamp_ms: string | null }>(
        SQL.storedLabels([model, ids]),
      );
      const stored = new Map<string, StoredLabel>(
        rows.rows.map((r) => [
          r.id,
          {
            labelJson: r.label === null ? null : JSON.stringify(r.label),
            labelTimestampMs: r.label_timestamp_ms === null ? null : Number(r.label_timestamp_ms),
          },
        ]),
      );
      const plan = planLabels(labels, stored, options);
      if (plan.revisions.length > 0) {
        const r = plan.revisions;
        await client.query(
          SQL.insertRevisions([
            model,
            r.map((x) => x.predictionId),
            r.map((x) => JSON.stringify(x.previousLabel)),
            r.map((x) => x.previousLabelTimestampMs),
            r.map((x) => JSON.stringify(x.label)),
            r.map((x) => x.labelTimestampMs),
            r.map((x) => x.revisedAtMs),
            r.map((x) => x.revisedBy),
          ]),
        );
      }
      if (plan.writes.length > 0) {
        const w = plan.writes;
        await client.query(
          SQL.setLabels([
            model,
            w.map((l) => l.predictionId),
            w.map((l) => JSON.stringify(l.label)),
            w.map((l) => l.timestampMs),
          ]),
        );
      }
      return plan.result;
    });
  }

  return {
    appendPredictions(model, predictions) {
      return appendBatch(model, predictions);
    },
    attachLabels(model, labels, options) {
      return labelBatch(model, labels, options);
    },
    async listLabelRevisions(model, query) {
      const limit = requirePositiveInteger(query.limit, 'limit');
      const result = await pool.query<LabelRevisionRow>(SQL.revisions([model, query.predictionId ?? null, limit]));
      return result.rows.map(toLabelRevision);
    },
    async getPrediction(model, id) {
      return (await predictions(SQL.byId([model, id])))[0] ?? null;
    },
    async latestPredictions(model, limit) {
      return (await predictions(SQL.latest([model, requirePositiveInteger(limit, 'limit')]))).reverse();
    },
    async predictionsBetween(model, fromMs, toMs) {
      return predictions(SQL.between([model, fromMs, toMs]));
    },
    async predictionsAfter(model, afterSequence, limit) {
      return predictions(SQL.after([model, afterSequence, requirePositiveInteger(limit, 'limit')]));
    },
    async latestLabeledPredictions(model, limit) {
      return (await predictions(SQL.latestLabeled([model, requirePositiveInteger(limit, 'limit')]))).reverse();
    },
    async countPredictions(model) {
      return toPredictionCount((await pool.query<PredictionCountRow>(SQL.count([model]))).rows[0]);
    },
    async countPredictionsAfter(model, afterSequence) {
      return toCountAfter((await pool.query<CountAfterRow>(SQL.countAfter([model, afterSequence]))).rows[0]);
    },
    async listPredictions(model, query) {
      const { shape, where, limit, values } = pageFilters(model, query);
      return predictions(SQL.page(shape, where, limit)(values));
    },
    async deletePredictionsBefore(model, cutoffMs) {
      return (await pool.query(SQL.deleteBefore([model, cutoffMs]))).rowCount ?? 0;
    },
  };
}
