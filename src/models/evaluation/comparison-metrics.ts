import { accuracy } from '../metrics/accuracy.js';
import { averagePrecision } from '../metrics/average-precision.js';
import { brierScore } from '../metrics/brier-score.js';
import { expectedCalibrationError } from '../metrics/expected-calibration-error.js';
import { f1Score } from '../metrics/f1-score.js';
import { logLoss } from '../metrics/log-loss.js';
import { MetricInputError } from '../metrics/metric-input-error.js';
import { precision } from '../metrics/precision.js';
import { recall } from '../metrics/recall.js';
import { rocAuc } from '../metrics/roc-auc.js';

/** A binary metric usable in a champion/challenger rule and in bootstrap intervals. */
export interface ComparisonMetric {
  readonly name: ComparisonMetricName;
  /** true: larger is better (AUC, accuracy); false: smaller is better (log loss, Brier, ECE). */
  readonly higherIsBetter: boolean;
  /** Labels 0/1 and positive-class probabilities → value (default threshold 0.5, zero_division 0). */
  readonly compute: (yTrue: ArrayLike<number>, probabilities: ArrayLike<number>) => number;
}

export type ComparisonMetricName =
  | 'rocAuc'
  | 'prAuc'
  | 'accuracy'
  | 'precision'
  | 'recall'
  | 'f1'
  | 'logLoss'
  | 'brier'
  | 'ece';

/** The metrics a comparison rule may name, in the camelCase of the CLI's JSON output. */
export const COMPARISON_METRICS: Readonly<Record<ComparisonMetricName, ComparisonMetric>> = {
  rocAuc: { name: 'rocAuc', higherIsBetter: true, compute: rocAuc },
  prAuc: { name: 'prAuc', higherIsBetter: true, compute: averagePrecision },
  accuracy: { name: 'accuracy', higherIsBetter: true, compute: (y, p) => accuracy(y, p) },
  precision: { name: 'precision', higherIsBetter: true, compute: (y, p) => precision(y, p) },
  recall: { name: 'recall', higherIsBetter: true, compute: (y, p) => recall(y, p) },
  f1: { name: 'f1', higherIsBetter: true, compute: (y, p) => f1Score(y, p) },
  logLoss: { name: 'logLoss', higherIsBetter: false, compute: logLoss },
  brier: { name: 'brier', higherIsBetter: false, compute: brierScore },
  ece: { name: 'ece', higherIsBetter: false, compute: (y, p) => expectedCalibrationError(y, p) },
};

/** Looks a metric up by name; unknown names → MetricInputError listing the valid ones. */
export function comparisonMetric(name: string): ComparisonMetric {
  if (!Object.hasOwn(COMPARISON_METRICS, name)) {
    throw new MetricInputError(
      'metric',
      `unknown metric "${name}"; valid: ${Object.keys(COMPARISON_METRICS).join(', ')}`,
    );
  }
  return COMPARISON_METRICS[name as ComparisonMetricName];
}
