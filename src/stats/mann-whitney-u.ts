import { normalSf } from './special/normal-distribution.js';
import type { TestResult } from './test-result.js';
import { requireFiniteSample, sortedCopy } from './validate-input.js';

/** Alternative hypothesis of a rank test: `greater` = values of `a` tend to be larger than those of `b`. */
export type RankAlternative = 'two-sided' | 'greater' | 'less';

/**
 * Mann–Whitney U test, normal approximation with continuity and tie correction —
 * `scipy.stats.mannwhitneyu(a, b, alternative=…, method='asymptotic', use_continuity=True)` (default two-sided).
 * `statistic` is U of `a` (R_a − n_a(n_a + 1)/2, midranks for ties) as scipy returns it;
 * two-sided p = 2·sf((max(U_a, U_b) − n_a·n_b/2 − ½)/σ) clipped to 1, `greater` p = sf((U_a − n_a·n_b/2 − ½)/σ),
 * `less` p = sf((U_b − n_a·n_b/2 − ½)/σ); σ² = n_a·n_b/12·(n + 1 − Σ(t³ − t)/(n(n − 1))).
 * When every value is tied σ = 0 and, as in scipy, p = 1. O((n_a + n_b) log) via two sorts and a merge.
 */
export function mannWhitneyU(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  alternative: RankAlternative = 'two-sided',
): TestResult {
  requireFiniteSample(a, 'a');
  requireFiniteSample(b, 'b');
  const x = sortedCopy(a);
  const y = sortedCopy(b);
  const n1 = x.length;
  const n2 = y.length;
  let rankSumA = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  let rank = 0; // ranks already assigned
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    let countA = 0;
    let countB = 0;
    while (i < n1 && x[i] === value) {
      i++;
      countA++;
    }
    while (j < n2 && y[j] === value) {
      j++;
      countB++;
    }
    const t = countA + countB;
    rankSumA += countA * (rank + (t + 1) / 2);
    tieTerm += t * t * t - t;
    rank += t;
  }
  const u1 = rankSumA - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const numerator = u - (n1 * n2) / 2 - 0.5;
  if (sigma === 0) return { statistic: u1, pValue: 1 };
  const tail = normalSf(numerator / sigma);
  return { statistic: u1, pValue: Math.min(1, alternative === 'two-sided' ? 2 * tail : tail) };
}
