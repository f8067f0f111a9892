import type { Cell, DataTable } from '../../domain/data-table.js';
import { inferSchema } from '../../domain/infer-schema.js';
import { buildReferenceProfile } from '../../drift/build-reference-profile.js';
import type { ReferenceProfile } from '../../drift/reference-profile.js';
import { encodeTarget, type FittedModel } from '../../models/index.js';

/** Role columns added to scored rows so the drift engine measures performance: label, prediction, score (0 / 1, P(1)). */
export const SCORED_COLUMNS = { label: '__label', prediction: '__prediction', score: '__score' } as const;

/**
 * The model's features of `table` plus the encoded label (when the target column is present), the predicted
 * class and the score — what the drift engine compares, in the same 0 / 1 coding for reference and windows.
 */
export function scoredTable(model: FittedModel, table: DataTable, scores: Float64Array = model.predictProbaBatch(table)): DataTable {
  const features = model.schema.features.map((f) => f.name);
  const columns: Record<string, readonly Cell[]> = Object.fromEntries(features.map((c) => [c, table.columns[c]]));
  const labels = table.columnNames.includes(model.schema.target) ? Array.from(encodeTarget(table, model.schema)) : new Array<Cell>(table.rowCount).fill(null);
  columns[SCORED_COLUMNS.label] = labels;
  columns[SCORED_COLUMNS.prediction] = Array.from(scores, (p) => (p >= 0.5 ? 1 : 0));
  columns[SCORED_COLUMNS.score] = Array.from(scores);
  return { columnNames: [...features, SCORED_COLUMNS.label, SCORED_COLUMNS.prediction, SCORED_COLUMNS.score], rowCount: table.rowCount, columns };
}

/**
 * The monitoring reference of a model: feature distributions of its training rows and the reference performance
 * measured on its held-out test rows (the training rows would flatter a boosted model and make every window look
 * like a performance drop).
 */
export function monitoringProfile(model: FittedModel, trainTable: DataTable, testTable: DataTable): ReferenceProfile {
  const train = scoredTable(model, trainTable);
  const schema = inferSchema(train, {
    target: SCORED_COLUMNS.label,
    prediction: SCORED_COLUMNS.prediction,
    predictionScore: SCORED_COLUMNS.score,
    positiveClass: 1,
    task: 'classification',
  });
  const profile = buildReferenceProfile(train, schema);
  const heldOut = buildReferenceProfile(scoredTable(model, testTable), schema);
  return { ...profile, performance: heldOut.performance };
}
