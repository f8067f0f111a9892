import { StatsInputError } from '../stats-input-error.js';
import { logGamma } from './gamma.js';
import { log1pmx } from './log1pmx.js';
import { STIRLING_MIN_ARGUMENT, stirlingCorrection } from './stirling-correction.js';

const EPSILON = Number.EPSILON;
const TINY = 1e-300;
const MAX_ITERATIONS = 1_000_000;

/**
 * ln(x^a·e^(−x)/Γ(a)), the common factor of P and Q. For a ≥ 10 it is written as
 * ½·ln(a/2π) + a·(ln(1 + t) − t) − S(a) with t = (x − a)/a, which avoids the cancellation of
 * a·ln x − x − ln Γ(a) for large a (the same idea as Boost's / scipy's igam_fac).
 */
export function logGammaPrefactor(a: number, x: number): number {
  if (a >= STIRLING_MIN_ARGUMENT) {
    return 0.5 * Math.log(a / (2 * Math.PI)) + a * log1pmx((x - a) / a) - stirlingCorrection(a);
  }
  return a * Math.log(x) - x - logGamma(a);
}

/**
 * Σ_{n≥0} x^n / ((a+1)…(a+n)) (first term 1): P(a, x) = e^(prefactor)/a × this, for x < a + 1. Written without
 * the leading 1/a so that a as small as 5e-324 does not overflow.
 */
export function gammaSeries(a: number, x: number): number {
  let ap = a;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (term < sum * EPSILON * 0.25) return sum;
  }
  throw new Error(`incomplete gamma series did not converge for a=${a}, x=${x}`);
}

/** P(a, x) by the series, x < a + 1: x^a·e^(−x)/Γ(a + 1) × series (Γ(a + 1) instead of a·Γ(a) keeps tiny a finite). */
function lowerBySeries(a: number, x: number): number {
  const logFactor = a >= STIRLING_MIN_ARGUMENT ? logGammaPrefactor(a, x) - Math.log(a) : a * Math.log(x) - x - logGamma(a + 1);
  return Math.exp(logFactor) * gammaSeries(a, x);
}

/** Legendre continued fraction (modified Lentz): Q(a, x) = prefactor × this (for x ≥ a + 1). */
export function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete gamma continued fraction did not converge for a=${a}, x=${x}`);
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
  if (x < a + 1) return lowerBySeries(a, x);
  return 1 - Math.exp(logGammaPrefactor(a, x)) * gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x) — scipy.special.gammaincc(a, x). */
export function regularizedGammaQ(a: number, x: number): number {
  checkArguments(a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - lowerBySeries(a, x);
  return Math.exp(logGammaPrefactor(a, x)) * gammaContinuedFraction(a, x);
}

/** ln Q(a, x), finite where Q itself underflows to 0 (e.g. chi-square statistics in the thousands). */
export function logRegularizedGammaQ(a: number, x: number): number {
  checkArguments(a, x);
  if (x === 0) return 0;
  if (x === Infinity) return -Infinity;
  if (x < a + 1) return Math.log1p(-lowerBySeries(a, x));
  return logGammaPrefactor(a, x) + Math.log(gammaContinuedFraction(a, x));
}
