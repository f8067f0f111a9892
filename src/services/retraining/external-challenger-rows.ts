/**
 * Which labelled rows a retraining job hands to the user's trainer and which it keeps (pure): the same rules as the
 * built-in pipeline (challenger-pipeline.ts) — the newest test block of the smallest horizon is held out for the
 * champion / challenger comparison, the rows before it (within the horizon) are split in time order into training and
 * validation rows (validation = the newest 15 / 85 of them), the newest older rows are the reference holdout, and
 * `referenceSampleRows` older rows may be mixed into the training rows. An external trainer is run once: on the
 * smallest horizon the policy asks for (with `trainOn: best`, the rows since the drift began).
 */
import type { StoredPrediction } from '../../domain/prediction-record.js';
import { checkSufficiency, type RetrainingPolicy, type SufficiencyResult } from '../../domain/retraining-policy.js';
import { InsufficientDataError, sampleRows } from './challenger-pipeline.js';

export interface ExternalRowsRequest {
  /** Labelled rows of the horizon, oldest first. */
  readonly recent: readonly StoredPrediction[];
  /** Labelled rows older than the horizon, oldest first. */
  readonly older: readonly StoredPrediction[];
  readonly policy: RetrainingPolicy;
  /** The horizons the policy asks for (trainingHorizons); the smallest is used. */
  readonly horizons: readonly number[];
  /** The champion's classes (string form), so a class with no label yet is named. */
  readonly classes: readonly string[];
  readonly coverage: { readonly recentPredictions: number; readonly recentLabeled: number };
  /** Newest older rows held out to measure what the challenger forgot (at most). */
  readonly referenceHoldoutRows: number;
  readonly seed?: number;
}

export interface ExternalRows {
  readonly sufficiency: SufficiencyResult;
  readonly horizonRows: number;
  /** What the trainer gets: older rows mixed in (if any) first, then the horizon's training rows. */
  readonly train: readonly StoredPrediction[];
  readonly validation: readonly StoredPrediction[];
  /** Kept by driftguard: both models are scored on them. */
  readonly test: readonly StoredPrediction[];
  readonly holdout: readonly StoredPrediction[];
  readonly referenceRows: number;
}

const VALIDATION_SHARE = 0.15 / (0.7 + 0.15);

function perClass(rows: readonly StoredPrediction[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[String(r.label)] = (counts[String(r.label)] ?? 0) + 1;
  return counts;
}

/** Plans the job's rows; not enough labelled rows (or of a class) in the horizon → InsufficientDataError. */
export function planExternalRows(request: ExternalRowsRequest): ExternalRows {
  const { recent, policy } = request;
  const horizonRows = Math.min(...request.horizons);
  const smallest = recent.slice(-horizonRows);
  const sufficiency = checkSufficiency(policy, {
    labeledRows: smallest.length,
    perClass: perClass(smallest),
    classes: request.classes,
    ...request.coverage,
  });
  if (!sufficiency.met) throw new InsufficientDataError(sufficiency);
  // timeOrderedSplit's 70 / 15 / 15 of the smallest horizon: the test block is what the floors leave.
  const testRows =
    smallest.length - Math.floor(smallest.length * 0.7 + 1e-9) - Math.floor(smallest.length * 0.15 + 1e-9);
  const test = recent.slice(recent.length - testRows);
  const before = recent.slice(Math.max(0, recent.length - horizonRows), recent.length - testRows);
  const validationRows = Math.floor(before.length * VALIDATION_SHARE + 1e-9);
  const holdoutRows = Math.min(request.referenceHoldoutRows, Math.floor(request.older.length / 2));
  const holdout = request.older.slice(request.older.length - holdoutRows);
  const older = request.older.slice(0, request.older.length - holdoutRows);
  const mixed = sampleRows(older.length, Math.min(policy.referenceSampleRows, older.length), request.seed ?? 0).map(
    (i) => older[i],
  );
  return {
    sufficiency,
    horizonRows,
    train: [...(policy.referenceSampleRows === 0 ? [] : mixed), ...before.slice(0, before.length - validationRows)],
    validation: before.slice(before.length - validationRows),
    test,
    holdout,
    referenceRows: policy.referenceSampleRows === 0 ? 0 : mixed.length,
  };
}
