import { StatsInputError } from '../stats-input-error.js';
import { logGamma } from './gamma.js';
import { gammaContinuedFraction, gammaSeries, logGammaPrefactor } from './incomplete-gamma-kernels.js';
import { STIRLING_MIN_ARGUMENT } from './stirling-correction.js';
import { temmeLogUpper, temmeLower, temmeUpper, useTemme } from './temme-asymptotic.js';

/** P(a, x) by the series, x < a + 1: x^a·e^(−x)/Γ(a + 1) × series (Γ(a + 1) instead of a·Γ(a) keeps tiny a finite). */
function lowerBySeries(a: number, x: number): number {
  const logFactor =
    a >= STIRLING_MIN_ARGUMENT ? logGammaPrefactor(a, x) - Math.log(a) : a * Math.log(x) - x - logGamma(a + 1);
  return Math.exp(logFactor) * gammaSeries(a, x);
}

function checkArguments(a: number, x: number): void {
  if (!(a > 0) || a === Infinity) throw new StatsInputError('a', `must be a finite number > 0, got ${a}`);
  if (!(x >= 0)) throw new StatsInputError('x', `must be >= 0, got ${x}`);
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) — scipy.special.gammainc(a, x). */
export function regularizedGammaP(a: number, x: number): number {
  checkArguments(a, x);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (useTemme(a, x)) return temmeLower(a, x);
  if (x < a + 1) return lowerBySeries(a, x);
  return 1 - Math.exp(logGammaPrefactor(a, x)) * gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x) — scipy.special.gammaincc(a, x). */
export function regularizedGammaQ(a: number, x: number): number {
  checkArguments(a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (useTemme(a, x)) return temmeUpper(a, x);
  if (x < a + 1) return 1 - lowerBySeries(a, x);
  return Math.exp(logGammaPrefactor(a, x)) * gammaContinuedFraction(a, x);
}

/** ln Q(a, x), finite where Q itself underflows to 0 (e.g. chi-square statistics in the thousands). */
export function logRegularizedGammaQ(a: number, x: number): number {
  checkArguments(a, x);
  if (x === 0) return 0;
  if (x === Infinity) return -Infinity;
  if (useTemme(a, x)) return temmeLogUpper(a, x);
  if (x < a + 1) return Math.log1p(-lowerBySeries(a, x));
  return logGammaPrefactor(a, x) + Math.log(gammaContinuedFraction(a, x));
}
