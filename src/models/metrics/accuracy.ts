import { DEFAULT_DECISION_THRESHOLD } from '../predicted-class.js';
import { confusionCounts } from './confusion-counts.js';

/**
 * Share of rows whose predicted class (`score > threshold`, default 0.5) equals the label. Equals sklearn
 * `accuracy_score(y_true, (y_score > threshold).astype(int))`.
 */
export function accuracy(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold = DEFAULT_DECISION_THRESHOLD,
): number {
  const c = confusionCounts(yTrue, scores, threshold);
  return (c.truePositives + c.trueNegatives) / yTrue.length;
}
