import type { Cell } from '../../domain/data-table.js';
import type { GroundTruthLabel, PredictedClass, StoredPrediction } from '../../domain/prediction-record.js';
import { isFinal, type RetrainingJob } from '../../domain/retraining-job.js';
import type {
  AlertDelivery,
  AlertQuery,
  JsonDocument,
  LabelRevision,
  MonitoredModelRecord,
  StoredDriftReport,
  StoredReferenceProfile,
} from '../../ports/store.js';

/** A predictions row with JSON columns already parsed (pg parses JSONB; SQLite rows go through `jsonColumnDecoder`). */
export interface PredictionRow {
  sequence: number | string;
  model: string;
  id: string;
  model_version: string | null;
  timestamp_ms: number | string;
  features: Record<string, Cell>;
  predicted_class: PredictedClass | null;
  score: number | null;
  label: Cell;
  label_timestamp_ms: number | string | null;
}

export function toStoredPrediction(row: PredictionRow): StoredPrediction {
  return {
    sequence: Number(row.sequence),
    id: row.id,
    model: row.model,
    modelVersion: row.model_version,
    timestampMs: Number(row.timestamp_ms),
    features: row.features,
    predictedClass: row.predicted_class,
    score: row.score,
    label: row.label,
    labelTimestampMs: row.label_timestamp_ms === null ? null : Number(row.label_timestamp_ms),
  };
}

/** COUNT and MAX come back as numbers from SQLite and as text (bigint) from pg. */
export interface PredictionCountRow {
  total: number | string;
  labeled: number | string;
}

export function toPredictionCount(row: PredictionCountRow): { total: number; labeled: number } {
  return { total: Number(row.total), labeled: Number(row.labeled) };
}

export interface CountAfterRow {
  count: number | string;
  last_sequence: number | string | null;
}

export function toCountAfter(row: CountAfterRow): { count: number; lastSequence: number | null } {
  return { count: Number(row.count), lastSequence: row.last_sequence === null ? null : Number(row.last_sequence) };
}

export interface ModelRow {
  name: string;
  definition: JsonDocument;
  created_at_ms: number | string;
  updated_at_ms: number | string;
}

export function toModelRecord(row: ModelRow): MonitoredModelRecord {
  return {
    name: row.name,
    definition: row.definition,
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
  };
}

export interface DriftReportRow {
  id: number | string;
  model: string;
  window_start_ms: number | string;
  window_end_ms: number | string;
  created_at_ms: number | string;
  severity: StoredDriftReport['severity'];
  drift_share: number;
  report: StoredDriftReport['report'];
}

export function toStoredDriftReport(row: DriftReportRow): StoredDriftReport {
  return {
    id: Number(row.id),
    model: row.model,
    windowStartMs: Number(row.window_start_ms),
    windowEndMs: Number(row.window_end_ms),
    createdAtMs: Number(row.created_at_ms),
    severity: row.severity,
    driftShare: row.drift_share,
    report: row.report,
  };
}

/** Positive integer page/window sizes; anything else is a caller bug worth a clear message. */
export function requirePositiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Keeps the last label per prediction id (a later label in the same batch overwrites an earlier one). */
export function lastLabelPerId(labels: readonly GroundTruthLabel[]): GroundTruthLabel[] {
  return [...new Map(labels.map((l) => [l.predictionId, l])).values()];
}

export interface DeliveryRow {
  alert_id: string;
  sink: string;
  event: AlertDelivery['event'];
  attempt: number;
  outcome: AlertDelivery['outcome'];
  http_status: number | null;
  error: string | null;
  at_ms: number | string;
}

export function toAlertDelivery(row: DeliveryRow): AlertDelivery {
  return {
    alertId: row.alert_id,
    sink: row.sink,
    event: row.event,
    attempt: row.attempt,
    outcome: row.outcome,
    httpStatus: row.http_status,
    error: row.error,
    atMs: Number(row.at_ms),
  };
}

/** Alert list filters as positional parameters shared by both dialects (null = no filter). */
export function alertQueryParameters(query: AlertQuery): [string | null, string | null, string | null, number, number] {
  return [
    query.model ?? null,
    query.status ?? null,
    query.severity ?? null,
    query.beforeFirstSeenMs ?? Number.MAX_SAFE_INTEGER,
    requirePositiveInteger(query.limit, 'limit'),
  ];
}

export interface ReferenceProfileRow {
  id: number | string;
  model: string;
  source: string;
  created_at_ms: number | string;
  profile: StoredReferenceProfile['profile'];
  row_sample_rows: number | string | null;
}

export function toStoredReferenceProfile(row: ReferenceProfileRow): StoredReferenceProfile {
  return {
    id: Number(row.id),
    model: row.model,
    source: row.source,
    createdAtMs: Number(row.created_at_ms),
    profile: row.profile,
    rowSampleRowCount: row.row_sample_rows === null ? null : Number(row.row_sample_rows),
  };
}

/** The columns a reference profile is stored in: the profile's JSON without its row sample, and the sample apart. */
export function referenceProfileColumns(profile: StoredReferenceProfile['profile']): {
  profile: string;
  rowSample: string | null;
  rowSampleRows: number | null;
} {
  const { rowSample, ...rest } = profile;
  return {
    profile: JSON.stringify(rest),
    rowSample: rowSample === undefined ? null : JSON.stringify(rowSample),
    rowSampleRows: rowSample === undefined ? null : rowSample.rowCount,
  };
}

/** Columns of a reference profile read back without its (large) row sample. */
export const REFERENCE_PROFILE_COLUMNS = 'id, model, source, created_at_ms, profile, row_sample_rows';

/** A retraining_jobs row with the body parsed; `finished` decides whether the job still counts as open. */
export function retrainingJobColumns(job: RetrainingJob): { finished: boolean; body: string } {
  return { finished: isFinal(job.status), body: JSON.stringify(job) };
}

/** A label_revisions row with its JSON columns parsed. */
export interface LabelRevisionRow {
  prediction_id: string;
  previous_label: LabelRevision['previousLabel'];
  previous_label_timestamp_ms: number | string | null;
  label: LabelRevision['label'];
  label_timestamp_ms: number | string;
  revised_at_ms: number | string;
  revised_by: string;
}

export function toLabelRevision(row: LabelRevisionRow): LabelRevision {
  return {
    predictionId: row.prediction_id,
    previousLabel: row.previous_label,
    previousLabelTimestampMs: row.previous_label_timestamp_ms === null ? null : Number(row.previous_label_timestamp_ms),
    label: row.label,
    labelTimestampMs: Number(row.label_timestamp_ms),
    revisedAtMs: Number(row.revised_at_ms),
    revisedBy: row.revised_by,
  };
}
