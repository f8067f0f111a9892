import type { Alert, AlertSeverity, AlertStatus } from '../domain/alert.js';
import type { AlertEvent } from '../domain/alert-policy.js';
import type { GroundTruthLabel, NewPrediction, StoredPrediction } from '../domain/prediction-record.js';
import type { ReferenceRowSample } from '../domain/reference-row-sample.js';
import type { RetrainingJob } from '../domain/retraining-job.js';
import type { DriftReport } from '../drift/drift-report.js';
import type { ReferenceProfile } from '../drift/reference-profile.js';

/** JSON documents the store keeps verbatim and validates on read (model definitions). */
export type JsonDocument = Readonly<Record<string, unknown>>;

export interface AppendPredictionsResult {
  /** Rows committed by this call. */
  readonly inserted: number;
  /** Ids that already existed for the model; nothing of the batch is written when this is non-empty. */
  readonly duplicateIds: readonly string[];
}

export interface AttachLabelsResult {
  /** Labels of the batch whose prediction now carries them (within a batch the last label per id wins). */
  readonly joined: number;
  /** Ids with no logged prediction for the model; their labels are not stored. */
  readonly unknownIds: readonly string[];
  /**
   * Ids whose prediction already had another label: replaced (each old label kept as a LabelRevision) with
   * `overwrite`, else nothing of the batch was written. Re-sending the stored label is not a relabel.
   */
  readonly relabeledIds: readonly string[];
}

export interface AttachLabelsOptions {
  /** Replace a different stored label (default false: such a batch is refused whole, see relabeledIds). */
  readonly overwrite?: boolean;
  /** Who sent the batch, for the revision records (e.g. the API key's name). */
  readonly by?: string;
  /** When, for the revision records (ms since the epoch). */
  readonly atMs?: number;
}

/** A replaced label: the audit record an overwrite leaves (label_revisions). */
export interface LabelRevision {
  readonly predictionId: string;
  readonly previousLabel: GroundTruthLabel['label'];
  readonly previousLabelTimestampMs: number | null;
  readonly label: GroundTruthLabel['label'];
  readonly labelTimestampMs: number;
  readonly revisedAtMs: number;
  readonly revisedBy: string;
}

/** A page of the prediction log for browsing (the dashboard's table), newest first. */
export interface PredictionListQuery {
  /** Page size. */
  readonly limit: number;
  /** Return predictions with sequence < beforeSequence (the cursor of the previous page). */
  readonly beforeSequence?: number;
  /** fromMs ≤ timestampMs. */
  readonly fromMs?: number;
  /** timestampMs < toMs. */
  readonly toMs?: number;
  /** Predicted class in its string form (`1`, `yes`, `true`). */
  readonly predictedClass?: string;
  /** true: only labelled rows; false: only rows still waiting for a label. */
  readonly labeled?: boolean;
}

