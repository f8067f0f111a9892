import { logGamma } from './gamma.js';
import { log1pmx } from './log1pmx.js';
import { STIRLING_MIN_ARGUMENT, stirlingCorrection } from './stirling-correction.js';

/** The series and continued-fraction kernels of the incomplete gamma function (shared with the normal tail). */

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
