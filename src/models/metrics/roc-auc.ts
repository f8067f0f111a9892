import { scoresByClass } from './scores-by-class.js';
import { requireBinaryInput, requireBothClasses } from './validate-metric-input.js';

/**
 * Area under the ROC curve of binary labels `yTrue` (0/1) and scores (any finite numbers, higher = more
 * positive): P(score of a random positive > score of a random negative) + ½ P(tie), i.e. the Mann–Whitney U
 * statistic over n₁·n₀. Equals sklearn `roc_auc_score(y_true, y_score)` (ties give the trapezoid's ½).
 * Counts are exact integers, so the only rounding is the final division. O(n log n).
 * Throws MetricInputError unless both classes occur.
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const input = requireBinaryInput(yTrue, scores, false);
  requireBothClasses(input, 'ROC AUC');
  const { positive, negative } = scoresByClass(input);
  // For each negative: positives strictly below and tied (two pointers over both ascending arrays).
  let below = 0;
  let upTo = 0;
  let concordantTwice = 0;
  for (let j = 0; j < negative.length; j++) {
    const s = negative[j];
    while (below < positive.length && positive[below] < s) below++;
    if (upTo < below) upTo = below;
    while (upTo < positive.length && positive[upTo] === s) upTo++;
    concordantTwice += 2 * (positive.length - upTo) + (upTo - below);
  }
  return concordantTwice / (2 * positive.length * negative.length);
}
