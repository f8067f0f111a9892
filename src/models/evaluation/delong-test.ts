import { normalSf } from '../../stats/index.js';
import { MetricInputError } from '../metrics/metric-input-error.js';
import { requirePairedInput } from '../metrics/validate-metric-input.js';
import { midranks } from './midranks.js';

/** DeLong test of two correlated ROC AUCs measured on the same labelled rows. */
export interface DelongResult {
  readonly aucA: number;
  readonly aucB: number;
  /** aucB − aucA. */
  readonly difference: number;
  /** √Var(aucB − aucA) under DeLong's covariance estimate. */
  readonly standardError: number;
  /** difference / standardError; null when the standard error is 0 and the AUCs differ. */
  readonly z: number | null;
  /** Two-sided p-value 2·Φ̄(|z|); 1 when both AUCs and the variance are equal, 0 when only the variance is 0. */
  readonly pValue: number;
}

interface Components {
  readonly auc: number;
  /** Structural components of the positives (V₁₀) and of the negatives (V₀₁). */
  readonly positive: Float64Array;
  readonly negative: Float64Array;
}

function structuralComponents(positiveScores: Float64Array, negativeScores: Float64Array): Components {
  const m = positiveScores.length;
  const n = negativeScores.length;
  const all = new Float64Array(m + n);
  all.set(positiveScores);
  all.set(negativeScores, m);
  const tz = midranks(all);
  const tx = midranks(positiveScores);
  const ty = midranks(negativeScores);
  const positive = new Float64Array(m);
  const negative = new Float64Array(n);
  let rankSum = 0;
  for (let i = 0; i < m; i++) {
    rankSum += tz[i];
    positive[i] = (tz[i] - tx[i]) / n;
  }
  for (let j = 0; j < n; j++) negative[j] = 1 - (tz[m + j] - ty[j]) / m;
  return { auc: (rankSum - (m * (m + 1)) / 2) / (m * n), positive, negative };
}

/** Sample variance of a − b (ddof = 1), i.e. var(a) + var(b) − 2·cov(a, b). */
function varianceOfDifference(a: Float64Array, b: Float64Array): number {
  const k = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < k; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= k;
  meanB /= k;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const d = a[i] - meanA - (b[i] - meanB);
    sum += d * d;
  }
  return sum / (k - 1);
}

/**
 * DeLong, DeLong & Clarke-Pearson (Biometrics 44(3), 1988) test of H₀: AUC_A = AUC_B for two score vectors
 * on the same rows, with the O(n log n) midrank algorithm of Sun & Xu (IEEE Signal Processing Letters 21(11),
 * 2014): V₁₀ᵢ = (Tzᵢ − Txᵢ)/n for the m positives, V₀₁ⱼ = 1 − (Tzⱼ − Tyⱼ)/m for the n negatives (T = midranks
 * within positives, negatives, and all), Var(AUC_B − AUC_A) = s²(V₁₀ᴮ − V₁₀ᴬ)/m + s²(V₀₁ᴮ − V₀₁ᴬ)/n (ddof = 1),
 * z = difference / SE, p = 2·Φ̄(|z|). Reference values: tests/oracle/gen_delong.py (original O(m·n)
 * pairwise formulation in numpy). Needs at least 2 positives and 2 negatives.
 */
export function delongTest(
  yTrue: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
): DelongResult {
  const input = requirePairedInput(yTrue, scoresA, scoresB);
  if (input.positives < 2 || input.negatives < 2) {
    throw new MetricInputError(
      'yTrue',
      `the DeLong test needs at least 2 positive and 2 negative labels, got ${input.positives} and ${input.negatives}`,
    );
  }
  const split = (scores: ArrayLike<number>): [Float64Array, Float64Array] => {
    const pos = new Float64Array(input.positives);
    const neg = new Float64Array(input.negatives);
    let p = 0;
    let q = 0;
    for (let i = 0; i < yTrue.length; i++) {
      if (yTrue[i] === 1) pos[p++] = scores[i];
      else neg[q++] = scores[i];
    }
    return [pos, neg];
  };
  const a = structuralComponents(...split(scoresA));
  const b = structuralComponents(...split(scoresB));
  const variance =
    varianceOfDifference(b.positive, a.positive) / input.positives +
    varianceOfDifference(b.negative, a.negative) / input.negatives;
  const difference = b.auc - a.auc;
  const standardError = Math.sqrt(Math.max(variance, 0));
  if (standardError === 0) {
    return {
      aucA: a.auc,
      aucB: b.auc,
      difference,
      standardError,
      z: difference === 0 ? 0 : null,
      pValue: difference === 0 ? 1 : 0,
    };
  }
  const z = difference / standardError;
  return { aucA: a.auc, aucB: b.auc, difference, standardError, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}
