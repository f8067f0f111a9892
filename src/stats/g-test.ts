import type { ContingencyTestResult } from './chi-square-test.js';
import { contingencyTable } from './contingency-table.js';
import { pairwiseSum } from './pairwise-sum.js';
import { chiSquareSf } from './special/chi-square-distribution.js';

/**
 * G-test (log-likelihood ratio) of homogeneity on [refCounts, curCounts] —
 * `scipy.stats.chi2_contingency([ref, cur], correction=False, lambda_='log-likelihood')`:
 * statistic 2·Σ o·ln(o/e) (0 for o = 0), p = chi2.sf(statistic, k − 1). Same column dropping, dof-0 case and
 * input rules as `chiSquareTest`.
 */
export function gTest(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): ContingencyTestResult {
  const { observed, expected, dof } = contingencyTable(refCounts, curCounts);
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0 };
  const terms = new Float64Array(observed.length);
  for (let i = 0; i < terms.length; i++) {
    const o = observed[i];
    terms[i] = o === 0 ? 0 : 2 * (o * Math.log(o / expected[i]));
  }
  const statistic = pairwiseSum(terms);
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}
