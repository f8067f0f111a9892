import type { MlflowMetric, MlflowTag } from './mlflow-types.js';

/** MLflow's per-request limits of `runs/log-batch` (mlflow.utils.validation, MLflow 3.x). */
export const MLFLOW_LOG_BATCH_LIMITS = {
  maxMetrics: 1000,
  maxParams: 100,
  maxTags: 100,
  maxEntities: 1000,
  /** MAX_BATCH_LOG_REQUEST_SIZE; we keep a margin for the envelope (`run_id`, keys). */
  maxRequestBytes: 1_000_000,
} as const;

export type LogBatchLimits = { readonly [K in keyof typeof MLFLOW_LOG_BATCH_LIMITS]: number };

export interface LogBatchChunk {
  metrics: MlflowMetric[];
  params: MlflowTag[];
  tags: MlflowTag[];
}

const ENVELOPE_BYTES = 200;

/**
 * Splits a batch into requests that each respect MLflow's limits (≤ 1000 metrics, ≤ 100 params, ≤ 100 tags,
 * ≤ 1000 entities, ≤ 1 MB of JSON). Greedy and order-preserving: params first, then tags, then metrics, so a
 * param conflict fails before any metric lands. Returns no chunk for an empty batch.
 */
export function chunkLogBatch(
  batch: { metrics: readonly MlflowMetric[]; params: readonly MlflowTag[]; tags: readonly MlflowTag[] },
  limits: LogBatchLimits = MLFLOW_LOG_BATCH_LIMITS,
): LogBatchChunk[] {
  const chunks: LogBatchChunk[] = [];
  let current: LogBatchChunk = { metrics: [], params: [], tags: [] };
  let bytes = ENVELOPE_BYTES;
  const entities = (c: LogBatchChunk) => c.metrics.length + c.params.length + c.tags.length;
  const add = <K extends keyof LogBatchChunk>(kind: K, entity: LogBatchChunk[K][number], max: number) => {
    const size = Buffer.byteLength(JSON.stringify(entity), 'utf8') + 1;
    if (ENVELOPE_BYTES + size > limits.maxRequestBytes) {
      throw new RangeError(
        `log batch: ${kind} entry "${entity.key}" is ${size} bytes, over the ${limits.maxRequestBytes}-byte request limit`,
      );
    }
    if (
      current[kind].length >= max ||
      entities(current) >= limits.maxEntities ||
      bytes + size > limits.maxRequestBytes
    ) {
      chunks.push(current);
      current = { metrics: [], params: [], tags: [] };
      bytes = ENVELOPE_BYTES;
    }
    (current[kind] as LogBatchChunk[K][number][]).push(entity);
    bytes += size;
  };
  for (const param of batch.params) add('params', param, limits.maxParams);
  for (const tag of batch.tags) add('tags', tag, limits.maxTags);
  for (const metric of batch.metrics) add('metrics', metric, limits.maxMetrics);
  if (entities(current) > 0) chunks.push(current);
  return chunks;
}
