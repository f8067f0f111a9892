import { dataTableOf, ownCell, type Cell, type DataTable } from '../domain/data-table.js';
import type { StoredPrediction } from '../domain/prediction-record.js';
import type { FeatureOverride } from '../domain/feature-schema.js';
import { applyFeatureOverrides, evaluateDrift, parseReferenceProfile, type DriftEngineOptions, type DriftReport, type EvaluationState, type ReferenceProfile } from '../drift/index.js';

/** Everything one window evaluation needs; plain data, so it can cross a worker-thread boundary (structured clone). */
export interface DriftWindowRequest {
  /** The reference profile as stored (JSON); parsed and validated by the evaluation. */
  readonly profile: unknown;
  /** The window's logged predictions, oldest first. */
  readonly rows: readonly StoredPrediction[];
  readonly options: DriftEngineOptions;
  readonly state: EvaluationState;
  /** The model definition's per-feature overrides, applied to the profile whatever its source (upload or champion). */
  readonly overrides?: Readonly<Record<string, FeatureOverride>>;
}

/** Builds the engine's table from logged predictions: features, and the profile's prediction / score / target roles. */
export function predictionTable(rows: readonly StoredPrediction[], profile: ReferenceProfile): DataTable {
  const columns = new Map<string, readonly Cell[]>();
  for (const f of profile.schema.features) columns.set(f.name, rows.map((r) => ownCell(r.features, f.name)));
  const { prediction, predictionScore, target } = profile.schema;
  if (prediction !== null) columns.set(prediction.name, rows.map((r) => r.predictedClass));
  if (predictionScore !== null) columns.set(predictionScore.name, rows.map((r) => r.score));
  if (target !== null) columns.set(target.name, rows.map((r) => r.label));
  return dataTableOf(columns, rows.length);
}

/** The CPU-heavy part of a monitoring evaluation (pure): profile parsing, the window's table and the drift engine. */
export function evaluateDriftWindow(request: DriftWindowRequest): DriftReport {
  const profile = applyFeatureOverrides(parseReferenceProfile(request.profile), request.overrides);
  return evaluateDrift(profile, predictionTable(request.rows, profile), request.options, request.state);
}
