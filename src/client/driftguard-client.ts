import type { LabelInput, PredictionInput } from '../services/ingestion/prediction-logging.js';
import type { PredictRow, ServedPrediction } from '../services/serving/prediction-serving.js';
import { createBatchQueue, type FlushResult, type ItemOutcome } from './batch-queue.js';
import { DriftguardClientStateError, DriftguardRequestError } from './client-errors.js';
import { createTransport, type TransportOptions } from './http-transport.js';
import { aggregateRowErrors, detailsByRow, rowError } from './row-errors.js';

export type { FlushResult, LabelInput, PredictionInput, PredictRow, ServedPrediction };

/** The server's per-request row limit (MAX_ROWS_PER_REQUEST of the prediction routes). */
const SERVER_MAX_ROWS = 10_000;

export interface DriftguardClientOptions extends TransportOptions {
  /** The monitored model's name. */
  readonly model: string;
  /** Most rows per logging request; default 500, at most 10,000. */
  readonly maxBatchRows?: number;
  /** Longest a logged row waits before its batch is sent; default 200 ms. */
  readonly maxDelayMs?: number;
  /** Rows queued or in flight (per queue) beyond which logPrediction / sendLabel throw; default 100,000. */
  readonly maxQueuedRows?: number;
  /** Called once per refused or failed row of a logging queue; default: one console.warn line per row. */
  readonly onError?: (error: Error, row: PredictionInput | LabelInput) => void;
  /** Prediction ids for rows that carry none; default crypto.randomUUID. */
  readonly newId?: () => string;
}

type IdentifiedPrediction = PredictionInput & { readonly id: string };

/** What the server made of an uploaded reference. */
export interface ReferenceSummary {
  readonly model: string;
  readonly source: string;
  readonly rows: number;
  readonly features: readonly { readonly name: string; readonly kind: string }[];
  readonly createdAt: string;
}

/** A 409 on a re-send whose every detail is "already logged": the earlier attempt committed, its reply was lost. */
function committedByEarlierAttempt(error: DriftguardRequestError, rowCount: number, collection: string): boolean {
  if (error.status !== 409 || error.attempts < 2) return false;
  const rows = detailsByRow(error, collection, rowCount);
  return (
    rows !== null &&
    rows.size === rowCount &&
    [...rows.values()].every((ds) => ds.every((d) => /already logged/.test(d.reason)))
  );
}

/**
 * Sends one coalesced batch; rows the server refuses by name are split off with their own errors and the rest is
 * re-sent, so one bad row never costs its neighbours. Row-less refusals (401, 404, 413 …) fail the whole batch.
 */
