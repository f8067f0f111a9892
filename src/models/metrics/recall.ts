import { confusionCounts, ratioOrZeroDivision, type ThresholdMetricOptions } from './confusion-counts.js';

/**
 * TP / (TP + FN) with predicted class `score > threshold` (default 0.5); `zeroDivision` (default 0) when there
 * is no positive label. Equals sklearn `recall_score(y_true, y_pred, zero_division=z)`.
 */
export function recall(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: ThresholdMetricOptions = {},
): number {
  const c = confusionCounts(yTrue, scores, options.threshold);
  return ratioOrZeroDivision(c.truePositives, c.truePositives + c.falseNegatives, options);
}
