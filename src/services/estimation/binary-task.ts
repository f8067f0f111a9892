import type { DataTable } from '../../domain/data-table.js';
import {
  type BinaryMetric,
  calibrationWarnings,
  fitBinaryEstimator,
  scoreRangeWarnings,
} from '../../drift/estimation/index.js';
import { resolveClassLabels } from '../../models/encode-target.js';
import { ModelError } from '../../models/model-error.js';
import { EstimationRequestError } from './estimation-request-error.js';
import type { FitTask } from './estimation-task.js';
import { encodeBinary, labelColumn, numberColumn } from './table-columns.js';

function predictionsOf(
  table: DataTable,
  file: string,
  prediction: string | undefined,
  threshold: number,
  classes: [string, string],
  scores: Float64Array,
): Float64Array {
  if (prediction !== undefined)
    return encodeBinary(labelColumn(table, file, prediction, 'prediction'), classes, file, prediction, 'prediction');
  return scores.map((s) => (s > threshold ? 1 : 0));
}

/** Binary classification: CBPE on the score column (see src/drift/estimation/binary-performance-estimator.ts). */
export const fitBinaryTask: FitTask = (reference, current, request, referenceChunks) => {
  const score = request.score as string;
  const threshold = request.threshold ?? 0.5;
  const referenceLabels = labelColumn(reference, request.referencePath, request.target, 'target');
  let classes: [string, string];
  try {
    classes = resolveClassLabels(referenceLabels, request.target, request.positiveClass);
  } catch (error) {
    if (error instanceof ModelError) throw new EstimationRequestError(`${request.referencePath}: ${error.message}`);
    throw error;
  }
  const refScores = numberColumn(reference, request.referencePath, score, 'score');
  const estimator = fitBinaryEstimator(
    {
      scores: refScores,
      labels: encodeBinary(referenceLabels, classes, request.referencePath, request.target, 'target'),
      predictions: predictionsOf(reference, request.referencePath, request.prediction, threshold, classes, refScores),
    },
    {
      chunkSize: referenceChunks,
      metrics: request.metrics as BinaryMetric[] | undefined,
      calibration: request.calibration,
      maxDrop: request.maxDrop,
    },
  );
  const scores = numberColumn(current, request.currentPath, score, 'score');
  const predictions = predictionsOf(current, request.currentPath, request.prediction, threshold, classes, scores);
  const labels =
    request.realized === true
      ? encodeBinary(
          labelColumn(current, request.currentPath, request.target, 'target'),
          classes,
          request.currentPath,
          request.target,
          'target',
        )
      : null;
  const rowsOf = ({ start, rows }: { start: number; rows: number }) => ({
    scores: scores.subarray(start, start + rows),
    predictions: predictions.subarray(start, start + rows),
  });
  return {
    task: 'binary',
    metrics: estimator.metrics,
    reference: estimator.reference,
    thresholds: estimator.thresholds,
    calibration: estimator.calibration,
    classes,
    decision:
      request.prediction !== undefined
        ? { kind: 'prediction-column', column: request.prediction }
        : { kind: 'threshold', threshold },
    warnings: calibrationWarnings(estimator.calibration),
    estimate: ({ range }) => estimator.estimate(rowsOf(range)),
    realized: ({ range }) =>
      labels === null
        ? null
        : estimator.realized({ ...rowsOf(range), labels: labels.subarray(range.start, range.start + range.rows) }),
    chunkWarnings: ({ index, range }) => scoreRangeWarnings(index, rowsOf(range).scores, estimator.scoreRange),
  };
};
