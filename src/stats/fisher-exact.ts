import { StatsInputError } from './stats-input-error.js';
import type { TestResult } from './test-result.js';

export interface FisherExactResult extends TestResult {
  /** Sample odds ratio a·d/(b·c): Infinity when b·c = 0 < a·d, 0 when a·d = 0 < b·c. */
  readonly oddsRatio: number;
  /** False when a row or column of the table is empty: the odds ratio is 0/0 (scipy: NaN) and reported as 1. */
  readonly oddsRatioDefined: boolean;
}

const RELATIVE_TOLERANCE = 1e-14; // scipy's "as extreme" tolerance on pmf values

function requireCount(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new StatsInputError(argument, `must be a non-negative integer count, got ${String(value)}`);
  }
  return value;
}

/**
 * Fisher's exact test on the 2 × 2 table [[a, b], [c, d]], two-sided — `scipy.stats.fisher_exact(table)`.
 * p = Σ pmf(x) over the hypergeometric support (row sums and first-column sum fixed) for every x with
 * pmf(x) ≤ pmf(a)·(1 + 1e-14), scipy's relative tolerance for "as extreme"; p = 1 when pmf(a) equals the mode's
 * pmf within that tolerance. The pmf is evaluated relative to the mode by the exact ratio recurrence and
 * normalised by its sum, so no log-factorials cancel; the tolerance is widened by the recurrence's rounding bound
 * (≈ 2⁻⁵² per step from the mode) so mirror-image ties are never split. `statistic` equals `oddsRatio`
 * (Infinity allowed); a table with an empty row or column gives p = 1 and odds ratio 1 with
 * `oddsRatioDefined: false` where scipy returns NaN.
 */
export function fisherExact(table: readonly (readonly number[])[]): FisherExactResult {
  if (!Array.isArray(table) || table.length !== 2 || table.some((row) => !Array.isArray(row) || row.length !== 2)) {
    throw new StatsInputError('table', 'must be a 2 × 2 array [[a, b], [c, d]]');
  }
  const a = requireCount(table[0][0], 'table[0][0]');
  const b = requireCount(table[0][1], 'table[0][1]');
  const c = requireCount(table[1][0], 'table[1][0]');
  const d = requireCount(table[1][1], 'table[1][1]');
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) {
    return { statistic: 1, pValue: 1, oddsRatio: 1, oddsRatioDefined: false };
  }
  const oddsRatio = c > 0 && b > 0 ? (a * d) / (c * b) : Infinity;
  const row1 = a + b;
  const row2 = c + d;
  const column1 = a + c;
  const lo = Math.max(0, column1 - row2);
  const hi = Math.min(column1, row1);
  const mode = Math.floor(((column1 + 1) * (row1 + 1)) / (row1 + row2 + 2));
  // Weights w(x) = pmf(x)/pmf(mode) by the exact ratio recurrence
  // pmf(x + 1)/pmf(x) = (row1 − x)(column1 − x)/((x + 1)(row2 − column1 + x + 1)), walked out from the mode
  // until they underflow (only O(√n) terms matter, so huge counts need no table of the whole support).
  const up = (x: number): number => ((row1 - x) * (column1 - x)) / ((x + 1) * (row2 - column1 + x + 1));
  const down = (x: number): number => (x * (row2 - column1 + x)) / ((row1 - x + 1) * (column1 - x + 1));
  let observed = 1;
  for (let x = mode; x < a && observed > 0; x++) observed *= up(x);
  for (let x = mode; x > a && observed > 0; x--) observed *= down(x);
  if (Math.abs(observed - 1) <= RELATIVE_TOLERANCE)
    return { statistic: oddsRatio, pValue: 1, oddsRatio, oddsRatioDefined: true };
  const roundingPerStep = 2.3e-16;
  let total = 1;
  let extreme = 0;
  const visit = (x: number, w: number): void => {
    total += w;
    const tolerance = RELATIVE_TOLERANCE + roundingPerStep * (Math.abs(x - mode) + Math.abs(a - mode));
    if (w <= observed * (1 + tolerance)) extreme += w;
  };
  for (let x = mode, w = 1; x < hi; x++) {
    w *= up(x);
    if (w === 0) break;
    visit(x + 1, w);
  }
  for (let x = mode, w = 1; x > lo; x--) {
    w *= down(x);
    if (w === 0) break;
    visit(x - 1, w);
  }
  const pValue = Math.min(1, extreme / total);
  return { statistic: oddsRatio, pValue, oddsRatio, oddsRatioDefined: true };
}
