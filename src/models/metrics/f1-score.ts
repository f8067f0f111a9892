import { confusionCounts, ratioOrZeroDivision, type ThresholdMetricOptions } from './confusion-counts.js';

/**
 * F1 = 2·TP / (2·TP + FP + FN) with predicted class `score > threshold` (default 0.5); `zeroDivision`
 * (default 0) only when TP + FP + FN = 0 (no positive label and none predicted). Equals sklearn
 * `f1_score(y_true, y_pred, zero_division=z)` (≥ 1.3: precision = recall = 0 gives 0, not zero_division).
 */
export function f1Score(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: ThresholdMetricOptions = {},
): number {
  const c = confusionCounts(yTrue, scores, options.threshold);
  return ratioOrZeroDivision(2 * c.truePositives, 2 * c.truePositives + c.falsePositives + c.falseNegatives, options);
}
