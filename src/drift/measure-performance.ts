import { booleanOfCell, categoryKeyOfCell, isMissingCell } from '../domain/cell-values.js';
import type { Cell } from '../domain/data-table.js';
import type { FeatureSchema } from '../domain/feature-schema.js';
import { mannWhitneyU } from '../stats/index.js';
import type { ReferencePerformance } from './reference-profile.js';

/** The cells performance is measured from (same length each). */
export interface PerformanceColumns {
  readonly target: readonly Cell[];
  readonly prediction: readonly Cell[];
  readonly score: readonly Cell[] | null;
}

/** Performance over the labelled rows (target and prediction both present and well-typed). */
export interface PerformanceMeasurement extends Omit<ReferencePerformance, 'absoluteErrorSample'> {
  /** Regression: |target − prediction| per labelled row. */
  readonly absoluteErrors: Float64Array | null;
}

export function labelKey(cell: Cell, booleanLike: boolean): string | undefined {
  if (isMissingCell(cell)) return undefined;
  if (booleanLike) {
    const b = booleanOfCell(cell as Exclude<Cell, null>);
    if (b !== undefined) return String(b);
  }
  if (typeof cell === 'number' && !Number.isFinite(cell)) return undefined;
  return categoryKeyOfCell(cell as Exclude<Cell, null>);
}

/** The positive class for AUC: declared, else `1` for 0/1 labels and `true` for boolean labels, else none. */
export function positiveClassOf(labels: ReadonlySet<string>, declared: string | null): string | null {
  if (declared !== null) return declared;
  if (labels.size !== 2) return null;
  if (labels.has('0') && labels.has('1')) return '1';
  if (labels.has('false') && labels.has('true')) return 'true';
  return null;
}

/**
 * ROC AUC as the Mann–Whitney U of positive vs negative scores divided by n₊·n₋ (ties count ½), which equals
 * sklearn `roc_auc_score(y == positive, score)`; null unless both classes have a score.
 */
export function rocAucFromScores(positives: Float64Array, negatives: Float64Array): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  return mannWhitneyU(positives, negatives).statistic / (positives.length * negatives.length);
}

function classification(columns: PerformanceColumns, schema: FeatureSchema): PerformanceMeasurement | null {
  const booleanLike = schema.target?.kind === 'boolean' || schema.prediction?.kind === 'boolean';
  const n = columns.target.length;
  const labels = new Array<string | undefined>(n);
  const seen = new Set<string>();
  let labelledCount = 0;
  let errorCount = 0;
  for (let i = 0; i < n; i++) {
    const y = labelKey(columns.target[i], booleanLike);
    const p = labelKey(columns.prediction[i], booleanLike);
    if (y === undefined || p === undefined) continue;
    labels[i] = y;
    seen.add(y);
    labelledCount++;
    if (y !== p) errorCount++;
  }
  if (labelledCount === 0) return null;
  let auc: number | null = null;
  const positive = positiveClassOf(seen, schema.positiveClass);
  if (columns.score !== null && positive !== null) {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = columns.score[i];
      if (labels[i] === undefined || typeof s !== 'number' || !Number.isFinite(s)) continue;
      (labels[i] === positive ? pos : neg).push(s);
    }
    auc = rocAucFromScores(Float64Array.from(pos), Float64Array.from(neg));
  }
  const errorRate = errorCount / labelledCount;
  return {
    task: 'classification',
    labelledCount,
    errorCount,
    accuracy: 1 - errorRate,
    errorRate,
    auc,
    mae: null,
    rmse: null,
    absoluteErrors: null,
  };
}

function regression(columns: PerformanceColumns): PerformanceMeasurement | null {
  const n = columns.target.length;
  const errors = new Float64Array(n);
  let m = 0;
  let absSum = 0;
  let squareSum = 0;
  for (let i = 0; i < n; i++) {
    const y = columns.target[i];
    const p = columns.prediction[i];
    if (typeof y !== 'number' || typeof p !== 'number' || !Number.isFinite(y) || !Number.isFinite(p)) continue;
    const e = Math.abs(y - p);
    errors[m++] = e;
    absSum += e;
    squareSum += e * e;
  }
  if (m === 0) return null;
  return {
    task: 'regression',
    labelledCount: m,
    errorCount: null,
    accuracy: null,
    errorRate: null,
    auc: null,
    mae: absSum / m,
    rmse: Math.sqrt(squareSum / m),
    absoluteErrors: errors.slice(0, m),
  };
}

/**
 * Classification: accuracy / error rate over labelled rows and, for binary labels with a score column, ROC AUC.
 * Regression: MAE and RMSE. Null when no row is labelled (or the schema declares no task).
 */
export function measurePerformance(columns: PerformanceColumns, schema: FeatureSchema): PerformanceMeasurement | null {
  if (schema.task === 'classification') return classification(columns, schema);
  if (schema.task === 'regression') return regression(columns);
  return null;
}
