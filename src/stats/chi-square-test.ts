import { contingencyTable } from './contingency-table.js';
import { pairwiseSum } from './pairwise-sum.js';
import { chiSquareSf } from './special/chi-square-distribution.js';
import type { TestResult } from './test-result.js';

export interface ContingencyTestResult extends TestResult {
  /** Degrees of freedom k − 1 over the categories kept (0 when fewer than two remain). */
  readonly dof: number;
}

/**
 * Pearson chi-square test of homogeneity on the 2 × k table [refCounts, curCounts] —
 * `scipy.stats.chi2_contingency([ref, cur], correction=False)`: statistic Σ (o − e)²/e, p = chi2.sf(statistic, k − 1).
 * Categories that are 0 in both rows (e.g. an unseen bucket) are dropped first — scipy raises on their zero
 * expected frequency — so `dof` counts only the kept columns. With fewer than two kept columns the table is
 * scipy's degenerate dof-0 case: statistic 0, p = 1, dof 0. Counts must be finite and ≥ 0 (non-integer
 * allowed, as in scipy); a row with no counts throws StatsInputError.
 */
export function chiSquareTest(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): ContingencyTestResult {
  const { observed, expected, dof } = contingencyTable(refCounts, curCounts);
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0 };
  const terms = new Float64Array(observed.length);
  for (let i = 0; i < terms.length; i++) {
    const d = observed[i] - expected[i];
    const square = d * d;
    terms[i] = square < Infinity ? square / expected[i] : d * (d / expected[i]); // numpy's order unless d² overflows
  }
  const statistic = pairwiseSum(terms);
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}
