import { confusionCounts, ratioOrZeroDivision, type ThresholdMetricOptions } from './confusion-counts.js';

/**
 * TP / (TP + FP) with predicted class `score > threshold` (default 0.5); `zeroDivision` (default 0) when
 * nothing is predicted positive. Equals sklearn `precision_score(y_true, y_pred, zero_division=z)`.
 */
export function precision(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: ThresholdMetricOptions = {},
): number {
  const c = confusionCounts(yTrue, scores, options.threshold);
  return ratioOrZeroDivision(c.truePositives, c.truePositives + c.falsePositives, options);
}
