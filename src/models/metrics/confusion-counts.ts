import { DEFAULT_DECISION_THRESHOLD, predictedClass } from '../predicted-class.js';
import { MetricInputError } from './metric-input-error.js';
import { requireBinaryInput } from './validate-metric-input.js';

/** The 2×2 confusion matrix of binary labels against the predicted class `score > threshold`. */
export interface ConfusionCounts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
}

/**
 * Confusion counts with predicted class 1 ⇔ `score > threshold` (strict, like sklearn classifiers' `predict`
 * for a binary `predict_proba`: argmax picks class 0 on an exact 0.5 tie). Default threshold 0.5.
 */
export function confusionCounts(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number = DEFAULT_DECISION_THRESHOLD,
): ConfusionCounts {
  if (!Number.isFinite(threshold)) throw new MetricInputError('threshold', `must be a finite number, got ${threshold}`);
  const input = requireBinaryInput(yTrue, scores, false);
  let truePositives = 0;
  let falsePositives = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (predictedClass(scores[i], threshold) === 1) {
      if (yTrue[i] === 1) truePositives++;
      else falsePositives++;
    }
  }
  return {
    truePositives,
    falsePositives,
    falseNegatives: input.positives - truePositives,
    trueNegatives: input.negatives - falsePositives,
  };
}

/** What an ill-defined ratio (0/0) evaluates to; sklearn's `zero_division` (its default "warn" acts as 0). */
export type ZeroDivision = 0 | 1;

/** Options of the threshold metrics (precision, recall, F1). */
export interface ThresholdMetricOptions {
  /** Predicted class 1 ⇔ score > threshold (default 0.5). */
  readonly threshold?: number;
  /** Value of a 0/0 ratio (default 0, like sklearn's default `zero_division="warn"` without the warning). */
  readonly zeroDivision?: ZeroDivision;
}

/** numerator / denominator, or `zeroDivision` when the denominator is 0. */
export function ratioOrZeroDivision(numerator: number, denominator: number, options: ThresholdMetricOptions): number {
  if (denominator > 0) return numerator / denominator;
  const zeroDivision = options.zeroDivision ?? 0;
  if (zeroDivision !== 0 && zeroDivision !== 1) {
    throw new MetricInputError('zeroDivision', `must be 0 or 1, got ${String(zeroDivision)}`);
  }
  return zeroDivision;
}
