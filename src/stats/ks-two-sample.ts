import { ksTwoSampleExactPValue } from './ks-two-sample-exact.js';
import { kolmogorovTwoSidedSf } from './special/kolmogorov-two-sided-sf.js';
import type { TestResult } from './test-result.js';
import { requireFiniteSample, sortedCopy } from './validate-input.js';

/** A two-sample KS result; `method` says which null distribution produced the p-value. */
export interface KsTwoSampleResult extends TestResult {
  readonly method: 'exact' | 'asymp';
}

/** scipy's `MAX_AUTO_N`: method='auto' is exact while both sample sizes are at most this. */
const MAX_EXACT_SIZE = 10_000;

/**
 * Two-sample Kolmogorov–Smirnov test: D = sup_x |F_a(x) − F_b(x)| of the two empirical CDFs, two-sided.
 * Reproduces `scipy.stats.ks_2samp(a, b)` (alternative='two-sided', method='auto', scipy 1.17):
 * - exact p-value (lattice-path counting, see `ksTwoSampleExactPValue`) when max(n1, n2) ≤ 10 000, with
 *   D snapped to h/lcm(n1, n2) as scipy does; if that computation fails scipy falls back to asymptotic;
 * - otherwise `kstwo.sf(D, round(n1·n2/(n1+n2)))`, the exact one-sample Kolmogorov distribution of
 *   Simard & L'Ecuyer (2011) at the effective size (see `kolmogorovTwoSidedSf`).
 * Ties are handled like scipy (ECDFs compared after each distinct value). O((n1 + n2) log) for the sort
 * plus one merge walk. Throws `StatsInputError` for empty or non-finite input; inputs are not mutated.
 *
 * @example ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]) // { statistic: 1, pValue: 0.007936…, method: 'exact' }
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsTwoSampleResult {
  requireFiniteSample(a, 'a');
  requireFiniteSample(b, 'b');
  const x = sortedCopy(a);
  const y = sortedCopy(b);
  const n1 = x.length;
  const n2 = y.length;

  let maxDiff = 0;
  let minDiff = 0;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    while (i < n1 && x[i] <= value) i++;
    while (j < n2 && y[j] <= value) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = Math.min(-minDiff, 1);
  let d = minS > maxDiff ? minS : maxDiff;

  if (Math.max(n1, n2) <= MAX_EXACT_SIZE) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    const p = ksTwoSampleExactPValue(n1, n2, g, h);
    if (!Number.isNaN(p)) return { statistic: d, pValue: p, method: 'exact' };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const effectiveSize = roundHalfEven((m * n) / (m + n));
  const pValue = Math.min(Math.max(kolmogorovTwoSidedSf(effectiveSize, d), 0), 1);
  return { statistic: d, pValue, method: 'asymp' };
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** numpy's `np.round`: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
