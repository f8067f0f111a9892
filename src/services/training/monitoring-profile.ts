import { type Cell, type Column, type DataTable, dataTableOf, numberColumn } from '../../domain/data-table.js';
import { inferSchema } from '../../domain/infer-schema.js';
import { buildReferenceProfile } from '../../drift/build-reference-profile.js';
import type { ReferenceProfile } from '../../drift/reference-profile.js';
import { withReferenceRowSample } from '../../drift/reference-row-sample.js';
import { encodeTarget, type FittedModel, predictedClass } from '../../models/index.js';

/** Role columns added to scored rows so the drift engine measures performance: label, prediction, score (P(class 1)). */
export const SCORED_COLUMNS = { label: '__label', prediction: '__prediction', score: '__score' } as const;

/** The model's class labels (negative, positive); `0` / `1` for a model without (never a binary one). */
const classLabelsOf = (model: FittedModel): readonly [string, string] => model.schema.classLabels ?? ['0', '1'];

/**
 * The model's features of `table` plus the label (when the target column is present), the predicted class and the
 * score — coded as `/predict` logs them (class labels, score = P(classLabels[1])), so a reference built here and the
 * live prediction log (labels joined later) are compared in the same terms.
 */
export function scoredTable(
  model: FittedModel,
  table: DataTable,
  scores: Float64Array = model.predictProbaBatch(table),
): DataTable {
  const classes = classLabelsOf(model);
  const features = model.schema.features.map((f) => f.name);
  const columns = new Map<string, Column | readonly Cell[]>(features.map((c) => [c, table.columns.get(c) as Column]));
  const labels = table.columnNames.includes(model.schema.target)
    ? Array.from(encodeTarget(table, model.schema), (y) => classes[y === 1 ? 1 : 0])
    : new Array<Cell>(table.rowCount).fill(null);
  columns.set(SCORED_COLUMNS.label, labels);
  columns.set(
    SCORED_COLUMNS.prediction,
    Array.from(scores, (p) => classes[predictedClass(p)]),
  );
  columns.set(SCORED_COLUMNS.score, numberColumn(Float64Array.from(scores)));
  return dataTableOf(columns, table.rowCount);
}

/**
 * The monitoring reference of a model: feature distributions of its training rows, the label / prediction / score
 * roles declared, and the reference performance measured on its held-out test rows (the training rows would flatter
 * a boosted model and make every window look like a performance drop), and so is the sample performance estimation
 * is calibrated on. With no held-out rows (an empty test split) both come from the training rows. A seeded sample of
 * the training rows (≤ 5,000) is kept for multivariate drift tests.
 */
export function monitoringProfile(model: FittedModel, trainTable: DataTable, testTable: DataTable): ReferenceProfile {
  const train = scoredTable(model, trainTable);
  const schema = inferSchema(train, {
    target: SCORED_COLUMNS.label,
    prediction: SCORED_COLUMNS.prediction,
    predictionScore: SCORED_COLUMNS.score,
    positiveClass: classLabelsOf(model)[1],
    task: 'classification',
  });
  const profile = withReferenceRowSample(buildReferenceProfile(train, schema), train);
  if (testTable.rowCount === 0) return profile;
  const heldOut = buildReferenceProfile(scoredTable(model, testTable), schema);
  return withHeldOutPerformance(profile, heldOut);
}

/**
 * The reference performance and the estimation sample (performance estimation is calibrated on it) come from the
 * held-out rows: scores on training rows are over-confident.
 */
export function withHeldOutPerformance(profile: ReferenceProfile, heldOut: ReferenceProfile): ReferenceProfile {
  return {
    ...profile,
    performance: heldOut.performance,
    estimationSample: heldOut.estimationSample ?? null,
    estimationSampleUnavailableReason: heldOut.estimationSampleUnavailableReason ?? null,
  };
}
