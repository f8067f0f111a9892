import { pairwiseSum } from './pairwise-sum.js';
import { StatsInputError } from './stats-input-error.js';
import { requireNonNegative, requireSameLength } from './validate-input.js';

/** A 2 × k table of counts with its expected frequencies under homogeneity, flattened row-major. */
export interface ContingencyTable {
  /** [ref…, cur…] over the kept columns. */
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  /** (2 − 1)·(k − 1) for the kept columns k; 0 when fewer than 2 columns remain. */
  readonly dof: number;
}

/** rowTotal·columnTotal/total in numpy's order; rescaled when the product under- or overflows (scipy: inf/NaN). */
function expectedFrequency(rowTotal: number, columnTotal: number, total: number): number {
  const e = (rowTotal * columnTotal) / total;
  return e > 0 && e < Infinity && Number.isFinite(rowTotal * columnTotal) ? e : rowTotal * (columnTotal / total);
}

/**
 * Validates two count vectors and builds scipy's `chi2_contingency` table `[ref, cur]`: columns that are 0 in
 * both rows are dropped (scipy would raise on their zero expected frequency), expected = rowSum·colSum/total
 * with numpy's summation order. Counts may be non-integer (scipy accepts them); a row with no counts at all
 * has no expected frequencies and throws.
 */
export function contingencyTable(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): ContingencyTable {
  requireNonNegative(refCounts, 'refCounts');
  requireNonNegative(curCounts, 'curCounts');
  requireSameLength(refCounts, curCounts, 'curCounts');
  const kept: number[] = [];
  for (let i = 0; i < refCounts.length; i++) if (refCounts[i] > 0 || curCounts[i] > 0) kept.push(i);
  const k = kept.length;
  const observed = new Float64Array(2 * k);
  kept.forEach((column, j) => {
    observed[j] = refCounts[column];
    observed[k + j] = curCounts[column];
  });
  const refTotal = pairwiseSum(observed, 0, k);
  const curTotal = pairwiseSum(observed, k, k);
  if (refTotal === 0) throw new StatsInputError('refCounts', 'all counts are 0: no distribution to compare');
  if (curTotal === 0) throw new StatsInputError('curCounts', 'all counts are 0: no distribution to compare');
  const total = pairwiseSum(observed);
  if (!Number.isFinite(total))
    throw new StatsInputError('refCounts', 'counts too large: their total overflows a double');
  const expected = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) {
    const columnTotal = observed[j] + observed[k + j];
    expected[j] = expectedFrequency(refTotal, columnTotal, total);
    expected[k + j] = expectedFrequency(curTotal, columnTotal, total);
  }
  return { observed, expected, dof: Math.max(0, k - 1) };
}
