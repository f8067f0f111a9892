import { accuracy } from './accuracy.js';
import { averagePrecision } from './average-precision.js';
import { brierScore } from './brier-score.js';
import type { ThresholdMetricOptions } from './confusion-counts.js';
import { type CalibrationOptions, expectedCalibrationError } from './expected-calibration-error.js';
import { f1Score } from './f1-score.js';
import { logLoss } from './log-loss.js';
import { precision } from './precision.js';
import { recall } from './recall.js';
import { rocAuc } from './roc-auc.js';
import { requireBinaryInput } from './validate-metric-input.js';

/**
 * Every binary-classification metric of one labelled set. `rocAuc` is null when only one class occurs and
 * `prAuc` when no positive label occurs (both undefined there); all other fields are always numbers.
 */
export interface BinaryClassificationMetrics {
  readonly rows: number;
  readonly positives: number;
  readonly rocAuc: number | null;
  readonly prAuc: number | null;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly logLoss: number;
  readonly brier: number;
  readonly ece: number;
}

/** Options of {@link binaryClassificationMetrics}: decision threshold, zero_division, calibration bins. */
export type BinaryMetricOptions = ThresholdMetricOptions & CalibrationOptions;

/**
 * All binary metrics of labels `yTrue` (0/1) against positive-class probabilities, with the definitions and
 * sklearn equivalents of the individual functions (threshold 0.5, zero_division 0, 10 calibration bins).
 */
export function binaryClassificationMetrics(
  yTrue: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: BinaryMetricOptions = {},
): BinaryClassificationMetrics {
  const input = requireBinaryInput(yTrue, probabilities, true);
  const bothClasses = input.positives > 0 && input.negatives > 0;
  return {
    rows: yTrue.length,
    positives: input.positives,
    rocAuc: bothClasses ? rocAuc(yTrue, probabilities) : null,
    prAuc: input.positives > 0 ? averagePrecision(yTrue, probabilities) : null,
    accuracy: accuracy(yTrue, probabilities, options.threshold),
    precision: precision(yTrue, probabilities, options),
    recall: recall(yTrue, probabilities, options),
    f1: f1Score(yTrue, probabilities, options),
    logLoss: logLoss(yTrue, probabilities),
    brier: brierScore(yTrue, probabilities),
    ece: expectedCalibrationError(yTrue, probabilities, options),
  };
}