/** The append-only prediction log with late-arriving labels. */
export interface PredictionLog {
  /**
   * Appends a batch atomically: either every row is committed (resolved promise = durable) or none is
   * (duplicate ids are reported and nothing is written).
   */
  appendPredictions(model: string, predictions: readonly NewPrediction[]): Promise<AppendPredictionsResult>;
  /**
   * Joins labels by prediction id, atomically; unknown ids are reported, never silently dropped. A label that differs
   * from the stored one is a relabel: refused (nothing written) unless `overwrite`, and then audited.
   */
  attachLabels(
    model: string,
    labels: readonly GroundTruthLabel[],
    options?: AttachLabelsOptions,
  ): Promise<AttachLabelsResult>;
  /** The model's replaced labels, newest first (optionally of one prediction), at most `limit`. */
  listLabelRevisions(
    model: string,
    query: { readonly predictionId?: string; readonly limit: number },
  ): Promise<LabelRevision[]>;
  getPrediction(model: string, id: string): Promise<StoredPrediction | null>;
  /** The most recent `limit` predictions by sequence, oldest first (count-based windows). */
  latestPredictions(model: string, limit: number): Promise<StoredPrediction[]>;
  /** Predictions with fromMs ≤ timestampMs < toMs, oldest first (time-based windows). */
  predictionsBetween(model: string, fromMs: number, toMs: number): Promise<StoredPrediction[]>;
  /** Predictions with sequence > afterSequence, oldest first, at most `limit` (incremental evaluation). */
  predictionsAfter(model: string, afterSequence: number, limit: number): Promise<StoredPrediction[]>;
  /** The most recent `limit` labelled predictions, oldest first (training data for retraining). */
  latestLabeledPredictions(model: string, limit: number): Promise<StoredPrediction[]>;
  countPredictions(model: string): Promise<{ total: number; labeled: number }>;
  /**
   * Predictions logged after `afterSequence` and the newest sequence among them (null when none): the monitoring
   * scheduler's event counter, costing the new rows only, not the whole log as countPredictions does.
   */
  countPredictionsAfter(model: string, afterSequence: number): Promise<{ count: number; lastSequence: number | null }>;
  /** A filtered page of the log, newest first by sequence. */
  listPredictions(model: string, query: PredictionListQuery): Promise<StoredPrediction[]>;
  /** Retention: deletes predictions older than cutoffMs; returns how many were deleted. */
  deletePredictionsBefore(model: string, cutoffMs: number): Promise<number>;
}

