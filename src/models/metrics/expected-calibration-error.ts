import { MetricInputError } from './metric-input-error.js';
import { requireBinaryInput } from './validate-metric-input.js';

/** Options of {@link expectedCalibrationError}. */
export interface CalibrationOptions {
  /** Number of equal-width probability bins on [0, 1] (default 10). */
  readonly binCount?: number;
}

/**
 * Expected calibration error of the positive-class probability:
 * ECE = Σ_b (n_b / n) · |ȳ_b − p̄_b| over B equal-width bins of [0, 1] (default B = 10), where ȳ_b is the observed
 * share of positives ("accuracy") and p̄_b the mean predicted probability ("confidence") in bin b; empty bins
 * contribute nothing. Bins are those of sklearn `calibration_curve(y, p, n_bins=B, strategy="uniform")`:
 * edges k·(1/B), bin = number of inner edges strictly below p, so an edge value belongs to the lower bin and
 * the first bin is [0, 1/B]. (Guo et al. 2017 bin the top-label confidence instead; for a binary model this
 * positive-class form is the reliability diagram users see.)
 */
export function expectedCalibrationError(
  yTrue: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: CalibrationOptions = {},
): number {
  const binCount = options.binCount ?? 10;
  if (!Number.isInteger(binCount) || binCount < 1) {
    throw new MetricInputError('binCount', `must be an integer >= 1, got ${binCount}`);
  }
  requireBinaryInput(yTrue, probabilities, true);
  const step = 1 / binCount;
  const counts = new Float64Array(binCount);
  const probabilitySums = new Float64Array(binCount);
  const positiveCounts = new Float64Array(binCount);
  for (let i = 0; i < yTrue.length; i++) {
    const p = probabilities[i];
    let bin = Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)));
    while (bin > 0 && bin * step >= p) bin--;
    while (bin < binCount - 1 && (bin + 1) * step < p) bin++;
    counts[bin]++;
    probabilitySums[bin] += p;
    positiveCounts[bin] += yTrue[i];
  }
  let ece = 0;
  for (let b = 0; b < binCount; b++) {
    if (counts[b] > 0)
      ece += (counts[b] / yTrue.length) * Math.abs(positiveCounts[b] / counts[b] - probabilitySums[b] / counts[b]);
  }
  return ece;
}
