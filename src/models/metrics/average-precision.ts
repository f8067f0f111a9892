import { MetricInputError } from './metric-input-error.js';
import { scoresByClass } from './scores-by-class.js';
import { requireBinaryInput } from './validate-metric-input.js';

/**
 * Average precision (area under the precision–recall curve, step-wise, no interpolation):
 * AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the distinct score thresholds in decreasing order, where Pₖ and Rₖ are the
 * precision and recall of predicting positive when score ≥ threshold k. Equals sklearn
 * `average_precision_score(y_true, y_score)`. Tied scores form one threshold.
 * Throws MetricInputError when yTrue has no positive (sklearn then warns and returns 0).
 */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const input = requireBinaryInput(yTrue, scores, false);
  if (input.positives === 0) {
    throw new MetricInputError('yTrue', 'average precision needs at least one positive label, got none');
  }
  const { positive, negative } = scoresByClass(input);
  let p = positive.length - 1;
  let n = negative.length - 1;
  let truePositives = 0;
  let falsePositives = 0;
  let previousRecall = 0;
  let ap = 0;
  while (p >= 0) {
    const threshold = n >= 0 && negative[n] > positive[p] ? negative[n] : positive[p];
    while (p >= 0 && positive[p] === threshold) {
      truePositives++;
      p--;
    }
    while (n >= 0 && negative[n] === threshold) {
      falsePositives++;
      n--;
    }
    const recall = truePositives / positive.length;
    ap += (recall - previousRecall) * (truePositives / (truePositives + falsePositives));
    previousRecall = recall;
  }
  return ap;
}
