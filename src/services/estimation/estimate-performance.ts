import type { DataTable } from '../../domain/data-table.js';
import {
  BINARY_METRICS,
  calibrationWarnings,
  chunkRanges,
  conceptShiftWarnings,
  fitBinaryEstimator,
  periodChunkRanges,
  scoreRangeWarnings,
  undefinedEstimateWarnings,
  type BinaryMetric,
  type CalibrationMode,
  type ChunkRange,
  type EstimationWarning,
} from '../../drift/estimation/index.js';
import { resolveClassLabels } from '../../models/encode-target.js';
import { ModelError } from '../../models/model-error.js';
import type { TableReader } from '../../ports/table-reader.js';
import { EstimationRequestError } from './estimation-request-error.js';
import { ESTIMATION_REPORT_VERSION, type EstimationChunk, type EstimationReport, type MetricMap } from './estimation-report.js';
import { encodeBinary, labelColumn, numberColumn, timeColumn } from './table-columns.js';
import { parseWindow } from './time-window.js';

// What the edges need of the estimation core (they may not import drift/ directly).
export { BINARY_METRICS, EstimationInputError, type BinaryMetric, type CalibrationMode } from '../../drift/estimation/index.js';

/** What to estimate: the files, the columns and how to cut and judge the current file. */
export interface EstimationRequest {
  readonly referencePath: string;
  readonly currentPath: string;
  /** Column of the model's score for class 1 (a probability, or any score when calibrated). */
  readonly score: string;
  /** Label column of the reference (required); of the current file too with `realized`. */
  readonly target: string;
  /** Column of the predicted class; default: class 1 when score > `threshold`. */
  readonly prediction?: string;
  readonly threshold?: number;
  /** Rows per chunk (default: the current file in 10 chunks, as NannyML's default chunker). */
  readonly chunkSize?: number;
  /** Time window instead of row chunks, e.g. `7d`, `12h`, with the column holding each row's time. */
  readonly window?: string;
  readonly timeColumn?: string;
  readonly metrics?: readonly BinaryMetric[];
  readonly calibration?: CalibrationMode;
  /** Alert when an estimate drops more than this below the reference value (default: the reference's 3-std band). */
  readonly maxDrop?: number;
  /** Also compute the metrics from the current file's labels and flag concept shift. */
  readonly realized?: boolean;
  /** The class encoded as 1 (default: `true` / `1` / `yes`, else the larger label). */
  readonly positiveClass?: string;
}

export interface PerformanceEstimationService {
  estimate(request: EstimationRequest): Promise<EstimationReport>;
}

const DEFAULT_CHUNK_COUNT = 10;

function classesOf(labels: readonly string[], request: EstimationRequest): [string, string] {
  try {
    return resolveClassLabels(labels, request.target, request.positiveClass);
  } catch (error) {
    if (error instanceof ModelError) throw new EstimationRequestError(`${request.referencePath}: ${error.message}`);
    throw error;
  }
}

function predictionsOf(table: DataTable, file: string, request: EstimationRequest, classes: [string, string], scores: Float64Array): Float64Array {
  if (request.prediction !== undefined) return encodeBinary(labelColumn(table, file, request.prediction, 'prediction'), classes, file, request.prediction, 'prediction');
  const threshold = request.threshold ?? 0.5;
  return scores.map((s) => (s > threshold ? 1 : 0));
}

function chunksOf(table: DataTable, file: string, request: EstimationRequest, chunkSize: number): ChunkRange[] {
  if (request.window !== undefined) {
    if (request.timeColumn === undefined) throw new EstimationRequestError('a time window needs the time column (--time-column)');
    return periodChunkRanges(timeColumn(table, file, request.timeColumn), parseWindow(request.window));
  }
  return chunkRanges(table.rowCount, chunkSize);
}

const pickMetrics = <T>(metrics: readonly BinaryMetric[], value: (m: BinaryMetric) => T): Partial<Record<BinaryMetric, T>> =>
  Object.fromEntries(metrics.map((m) => [m, value(m)]));

const isoTime = (ms: number): string => new Date(ms).toISOString();

/**
 * Estimates a binary classifier's performance on each chunk of the current file from its scores alone (CBPE,
 * src/drift/estimation), after fitting on the labelled reference; both files are read through the TableReader
 * port. Every unusable input is an EstimationRequestError (or the reader's TableReadError).
 */
