import { pairwiseSum } from './pairwise-sum.js';
import { studentTSf } from './special/student-t-distribution.js';
import { StatsInputError } from './stats-input-error.js';
import type { TestResult } from './test-result.js';
import { requireFiniteSample } from './validate-input.js';

export interface WelchTTestResult extends TestResult {
  /** Welch–Satterthwaite degrees of freedom (non-integer). */
  readonly dof: number;
}

/** numpy's mean and scipy's ddof = 1 variance (mean of squared deviations × n/(n − 1)), same summation order. */
function meanAndVariance(values: ArrayLike<number>): [number, number] {
  const n = values.length;
  const mean = pairwiseSum(values) / n;
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares[i] = d * d;
  }
  return [mean, (pairwiseSum(squares) / n) * (n / (n - 1))];
}

/**
 * Welch's unequal-variance t-test, two-sided — `scipy.stats.ttest_ind(a, b, equal_var=False)`:
 * t = (mean_a − mean_b)/√(v_a/n_a + v_b/n_b), dof by Welch–Satterthwaite, p = 2·sf_t(|t|, dof).
 * Each sample needs at least 2 values. Where scipy returns NaN — both samples constant — this returns
 * t = 0, p = 1 when the constants are equal and t = ±Infinity, p = 0 when they differ (dof = 1, scipy's
 * placeholder for the undefined dof).
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): WelchTTestResult {
  requireFiniteSample(a, 'a', 2);
  requireFiniteSample(b, 'b', 2);
  const n1 = a.length;
  const n2 = b.length;
  const [mean1, var1] = meanAndVariance(a);
  const [mean2, var2] = meanAndVariance(b);
  if (!Number.isFinite(var1) || !Number.isFinite(var2) || !Number.isFinite(mean1 - mean2)) {
    throw new StatsInputError(Number.isFinite(var1) ? 'b' : 'a', 'values too large: the variance overflows a double');
  }
  const vn1 = var1 / n1;
  const vn2 = var2 / n2;
  const denom = Math.sqrt(vn1 + vn2);
  const d = mean1 - mean2;
  if (denom === 0) {
    return d === 0
      ? { statistic: 0, pValue: 1, dof: 1 }
      : { statistic: d > 0 ? Infinity : -Infinity, pValue: 0, dof: 1 };
  }
  // (vn1 + vn2)²/(vn1²/(n1 − 1) + vn2²/(n2 − 1)) written with shares of the total, so tiny variances cannot
  // underflow the squares (scipy then reports its placeholder dof = 1).
  const share1 = vn1 / (vn1 + vn2);
  const share2 = vn2 / (vn1 + vn2);
  const dof = 1 / ((share1 * share1) / (n1 - 1) + (share2 * share2) / (n2 - 1));
  const statistic = d / denom;
  return { statistic, pValue: 2 * studentTSf(Math.abs(statistic), dof), dof };
}
