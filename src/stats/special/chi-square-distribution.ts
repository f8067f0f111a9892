import { StatsInputError } from '../stats-input-error.js';
import { logRegularizedGammaQ, regularizedGammaQ } from './incomplete-gamma.js';

function checkArguments(x: number, dof: number): void {
  if (Number.isNaN(x)) throw new StatsInputError('x', 'must be a number, got NaN');
  if (!(dof / 2 > 0) || dof === Infinity) throw new StatsInputError('dof', `must be a finite number > 1e-323, got ${dof}`);
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
