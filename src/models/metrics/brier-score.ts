import { requireBinaryInput } from './validate-metric-input.js';

/**
 * Brier score (1/n) Σ (yᵢ − pᵢ)² of the positive-class probability. Equals sklearn
 * `brier_score_loss(y_true, y_proba)` (binary, `scale_by_half="auto"`, range [0, 1]).
 */
export function brierScore(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  requireBinaryInput(yTrue, probabilities, true);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i] - probabilities[i];
    sum += d * d;
  }
  return sum / yTrue.length;
}
