import { pairwiseSum } from '../../stats/pairwise-sum.js';
import { numpyRound } from './numpy-reductions.js';
import { requireFiniteArray, requireSameLength } from './validate-estimation-input.js';

/**
 * Expected ROC AUC from calibrated probabilities pᵢ = P(yᵢ = 1), as NannyML 0.13 `estimate_roc_auc`: rows
 * ordered by the model's own (uncalibrated) score, highest first; walking down that order every row adds pᵢ
 * expected true positives and 1 − pᵢ expected false positives; the cumulative counts (rounded to 5 decimals, as
 * NannyML does) give the expected ROC curve, whose trapezoid area is the estimate. Tied scores have equal
 * calibrated probabilities, so their order does not change the area. Null when the expected positives or
 * negatives sum to 0 (every pᵢ is 0, or every pᵢ is 1): the curve is undefined.
 */
export function estimatedRocAuc(probabilities: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  requireFiniteArray(probabilities, 'probabilities');
  requireSameLength(probabilities, 'probabilities', scores, 'scores');
  const n = probabilities.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  const truePositives = new Float64Array(n + 1);
  const falsePositives = new Float64Array(n + 1);
  let cumulative = 0;
  for (let k = 0; k < n; k++) {
    cumulative += probabilities[order[k]];
    truePositives[k + 1] = cumulative;
    falsePositives[k + 1] = 1 + k - cumulative;
  }
  for (let k = 1; k <= n; k++) {
    truePositives[k] = numpyRound(truePositives[k], 5);
    falsePositives[k] = numpyRound(falsePositives[k], 5);
  }
  const positives = truePositives[n];
  const negatives = falsePositives[n];
  if (!(positives > 0) || !(negatives > 0)) return null;
  const areas = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const width = falsePositives[k + 1] / negatives - falsePositives[k] / negatives;
    areas[k] = (width * (truePositives[k + 1] / positives + truePositives[k] / positives)) / 2;
  }
  return pairwiseSum(areas);
}
