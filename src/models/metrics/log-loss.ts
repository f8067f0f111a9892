import { requireBinaryInput } from './validate-metric-input.js';

/** sklearn's clipping bound: float64 machine epsilon (`np.finfo(np.float64).eps`, 2⁻⁵²). */
export const LOG_LOSS_EPSILON = Number.EPSILON;

/**
 * Mean negative log-likelihood −(1/n) Σ log q(yᵢ) with q(1) = clip(p, ε, 1−ε) and q(0) = clip(1−p, ε, 1−ε),
 * ε = 2⁻⁵² (the probability is clipped after forming 1 − p, as sklearn does). Equals sklearn 1.9
 * `log_loss(y_true, y_proba)` for a 1-D positive-class probability — except that a single-class `yTrue` is
 * accepted here (sklearn raises without `labels=[0, 1]`; with it the values agree).
 */
export function logLoss(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  requireBinaryInput(yTrue, probabilities, true);
  const upper = 1 - LOG_LOSS_EPSILON;
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const q = yTrue[i] === 1 ? probabilities[i] : 1 - probabilities[i];
    sum -= Math.log(Math.min(Math.max(q, LOG_LOSS_EPSILON), upper));
  }
  return sum / yTrue.length;
}
