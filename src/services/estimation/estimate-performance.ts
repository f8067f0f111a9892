import type { DataTable } from '../../domain/data-table.js';
import {
  type ChunkRange,
  chunkRanges,
  conceptShiftWarnings,
  EstimationInputError,
  type EstimationWarning,
  periodChunkRanges,
  undefinedEstimateWarnings,
} from '../../drift/estimation/index.js';
import type { TableReader } from '../../ports/table-reader.js';
import { fitBinaryTask } from './binary-task.js';
import {
  ESTIMATION_REPORT_VERSION,
  type EstimationChunk,
  type EstimationReport,
  type MetricMap,
} from './estimation-report.js';
import { EstimationRequestError } from './estimation-request-error.js';
import { type EstimationRequest, type EstimationTask, type FitTask, TASK_METRICS, taskOf } from './estimation-task.js';
import { fitMulticlassTask } from './multiclass-task.js';
import { fitRegressionTask } from './regression-task.js';
import { timeColumn } from './table-columns.js';
import { parseWindow } from './time-window.js';

// What the edges need of the estimation core (they may not import drift/ directly).
export {
  BINARY_METRICS,
  type CalibrationMode,
  EstimationInputError,
  REGRESSION_METRICS,
} from '../../drift/estimation/index.js';
export {
  type ClassScore,
  type EstimationRequest,
  type EstimationTask,
  TASK_METRICS,
  taskOf,
} from './estimation-task.js';

export interface PerformanceEstimationService {
  estimate(request: EstimationRequest): Promise<EstimationReport>;
}

const DEFAULT_CHUNK_COUNT = 10;
const FIT: Readonly<Record<EstimationTask, FitTask>> = {
  binary: fitBinaryTask,
  multiclass: fitMulticlassTask,
  regression: fitRegressionTask,
};

function chunksOf(table: DataTable, file: string, request: EstimationRequest, chunkSize: number): ChunkRange[] {
  if (request.window !== undefined) {
    if (request.timeColumn === undefined)
      throw new EstimationRequestError('a time window needs the time column (--time-column)');
    const times = timeColumn(table, file, request.timeColumn);
    try {
      return periodChunkRanges(times, parseWindow(request.window));
    } catch (error) {
      const row = error instanceof EstimationInputError ? /^times\[(\d+)\]$/.exec(error.field) : null;
      if (row === null || !(error instanceof EstimationInputError)) throw error;
      throw new EstimationRequestError(
        `${file}: column "${request.timeColumn}", row ${Number(row[1]) + 1}: ${error.reason}`,
      );
    }
  }
  return chunkRanges(table.rowCount, chunkSize);
}

const isoTime = (ms: number): string => new Date(ms).toISOString();

/**
 * Estimates a model's performance on each chunk of the current file without its labels — binary (CBPE on a score),
 * multiclass (one-vs-rest CBPE on one score per class) or regression (DLE on the inputs and the prediction) — after
 * fitting on the labelled reference; both files are read through the TableReader port. Every unusable input is an
 * EstimationRequestError (or the reader's TableReadError, or the core's EstimationInputError).
 */
export function createPerformanceEstimationService(options: {
  readonly tableReader: TableReader;
}): PerformanceEstimationService {
  return {
    async estimate(request) {
      const task = taskOf(request);
      const unknown = (request.metrics ?? []).filter((m) => !TASK_METRICS[task].includes(m));
      if (unknown.length > 0)
        throw new EstimationRequestError(
          `metrics ${unknown.join(', ')} are not metrics of a ${task} model (valid: ${TASK_METRICS[task].join(', ')})`,
        );
      const [reference, current] = await Promise.all([
        options.tableReader.read(request.referencePath),
        options.tableReader.read(request.currentPath),
      ]);
      if (reference.rowCount === 0) throw new EstimationRequestError(`${request.referencePath}: no data rows`);
      if (current.rowCount === 0) throw new EstimationRequestError(`${request.currentPath}: no data rows`);
      const chunkSize = request.chunkSize ?? Math.ceil(current.rowCount / DEFAULT_CHUNK_COUNT);
      const currentChunks = chunksOf(current, request.currentPath, request, chunkSize);
      const referenceChunks = chunksOf(reference, request.referencePath, request, chunkSize);
      const fitted = FIT[task](reference, current, request, referenceChunks);
      const times =
        request.window !== undefined && request.timeColumn !== undefined
          ? timeColumn(current, request.currentPath, request.timeColumn)
          : null;
      const warnings: EstimationWarning[] = [...fitted.warnings];
      const chunks = currentChunks.map((range): EstimationChunk => {
        const rows = { index: range.index, range };
        const estimate = fitted.estimate(rows);
        const realized = fitted.realized(rows);
        warnings.push(...fitted.chunkWarnings(rows), ...undefinedEstimateWarnings(range.index, estimate.metrics));
        if (realized !== null) warnings.push(...conceptShiftWarnings(range.index, estimate.metrics, realized));
        const alertMetrics = fitted.metrics.filter((m) => estimate.metrics[m].alert);
        const field = (f: 'value' | 'lower' | 'upper' | 'samplingError'): MetricMap =>
          Object.fromEntries(fitted.metrics.map((m) => [m, estimate.metrics[m][f]]));
        return {
          index: range.index,
          start: range.start,
          rows: range.rows,
          ...(times === null
            ? {}
            : { from: isoTime(times[range.start]), to: isoTime(times[range.start + range.rows - 1]) }),
          estimated: field('value'),
          lower: field('lower'),
          upper: field('upper'),
          samplingError: field('samplingError'),
          ...(realized === null ? {} : { realized }),
          alertMetrics,
          alert: alertMetrics.length > 0,
        };
      });
      return {
        version: ESTIMATION_REPORT_VERSION,
        task,
        metrics: fitted.metrics,
        chunking:
          times !== null && request.window !== undefined && request.timeColumn !== undefined
            ? { kind: 'time', window: request.window, timeColumn: request.timeColumn }
            : { kind: 'rows', chunkSize },
        classes: fitted.classes,
        decision: fitted.decision,
        referenceRows: reference.rowCount,
        currentRows: current.rowCount,
        reference: fitted.reference,
        thresholds: Object.fromEntries(fitted.metrics.map((m) => [m, fitted.thresholds[m]])),
        alertRule:
          request.maxDrop === undefined
            ? { kind: 'reference-variation', stdMultiplier: 3 }
            : { kind: 'max-drop', maxDrop: request.maxDrop },
        calibration: fitted.calibration,
        chunks,
        warnings,
        alert: chunks.some((c) => c.alert),
      };
    },
  };
}