export interface MonitoredModelRecord {
  readonly name: string;
  /** The model's definition (schema, windows, alert and retraining settings) as validated JSON. */
  readonly definition: JsonDocument;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** Monitored models by name. */
export interface MonitoredModelRepository {
  /** Creates or replaces the definition; returns the stored record. */
  saveModel(name: string, definition: JsonDocument, nowMs: number): Promise<MonitoredModelRecord>;
  getModel(name: string): Promise<MonitoredModelRecord | null>;
  listModels(): Promise<MonitoredModelRecord[]>;
}

export interface DriftReportSummary {
  readonly model: string;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly createdAtMs: number;
  readonly severity: 'none' | 'low' | 'medium' | 'high';
  readonly driftShare: number;
}

export interface StoredDriftReport extends DriftReportSummary {
  readonly id: number;
  readonly report: DriftReport;
}

export interface DriftReportQuery {
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Page size (newest first). */
  readonly limit: number;
  /** Return reports with id < beforeId (the cursor of the previous page). */
  readonly beforeId?: number;
}

/** Stored drift reports, newest first. */
export interface DriftReportRepository {
  saveDriftReport(summary: DriftReportSummary, report: DriftReport): Promise<StoredDriftReport>;
  listDriftReports(model: string, query: DriftReportQuery): Promise<StoredDriftReport[]>;
  latestDriftReport(model: string): Promise<StoredDriftReport | null>;
  /** How many reports the model has with id ≤ `upToId`: a report's number among its model's reports (1 = first). */
  countDriftReports(model: string, upToId: number): Promise<number>;
}

/**
 * Leases make once-per-model work (the monitoring loop, a retraining job) safe across replicas: only the
 * holder of an unexpired lease does the work.
 */
export interface LeaseRepository {
  /** Takes the lease when it is free, expired or already held by `holder` (renewal). */
  tryAcquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

/** One attempt to deliver an alert notification to a sink. */
export interface AlertDelivery {
  readonly alertId: string;
  readonly sink: string;
  readonly event: AlertEvent;
  readonly attempt: number;
  readonly outcome: 'delivered' | 'failed';
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly atMs: number;
}

export interface AlertQuery {
  readonly model?: string;
  readonly status?: AlertStatus;
  readonly severity?: AlertSeverity;
  /** Page size (newest first by first sight). */
  readonly limit: number;
  /** Return alerts first seen strictly before this time (the cursor of the previous page). */
  readonly beforeFirstSeenMs?: number;
}

/** Alerts with their full history; at most one open (not resolved) alert per (model, kind), enforced by the store. */
export interface AlertRepository {
  openAlert(model: string, kind: Alert['kind']): Promise<Alert | null>;
  /** Inserts or replaces by id. Opening a second alert for the same (model, kind) is refused with an error. */
  saveAlert(alert: Alert): Promise<void>;
  getAlert(id: string): Promise<Alert | null>;
  listAlerts(query: AlertQuery): Promise<Alert[]>;
  recordDelivery(delivery: AlertDelivery): Promise<void>;
  listDeliveries(alertId: string): Promise<AlertDelivery[]>;
}

export interface StoredReferenceProfile {
  readonly id: number;
  readonly model: string;
  /** Where it came from, e.g. `champion version 3` or `upload by ops`. */
  readonly source: string;
  readonly createdAtMs: number;
  /** The profile without its row sample (read with `referenceRowSample`, only when a multivariate test needs it). */
  readonly profile: ReferenceProfile;
  /** Rows in the reference's row sample; null when it has none (stored before driftguard kept one). */
  readonly rowSampleRowCount: number | null;
}

/** Reference profiles of each model; the newest is the one drift is measured against (older ones are history). */
export interface ReferenceProfileRepository {
  saveReferenceProfile(
    model: string,
    source: string,
    profile: ReferenceProfile,
    nowMs: number,
  ): Promise<StoredReferenceProfile>;
  latestReferenceProfile(model: string): Promise<StoredReferenceProfile | null>;
  /**
   * The row sample of the model's reference `referenceId` (the profile's `rowSample` when it was saved, kept apart so
   * reading a profile stays light); null when that reference has none or is not the model's.
   */
  referenceRowSample(model: string, referenceId: number): Promise<ReferenceRowSample | null>;
}

export interface RetrainingJobQuery {
  /** Page size (newest first). */
  readonly limit: number;
  /** Return jobs created before the job with this id (the cursor of the previous page). */
  readonly beforeId?: string;
}

/**
 * Retraining jobs with their whole story. At most one open (not finished: deferred, queued or running) job per model,
 * enforced by the store so two replicas cannot both start one.
 */
export interface RetrainingJobRepository {
  /** Inserts or replaces by id. Opening a second unfinished job for the same model is refused with an error. */
  saveRetrainingJob(job: RetrainingJob): Promise<void>;
  getRetrainingJob(model: string, id: string): Promise<RetrainingJob | null>;
  /** Jobs of the model, newest first; an unknown `beforeId` gives an empty page. */
  listRetrainingJobs(model: string, query: RetrainingJobQuery): Promise<RetrainingJob[]>;
  /** The model's unfinished job (deferred, queued or running), if any. */
  openRetrainingJob(model: string): Promise<RetrainingJob | null>;
}

/** The application's persistent state; adapters: SQLite (embedded) and PostgreSQL (shared by replicas). */
export interface Store
  extends PredictionLog,
    MonitoredModelRepository,
    DriftReportRepository,
    LeaseRepository,
    AlertRepository,
    ReferenceProfileRepository,
    RetrainingJobRepository {
  /** Applies pending versioned migrations; returns the schema version now in force. */
  migrate(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A value no store can hold, refused alike by every adapter before anything is written: text with U+0000 or a lone
 * surrogate (anywhere: ids, feature names and values, labels, definitions, summaries, reasons, query arguments), or
 * a prediction / label time that is not whole epoch milliseconds from 0 to MAX_TIMESTAMP_MS (domain/timestamp.ts).
 * The HTTP edge refuses such input earlier; this is the store's own guarantee.
 */
export class StoreInputError extends Error {
  override readonly name = 'StoreInputError';
  constructor(
    /** The store method that refused it. */
    readonly operation: string,
    /** JSON Pointer into the method's arguments, e.g. `/1/3/features/region` (argument 1, row 3). */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${operation}: ${path} ${reason}`);
  }
}
