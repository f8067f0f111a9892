import type { DataTable } from '../../domain/data-table.js';
import {
  type AlertThresholds,
  BINARY_METRICS,
  type CalibrationMode,
  type CalibrationSummary,
  type ChunkEstimate,
  type ChunkRange,
  type EstimationWarning,
  REGRESSION_METRICS,
} from '../../drift/estimation/index.js';
import type { DecisionRule } from './estimation-report.js';

/** What kind of model is estimated: binary (CBPE), multiclass (one-vs-rest CBPE) or regression (DLE). */
export type EstimationTask = 'binary' | 'multiclass' | 'regression';

/** A class of a multiclass model and the column of its score. */
export interface ClassScore {
  readonly label: string;
  readonly column: string;
}

/** What to estimate: the files, the columns and how to cut and judge the current file. */
export interface EstimationRequest {
  readonly referencePath: string;
  readonly currentPath: string;
  /** Binary: the column of the model's score of class 1 (a probability, or any score: it is calibrated). */
  readonly score?: string;
  /** Multiclass: one score column per class (at least 3). */
  readonly classScores?: readonly ClassScore[];
  /** Label column of the reference (required); of the current file too with `realized`. */
  readonly target: string;
  /** Column of the predicted class (regression: the predicted value, required); default for binary: score > `threshold`, multiclass: arg-max score. */
  readonly prediction?: string;
  readonly threshold?: number;
  /** Regression: the model's input columns (default: every column but target, prediction, time column and `exclude`). */
  readonly features?: readonly string[];
  readonly exclude?: readonly string[];
  /** Rows per chunk (default: the current file in 10 chunks, as NannyML's default chunker). */
  readonly chunkSize?: number;
  /** Time window instead of row chunks, e.g. `7d`, `12h`, with the column holding each row's time. */
  readonly window?: string;
  readonly timeColumn?: string;
  /** Default: every metric of the task. */
  readonly metrics?: readonly string[];
  readonly calibration?: CalibrationMode;
  /** Alert when an estimate is worse than the reference value by more than this (default: the reference's 3-std band). */
  readonly maxDrop?: number;
  /** Also compute the metrics from the current file's labels and flag concept shift. */
  readonly realized?: boolean;
  /** Binary: the class encoded as 1 (default: `true` / `1` / `yes`, else the larger label). */
  readonly positiveClass?: string;
}

/** The task a request asks for: class scores → multiclass, a score → binary, only a prediction → regression. */
export function taskOf(request: Pick<EstimationRequest, 'score' | 'classScores'>): EstimationTask {
  if (request.classScores !== undefined) return 'multiclass';
  return request.score !== undefined ? 'binary' : 'regression';
}

/** The metrics each task estimates. */
export const TASK_METRICS: Readonly<Record<EstimationTask, readonly string[]>> = {
  binary: BINARY_METRICS,
  multiclass: BINARY_METRICS,
  regression: REGRESSION_METRICS,
};

/** Rows of the current file, as the chunk loop hands them to a fitted task. */
export interface ChunkRows {
  readonly index: number;
  readonly range: ChunkRange;
}

/** An estimator fitted on the reference for one task, with the current file's columns already read. */
export interface FittedTask {
  readonly task: EstimationTask;
  readonly metrics: readonly string[];
  readonly reference: Readonly<Record<string, number | null>>;
  readonly thresholds: Readonly<Record<string, AlertThresholds>>;
  readonly calibration: CalibrationSummary | Readonly<Record<string, CalibrationSummary>> | null;
  readonly classes: readonly string[] | null;
  readonly decision: DecisionRule;
  /** Warnings about the whole estimation (e.g. calibration). */
  readonly warnings: readonly EstimationWarning[];
  estimate(chunk: ChunkRows): ChunkEstimate<string>;
  /** Realized metrics of the chunk; null without `realized`. */
  realized(chunk: ChunkRows): Readonly<Record<string, number | null>> | null;
  /** Warnings about one chunk's inputs (e.g. scores outside the reference range). */
  chunkWarnings(chunk: ChunkRows): EstimationWarning[];
}

/** How a task is fitted: the two tables, the request and the reference's chunks (for its alert band). */
export type FitTask = (
  reference: DataTable,
  current: DataTable,
  request: EstimationRequest,
  referenceChunks: readonly ChunkRange[],
) => FittedTask;
