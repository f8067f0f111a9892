import { chiSquareSf } from '../../stats/index.js';
import { MetricInputError } from '../metrics/metric-input-error.js';
import { requirePairedInput } from '../metrics/validate-metric-input.js';
import { DEFAULT_DECISION_THRESHOLD, predictedClass } from '../predicted-class.js';

/** Options of {@link mcnemarTest}. */
export interface McnemarOptions {
  /** Predicted class 1 ⇔ score > threshold (default 0.5, as the accuracy metric). */
  readonly threshold?: number;
  /** Use the exact binomial test when the discordant count b + c is below this (default 25); max 1000. */
  readonly exactBelow?: number;
}

/** McNemar test of equal accuracy of two classifiers on the same rows. */
export interface McnemarResult {
  /** Rows model A classifies correctly and model B wrongly. */
  readonly onlyACorrect: number;
  /** Rows model B classifies correctly and model A wrongly. */
  readonly onlyBCorrect: number;
  readonly method: 'exact' | 'chi-square';
  /** exact: min(b, c); chi-square: max(0, |b − c| − 1)² / (b + c). */
  readonly statistic: number;
  readonly pValue: number;
}

/** Two-sided exact binomial p-value of k ≤ n/2 successes in n trials with p = ½: min(1, 2·P(X ≤ k)). */
function exactTwoSidedHalf(k: number, n: number): number {
  // log C(n, i) by the product recurrence; terms summed relative to the largest one (i = k).
  let logCoefficient = 0;
  const logTerms: number[] = [0];
  for (let i = 1; i <= k; i++) {
    logCoefficient += Math.log((n - i + 1) / i);
    logTerms.push(logCoefficient);
  }
  let sum = 0;
  for (const t of logTerms) sum += Math.exp(t - logCoefficient);
  return Math.min(1, 2 * Math.exp(Math.log(sum) + logCoefficient - n * Math.LN2));
}

function correctness(yTrue: ArrayLike<number>, scores: ArrayLike<number>, threshold: number, i: number): boolean {
  return predictedClass(scores[i], threshold) === yTrue[i];
}

/**
 * McNemar (1947) test on the discordant pairs b (only A right) and c (only B right). When b + c < `exactBelow`
 * (default 25) the exact conditional test: b ~ Binomial(b + c, ½), p = min(1, 2·P(X ≤ min(b, c))) — scipy
 * `binomtest(min(b, c), b + c, 0.5).pvalue`; otherwise the chi-square test with continuity correction
 * χ² = max(0, |b − c| − 1)² / (b + c), p = `chi2.sf(χ², 1)` (statsmodels `mcnemar(exact=False)`, except the
 * max(0, ·) so b = c gives p = 1). b + c = 0 gives p = 1. Classes are `score > threshold`.
 */
export function mcnemarTest(
  yTrue: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  options: McnemarOptions = {},
): McnemarResult {
  const threshold = options.threshold ?? DEFAULT_DECISION_THRESHOLD;
  const exactBelow = options.exactBelow ?? 25;
  if (!Number.isInteger(exactBelow) || exactBelow < 0 || exactBelow > 1000) {
    throw new MetricInputError('exactBelow', `must be an integer in [0, 1000], got ${exactBelow}`);
  }
  if (!Number.isFinite(threshold)) throw new MetricInputError('threshold', `must be a finite number, got ${threshold}`);
  requirePairedInput(yTrue, scoresA, scoresB);
  let b = 0;
  let c = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const aRight = correctness(yTrue, scoresA, threshold, i);
    const bRight = correctness(yTrue, scoresB, threshold, i);
    if (aRight && !bRight) b++;
    else if (bRight && !aRight) c++;
  }
  const discordant = b + c;
  if (discordant < exactBelow || discordant === 0) {
    const k = Math.min(b, c);
    return {
      onlyACorrect: b,
      onlyBCorrect: c,
      method: 'exact',
      statistic: k,
      pValue: discordant === 0 ? 1 : exactTwoSidedHalf(k, discordant),
    };
  }
  const statistic = Math.max(0, Math.abs(b - c) - 1) ** 2 / discordant;
  return { onlyACorrect: b, onlyBCorrect: c, method: 'chi-square', statistic, pValue: chiSquareSf(statistic, 1) };
}
