import { type Cell, type DataTable, dataTableOf, ownCell } from '../../domain/data-table.js';
import type { StoredPrediction } from '../../domain/prediction-record.js';
import { SchemaError } from '../../domain/schema-error.js';
import {
  applyFeatureOverrides,
  type DriftReport,
  detectMultivariateDrift,
  estimateWindowPerformance,
  evaluateDrift,
  multivariateFeatures,
  parseReferenceProfile,
  parseReferenceRowSample,
  type ReferenceProfile,
  rowSampleTable,
} from '../../drift/index.js';
import type { DriftEvaluator, DriftWindowRequest } from '../../ports/drift-evaluator.js';

/** Builds the engine's table from logged predictions: features, and the profile's prediction / score / target roles. */
export function predictionTable(rows: readonly StoredPrediction[], profile: ReferenceProfile): DataTable {
  const columns = new Map<string, readonly Cell[]>();
  for (const f of profile.schema.features)
    columns.set(
      f.name,
      rows.map((r) => ownCell(r.features, f.name)),
    );
  const { prediction, predictionScore, target } = profile.schema;
  if (prediction !== null)
    columns.set(
      prediction.name,
      rows.map((r) => r.predictedClass),
    );
  if (predictionScore !== null)
    columns.set(
      predictionScore.name,
      rows.map((r) => r.score),
    );
  if (target !== null)
    columns.set(
      target.name,
      rows.map((r) => r.label),
    );
  return dataTableOf(columns, rows.length);
}

/**
 * The multivariate test of a window against the reference's row sample: `multivariate`, or `multivariateNotRun` with
 * the reason when the input cannot be tested (a malformed sample, too few rows, a feature the sample lacks).
 */
export function multivariateOfWindow(
  profile: ReferenceProfile,
  current: DataTable,
  request: NonNullable<DriftWindowRequest['multivariate']>,
): Pick<DriftReport, 'multivariate' | 'multivariateNotRun'> {
  try {
    const reference = rowSampleTable(parseReferenceRowSample(request.referenceRows));
    const features = multivariateFeatures(profile.schema);
    return { multivariate: detectMultivariateDrift({ reference, current, features }, request.options) };
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    return { multivariateNotRun: { method: request.options.method ?? 'classifier', reason: error.message } };
  }
}

/**
 * The CPU-heavy part of a monitoring evaluation (pure): profile parsing, the window's table, the drift engine and,
 * when asked, the multivariate test and the performance estimate.
 */
export function evaluateDriftWindow(request: DriftWindowRequest): DriftReport {
  const profile = applyFeatureOverrides(parseReferenceProfile(request.profile), request.overrides);
  const current = predictionTable(request.rows, profile);
  const report = evaluateDrift(profile, current, request.options, request.state);
  const multivariate =
    request.multivariate === undefined ? {} : multivariateOfWindow(profile, current, request.multivariate);
  if (request.estimation === undefined) return { ...report, ...multivariate };
  const outcome = estimateWindowPerformance(
    profile,
    { scores: request.rows.map((r) => r.score), predictions: request.rows.map((r) => r.predictedClass) },
    request.estimation.metrics,
  );
  return {
    ...report,
    ...multivariate,
    estimatedPerformance: outcome.estimate,
    estimatedPerformanceUnavailableReason: outcome.reason,
  };
}

/** Evaluates on the calling thread (blocks its event loop for the evaluation's duration): unit tests and one-shot tools. */
export function createInThreadDriftEvaluator(): DriftEvaluator {
  return {
    async evaluate(request) {
      return evaluateDriftWindow(request);
    },
    async close() {},
  };
}
