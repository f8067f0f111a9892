import type { DataTable } from '../../domain/data-table.js';
import {
  type BinaryMetric,
  calibrationWarnings,
  type EstimationWarning,
  fitMulticlassEstimator,
} from '../../drift/estimation/index.js';
import { EstimationRequestError } from './estimation-request-error.js';
import type { FitTask } from './estimation-task.js';
import { labelColumn, numberColumn } from './table-columns.js';

/** Class indexes of a label column; a label that is not one of the model's classes is an error naming it. */
function classIndexes(
  table: DataTable,
  file: string,
  column: string,
  role: string,
  classes: readonly string[],
): Float64Array {
  const labels = labelColumn(table, file, column, role);
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const k = classes.indexOf(labels[i]);
    if (k < 0)
      throw new EstimationRequestError(
        `${file}: column "${column}", row ${i + 1}: ${role} "${labels[i]}" is not one of the classes of --score (${classes.join(', ')})`,
      );
    out[i] = k;
  }
  return out;
}

/** The arg-max class of each row (the first on ties). */
function argMax(scores: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(scores[0].length);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let k = 1; k < scores.length; k++) if (scores[k][i] > scores[best][i]) best = k;
    out[i] = best;
  }
  return out;
}

/** Multiclass classification: one-vs-rest CBPE on one score column per class. */
export const fitMulticlassTask: FitTask = (reference, current, request, referenceChunks) => {
  const classScores = request.classScores ?? [];
  if (classScores.length < 3)
    throw new EstimationRequestError(
      `--score: a multiclass model needs at least 3 class=column pairs, got ${classScores.length}`,
    );
  const classes = classScores.map((c) => c.label);
  const read = (table: DataTable, file: string) =>
    classScores.map((c) => numberColumn(table, file, c.column, `score of class "${c.label}"`));
  const predictionsOf = (table: DataTable, file: string, scores: Float64Array[]) =>
    request.prediction === undefined
      ? argMax(scores)
      : classIndexes(table, file, request.prediction, 'prediction', classes);
  const refScores = read(reference, request.referencePath);
  const estimator = fitMulticlassEstimator(
    {
      scores: refScores,
      labels: classIndexes(reference, request.referencePath, request.target, 'target', classes),
      predictions: predictionsOf(reference, request.referencePath, refScores),
    },
    {
      chunkSize: referenceChunks,
      metrics: request.metrics as BinaryMetric[] | undefined,
      calibration: request.calibration,
      maxDrop: request.maxDrop,
    },
  );
  const scores = read(current, request.currentPath);
  const predictions = predictionsOf(current, request.currentPath, scores);
  const labels =
    request.realized === true ? classIndexes(current, request.currentPath, request.target, 'target', classes) : null;
  const rowsOf = ({ start, rows }: { start: number; rows: number }) => ({
    scores: scores.map((s) => s.subarray(start, start + rows)),
    predictions: predictions.subarray(start, start + rows),
  });
  const warnings: EstimationWarning[] = estimator.calibration.flatMap((summary, k) =>
    calibrationWarnings(summary).map((w) => ({
      ...w,
      metric: `class ${classes[k]}`,
      message: `class "${classes[k]}": ${w.message}`,
    })),
  );
  return {
    task: 'multiclass',
    metrics: estimator.metrics,
    reference: estimator.reference,
    thresholds: estimator.thresholds,
    calibration: Object.fromEntries(classes.map((c, k) => [c, estimator.calibration[k]])),
    classes,
    decision:
      request.prediction !== undefined
        ? { kind: 'prediction-column', column: request.prediction }
        : { kind: 'arg-max' },
    warnings,
    estimate: ({ range }) => estimator.estimate(rowsOf(range)),
    realized: ({ range }) =>
      labels === null
        ? null
        : estimator.realized({ ...rowsOf(range), labels: labels.subarray(range.start, range.start + range.rows) }),
    chunkWarnings: () => [],
  };
};
