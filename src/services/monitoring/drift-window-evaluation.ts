import { type Cell, type DataTable, dataTableOf, ownCell } from '../../domain/data-table.js';
import type { StoredPrediction } from '../../domain/prediction-record.js';
import {
  applyFeatureOverrides,
  type DriftReport,
  estimateWindowPerformance,
  evaluateDrift,
  parseReferenceProfile,
  type ReferenceProfile,
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

/** The CPU-heavy part of a monitoring evaluation (pure): profile parsing, the window's table and the drift engine. */
export function evaluateDriftWindow(request: DriftWindowRequest): DriftReport {
  const profile = applyFeatureOverrides(parseReferenceProfile(request.profile), request.overrides);
  const report = evaluateDrift(profile, predictionTable(request.rows, profile), request.options, request.state);
  if (request.estimation === undefined) return report;
  const outcome = estimateWindowPerformance(
    profile,
    { scores: request.rows.map((r) => r.score), predictions: request.rows.map((r) => r.predictedClass) },
    request.estimation.metrics,
  );
  return { ...report, estimatedPerformance: outcome.estimate, estimatedPerformanceUnavailableReason: outcome.reason };
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