export function createPerformanceEstimationService(options: { readonly tableReader: TableReader }): PerformanceEstimationService {
  return {
    async estimate(request) {
      const metrics = request.metrics ?? BINARY_METRICS;
      const [reference, current] = await Promise.all([options.tableReader.read(request.referencePath), options.tableReader.read(request.currentPath)]);
      if (reference.rowCount === 0) throw new EstimationRequestError(`${request.referencePath}: no data rows`);
      if (current.rowCount === 0) throw new EstimationRequestError(`${request.currentPath}: no data rows`);
      const referenceLabels = labelColumn(reference, request.referencePath, request.target, 'target');
      const classes = classesOf(referenceLabels, request);
      const refScores = numberColumn(reference, request.referencePath, request.score, 'score');
      const refData = {
        scores: refScores,
        labels: encodeBinary(referenceLabels, classes, request.referencePath, request.target, 'target'),
        predictions: predictionsOf(reference, request.referencePath, request, classes, refScores),
      };
      const scores = numberColumn(current, request.currentPath, request.score, 'score');
      const predictions = predictionsOf(current, request.currentPath, request, classes, scores);
      const labels = request.realized === true ? encodeBinary(labelColumn(current, request.currentPath, request.target, 'target'), classes, request.currentPath, request.target, 'target') : null;
      const chunkSize = request.chunkSize ?? Math.ceil(current.rowCount / DEFAULT_CHUNK_COUNT);
      const currentChunks = chunksOf(current, request.currentPath, request, chunkSize);
      const referenceChunks = chunksOf(reference, request.referencePath, request, chunkSize);
      const estimator = fitBinaryEstimator(refData, {
        chunkSize: referenceChunks,
        metrics,
        calibration: request.calibration,
        maxDrop: request.maxDrop,
      });
      const times = request.window !== undefined && request.timeColumn !== undefined ? timeColumn(current, request.currentPath, request.timeColumn) : null;
      const warnings: EstimationWarning[] = [...calibrationWarnings(estimator.calibration)];
      const chunks = currentChunks.map((range): EstimationChunk => {
        const end = range.start + range.rows;
        const rows = { scores: scores.subarray(range.start, end), predictions: predictions.subarray(range.start, end) };
        const estimate = estimator.estimate(rows);
        const realized = labels === null ? undefined : estimator.realized({ ...rows, labels: labels.subarray(range.start, end) });
        warnings.push(...scoreRangeWarnings(range.index, rows.scores, estimator.scoreRange), ...undefinedEstimateWarnings(range.index, estimate.metrics));
        if (realized !== undefined) warnings.push(...conceptShiftWarnings(range.index, estimate.metrics, realized));
        const alertMetrics = metrics.filter((m) => estimate.metrics[m].alert);
        const field = (f: 'value' | 'lower' | 'upper' | 'samplingError'): MetricMap => pickMetrics(metrics, (m) => estimate.metrics[m][f]);
        return {
          index: range.index,
          start: range.start,
          rows: range.rows,
          ...(times === null ? {} : { from: isoTime(times[range.start]), to: isoTime(times[end - 1]) }),
          estimated: field('value'),
          lower: field('lower'),
          upper: field('upper'),
          samplingError: field('samplingError'),
          ...(realized === undefined ? {} : { realized }),
          alertMetrics,
          alert: alertMetrics.length > 0,
        };
      });
      return {
        version: ESTIMATION_REPORT_VERSION,
        task: 'binary',
        metrics,
        chunking:
          request.window !== undefined && request.timeColumn !== undefined
            ? { kind: 'time', window: request.window, timeColumn: request.timeColumn }
            : { kind: 'rows', chunkSize },
        classes,
        decision: request.prediction !== undefined ? { kind: 'prediction-column', column: request.prediction } : { kind: 'threshold', threshold: request.threshold ?? 0.5 },
        referenceRows: reference.rowCount,
        currentRows: current.rowCount,
        reference: estimator.reference,
        thresholds: pickMetrics(metrics, (m) => estimator.thresholds[m]),
        alertRule: request.maxDrop === undefined ? { kind: 'reference-variation', stdMultiplier: 3 } : { kind: 'max-drop', maxDrop: request.maxDrop },
        calibration: estimator.calibration,
        chunks,
        warnings,
        alert: chunks.some((c) => c.alert),
      };
    },
  };
}