async function sendRows<T, R>(
  rows: readonly T[],
  collection: string,
  attempt: (rows: readonly T[]) => Promise<R[]>,
  acknowledgedByEarlierAttempt: (error: DriftguardRequestError, rows: readonly T[]) => R[] | null,
): Promise<ItemOutcome<R>[]> {
  const outcomes: ItemOutcome<R>[] = new Array(rows.length);
  let remaining = rows.map((_, i) => i);
  while (remaining.length > 0) {
    const sending = remaining.map((i) => rows[i]);
    try {
      const values = await attempt(sending);
      remaining.forEach((i, k) => (outcomes[i] = { ok: true, value: values[k] }));
      break;
    } catch (error) {
      const recovered = error instanceof DriftguardRequestError ? acknowledgedByEarlierAttempt(error, sending) : null;
      if (recovered !== null) {
        remaining.forEach((i, k) => (outcomes[i] = { ok: true, value: recovered[k] }));
        break;
      }
      const byRow =
        error instanceof DriftguardRequestError && error.status < 500
          ? detailsByRow(error, collection, sending.length)
          : null;
      if (byRow === null) {
        remaining.forEach((i) => (outcomes[i] = { ok: false, error: error as Error }));
        break;
      }
      remaining.forEach((i, k) => {
        const details = byRow.get(k);
        if (details !== undefined)
          outcomes[i] = { ok: false, error: rowError(error as DriftguardRequestError, details) };
      });
      remaining = remaining.filter((_, k) => !byRow.has(k));
    }
  }
  return outcomes;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A client of `driftguard serve` for one model: batched prediction logging and label sending for models served
 * elsewhere, and scoring with the champion. Retries 429 / 5xx / network errors with exponential backoff and jitter;
 * never retries a refusal (4xx), which rejects with a DriftguardRequestError carrying the server's details.
 * Every logged row's promise settles exactly once; `flush()` and `close()` wait for every queued row.
 */
export function createDriftguardClient(options: DriftguardClientOptions) {
  const transport = createTransport(options);
  const model = encodeURIComponent(options.model);
  const newId = options.newId ?? (() => crypto.randomUUID());
  const maxBatchRows = Math.min(options.maxBatchRows ?? 500, SERVER_MAX_ROWS);
  if (!Number.isInteger(maxBatchRows) || maxBatchRows < 1)
    throw new RangeError(`maxBatchRows must be an integer ≥ 1, got ${options.maxBatchRows}`);
  const queueOptions = {
    maxItems: maxBatchRows,
    maxDelayMs: options.maxDelayMs ?? 200,
    maxQueued: options.maxQueuedRows ?? 100_000,
  };
  if (!(queueOptions.maxDelayMs >= 0) || !Number.isFinite(queueOptions.maxDelayMs))
    throw new RangeError(`maxDelayMs must be a finite number ≥ 0, got ${options.maxDelayMs}`);
  if (!Number.isInteger(queueOptions.maxQueued) || queueOptions.maxQueued < 1)
    throw new RangeError(`maxQueuedRows must be an integer ≥ 1, got ${options.maxQueuedRows}`);
  const onError =
    options.onError ??
    ((error: Error, row: PredictionInput | LabelInput) =>
      console.warn(
        `driftguard client: ${'predictionId' in row ? `label for ${row.predictionId}` : `prediction ${row.id}`} not sent: ${error.message}`,
      ));
  let closed = false;

  const predictions = createBatchQueue<IdentifiedPrediction, string>({
    ...queueOptions,
    send: (rows) =>
      sendRows(
        rows,
        'predictions',
        async (batch) =>
          (
            await transport.request<{ ids: string[] }>('POST', `/v1/models/${model}/predictions`, {
              predictions: batch,
            })
          ).ids,
        (error, batch) =>
          committedByEarlierAttempt(error, batch.length, 'predictions') ? batch.map((r) => r.id) : null,
      ),
  });

  const labels = createBatchQueue<LabelInput, boolean>({
    ...queueOptions,
    send: (rows) =>
      sendRows(
        rows,
        'labels',
        async (batch) => {
          const reply = await transport.request<{ joined: number; unknownIds: string[] }>(
            'POST',
            `/v1/models/${model}/labels`,
            { labels: batch },
          );
          const unknown = new Set(reply.unknownIds);
          return batch.map((l) => !unknown.has(l.predictionId));
        },
        () => null,
      ),
  });

  function enqueue<T extends PredictionInput | LabelInput, R>(queue: { add(row: T): Promise<R> }, row: T): Promise<R> {
    if (closed) throw new DriftguardClientStateError('the client is closed');
    let promise: Promise<R>;
    try {
      promise = queue.add(row);
    } catch (error) {
      throw new DriftguardClientStateError(
        `queue full: ${(error as Error).message}; the server is down or slower than the traffic`,
      );
    }
    // Fire-and-forget callers still hear of failures (onError); awaiting callers get the rejection as usual.
    promise.catch((error: Error) => onError(error, row));
    return promise;
  }

  const client = {
    /**
     * Queues one prediction made elsewhere; resolves with its id once the server committed it. The id (yours, or a
     * UUID the client assigns) is what `sendLabel` joins on later; it also makes re-sends idempotent.
     */
    logPrediction(row: PredictionInput): Promise<string> {
      return enqueue(predictions, { ...row, id: row.id ?? newId() });
    },

    /** Queues many predictions; resolves with their ids, or rejects naming every refused row (`/predictions/<index>/…`) — the others are logged. */
    async logPredictions(rows: readonly PredictionInput[]): Promise<string[]> {
      const results = await Promise.allSettled(rows.map((row) => client.logPrediction(row)));
      const error = aggregateRowErrors('predictions', results);
      if (error !== null) throw error;
      return results.map((r) => (r as PromiseFulfilledResult<string>).value);
    },

    /** Queues the ground truth of an earlier prediction; resolves true when joined, false when the id is unknown. */
    sendLabel(label: LabelInput): Promise<boolean> {
      return enqueue(labels, label);
    },

    /** Queues many labels; resolves with how many were joined and the unknown prediction ids. */
    async sendLabels(rows: readonly LabelInput[]): Promise<{ joined: number; unknownIds: string[] }> {
      const results = await Promise.allSettled(rows.map((row) => client.sendLabel(row)));
      const error = aggregateRowErrors('labels', results);
      if (error !== null) throw error;
      const joined = results.map((r) => (r as PromiseFulfilledResult<boolean>).value);
      return {
        joined: joined.filter(Boolean).length,
        unknownIds: rows.filter((_, i) => !joined[i]).map((l) => l.predictionId),
      };
    },

    /** Scores one row with the champion (logged by the server); sent at once, retried like the rest. */
    async predict(row: PredictRow): Promise<ServedPrediction> {
      const [one] = await client.predictBatch([row]);
      return one;
    },

    /** Scores rows with the champion, 10,000 per request; every row carries an id, so a re-send is never logged twice. */
    async predictBatch(rows: readonly PredictRow[]): Promise<ServedPrediction[]> {
      if (closed) throw new DriftguardClientStateError('the client is closed');
      const out: ServedPrediction[] = [];
      for (const chunk of chunks(
        rows.map((r) => ({ ...r, id: r.id ?? newId() })),
        SERVER_MAX_ROWS,
      )) {
        try {
          out.push(
            ...(
              await transport.request<{ predictions: ServedPrediction[] }>('POST', `/v1/models/${model}/predict`, {
                rows: chunk,
              })
            ).predictions,
          );
        } catch (error) {
          if (error instanceof DriftguardRequestError && committedByEarlierAttempt(error, chunk.length, 'rows')) {
            throw new DriftguardRequestError(
              409,
              'conflict',
              'an earlier attempt scored and logged these rows but its reply was lost; the predictions are in the log under these ids',
              error.details,
              error.attempts,
            );
          }
          throw error;
        }
      }
      return out;
    },

    /**
     * Replaces the model's reference with these rows (e.g. the training data): JSON rows, or `{ csv }` — CSV text
     * with a header line, sent as `text/csv`. Needs an admin key.
     */
    async uploadReference(
      rows: readonly Record<string, string | number | boolean | null>[] | { readonly csv: string },
    ): Promise<ReferenceSummary> {
      const path = `/v1/models/${model}/reference`;
      return 'csv' in rows
        ? transport.requestText<ReferenceSummary>('PUT', path, 'text/csv', rows.csv)
        : transport.request<ReferenceSummary>('PUT', path, { rows });
    },

    /** Rows queued or in flight, predictions and labels together. */
    get pending(): number {
      return predictions.pending + labels.pending;
    },

    /** Sends everything queued now and waits until every row is acknowledged or refused. */
    async flush(): Promise<FlushResult> {
      const [p, l] = await Promise.all([predictions.flush(), labels.flush()]);
      return { sent: p.sent + l.sent, failed: p.failed + l.failed };
    },

    /** Refuses new rows, then flushes: resolves once every row handed to the client is acknowledged or refused. */
    async close(): Promise<FlushResult> {
      closed = true;
      return client.flush();
    },
  };
  return client;
}

export type DriftguardClient = ReturnType<typeof createDriftguardClient>;
