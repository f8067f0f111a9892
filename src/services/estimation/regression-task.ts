import { type DataTable, projectTable, sliceTableRows } from '../../domain/data-table.js';
import { fitDirectLossEstimator, type RegressionMetric } from '../../drift/estimation/index.js';
import { inferModelFeatures } from '../../models/infer-model-features.js';
import { EstimationRequestError } from './estimation-request-error.js';
import type { FitTask } from './estimation-task.js';
import { numberColumn } from './table-columns.js';

/** The rows [start, start + rows) of the feature columns, as a table for the loss models. */
function rowsOf(table: DataTable, names: readonly string[], start: number, rows: number): DataTable {
  return sliceTableRows(projectTable(table, names), start, start + rows);
}

/** Regression: direct loss estimation of MAE / RMSE from the model's inputs and its prediction. */
export const fitRegressionTask: FitTask = (reference, current, request, referenceChunks) => {
  const prediction = request.prediction;
  if (prediction === undefined)
    throw new EstimationRequestError(
      'a regression model needs --prediction <column> (the predicted value); a classifier needs --score',
    );
  const excluded = [
    prediction,
    ...(request.timeColumn === undefined ? [] : [request.timeColumn]),
    ...(request.exclude ?? []),
  ];
  const features = inferModelFeatures(reference, request.target, excluded).filter(
    (f) => request.features === undefined || request.features.includes(f.name),
  );
  for (const name of request.features ?? []) {
    if (!reference.columnNames.includes(name))
      throw new EstimationRequestError(`${request.referencePath}: no feature column "${name}"`);
    if (!current.columnNames.includes(name))
      throw new EstimationRequestError(`${request.currentPath}: no feature column "${name}"`);
  }
  const missing = features.find((f) => !current.columnNames.includes(f.name));
  if (missing !== undefined)
    throw new EstimationRequestError(
      `${request.currentPath}: no feature column "${missing.name}" (the reference has it; use --features or --exclude)`,
    );
  if (features.length === 0)
    throw new EstimationRequestError(`${request.referencePath}: no feature column left besides target and prediction`);
  const estimator = fitDirectLossEstimator(
    {
      table: reference,
      features,
      predictions: numberColumn(reference, request.referencePath, prediction, 'prediction'),
      targets: numberColumn(reference, request.referencePath, request.target, 'target'),
    },
    {
      chunkSize: referenceChunks,
      metrics: request.metrics as RegressionMetric[] | undefined,
      maxDrop: request.maxDrop,
    },
  );
  const predictions = numberColumn(current, request.currentPath, prediction, 'prediction');
  const targets =
    request.realized === true ? numberColumn(current, request.currentPath, request.target, 'target') : null;
  const names = features.map((f) => f.name);
  return {
    task: 'regression',
    metrics: estimator.metrics,
    reference: estimator.reference,
    thresholds: estimator.thresholds,
    calibration: null,
    classes: null,
    decision: { kind: 'prediction-column', column: prediction },
    warnings: [],
    estimate: ({ range }) =>
      estimator.estimate({
        table: rowsOf(current, names, range.start, range.rows),
        predictions: predictions.subarray(range.start, range.start + range.rows),
      }),
    realized: ({ range }) =>
      targets === null
        ? null
        : estimator.realized({
            predictions: predictions.subarray(range.start, range.start + range.rows),
            targets: targets.subarray(range.start, range.start + range.rows),
          }),
    chunkWarnings: () => [],
  };
};
