import { StatsInputError } from '../stats-input-error.js';
import { logRegularizedGammaQ, regularizedGammaQ } from './incomplete-gamma.js';

function checkArguments(x: number, dof: number): void {
  if (Number.isNaN(x)) throw new StatsInputError('x', 'must be a number, got NaN');
  if (!(dof / 2 > 0) || dof === Infinity)
    throw new StatsInputError('dof', `must be a finite number > 1e-323, got ${dof}`);
}

/** Chi-square survival function P(χ²_dof > x) = Q(dof/2, x/2) — scipy.stats.chi2.sf(x, dof) (scipy.special.chdtrc). */
export function chiSquareSf(x: number, dof: number): number {
  checkArguments(x, dof);
  if (x <= 0) return 1;
  return regularizedGammaQ(dof / 2, x / 2);
}

/** ln P(χ²_dof > x) — scipy.stats.chi2.logsf(x, dof); finite where the survival function underflows. */
export function chiSquareLogSf(x: number, dof: number): number {
  checkArguments(x, dof);
  if (x <= 0) return 0;
  return logRegularizedGammaQ(dof / 2, x / 2);
}

/**
 * Inverse survival function of the chi-square distribution: the x with P(χ²_dof > x) = p — scipy.stats.chi2.isf(p,
 * dof). Bisection on the log survival function (monotone) down to adjacent doubles: accurate, not fast. Any finite
 * dof (up to 1.8e308: the incomplete gamma uses Temme's expansion near x = dof); +Infinity only when the survival
 * function at the largest double is still above p (the quantile exceeds Number.MAX_VALUE).
 */
export function chiSquareIsf(p: number, dof: number): number {
  if (!(p > 0 && p < 1)) throw new StatsInputError('p', `must be a probability in (0, 1), got ${String(p)}`);
  checkArguments(0, dof);
  const target = Math.log(p);
  let low = 0;
  let high = Math.max(1, dof);
  while (chiSquareLogSf(high, dof) > target) {
    if (high === Number.MAX_VALUE) return Infinity;
    low = high;
    high = Math.min(high * 2, Number.MAX_VALUE);
  }
  for (let i = 0; i < 2200; i++) {
    const mid = low / 2 + high / 2;
    if (mid <= low || mid >= high) break;
    if (chiSquareLogSf(mid, dof) > target) low = mid;
    else high = mid;
  }
  return low / 2 + high / 2;
}
