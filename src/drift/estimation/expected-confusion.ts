import { pairwiseSum } from '../../stats/pairwise-sum.js';
import { requireFiniteArray, requireSameLength } from './validate-estimation-input.js';

/** A confusion matrix whose cells are expected counts (sums of probabilities), not integers. */
export interface ExpectedConfusion {
  readonly rows: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
}

/**
 * The expected confusion matrix of predicted classes given calibrated probabilities pᵢ = P(yᵢ = 1):
 * a row predicted positive adds pᵢ to TP and 1 − pᵢ to FP, a row predicted negative adds pᵢ to FN and 1 − pᵢ to
 * TN (NannyML CBPE). With perfectly calibrated probabilities each cell is the mean of the realized cell over the
 * labels' distribution.
 */
export function expectedConfusion(
  probabilities: ArrayLike<number>,
  predictedPositive: ArrayLike<number>,
): ExpectedConfusion {
  requireFiniteArray(probabilities, 'probabilities');
  requireSameLength(probabilities, 'probabilities', predictedPositive, 'predictions');
  // One full-length array per cell summed pairwise: the order of NannyML's `np.sum(np.where(...))`.
  const n = probabilities.length;
  const cells = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const [tp, fp, tn, fn] = cells;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    if (predictedPositive[i] === 1) {
      tp[i] = p;
      fp[i] = 1 - p;
    } else {
      fn[i] = p;
      tn[i] = 1 - p;
    }
  }
  const [truePositives, falsePositives, trueNegatives, falseNegatives] = cells.map((cell) => pairwiseSum(cell));
  return { rows: n, truePositives, falsePositives, trueNegatives, falseNegatives };
}

/** numerator / denominator; 0 when the denominator is 0 (scikit-learn's default `zero_division`). */
const ratio = (numerator: number, denominator: number): number => (denominator > 0 ? numerator / denominator : 0);

/** The threshold metrics of a (possibly expected) confusion matrix. */
export interface ConfusionMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly specificity: number;
}

/**
 * accuracy = (TP + TN) / rows, precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = TP / (TP + ½(FP + FN)),
 * specificity = TN / (TN + FP); a ratio with a zero denominator is 0.
 */
export function confusionMetrics(c: ExpectedConfusion): ConfusionMetrics {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = c;
  return {
    accuracy: ratio(tp + tn, c.rows),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(tp, tp + 0.5 * (fp + fn)),
    specificity: ratio(tn, tn + fp),
  };
}
