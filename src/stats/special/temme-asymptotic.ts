import { log1pmx } from './log1pmx.js';
import { normalLogSf, normalSf } from './normal-distribution.js';
import { TEMME_D } from './temme-coefficients.js';

/**
 * Temme's uniform asymptotic expansion of the regularized incomplete gamma functions for large a with x near a
 * (DLMF 8.12.3–8.12.12), as scipy.special.gammainc/gammaincc use it (cephes igam.c, `asymptotic_series`):
 *   Q(a, x) = ½·erfc(η√(a/2)) + e^(−aη²/2)/√(2πa)·Σ_k C_k(η)·a^(−k),  P(a, x) = ½·erfc(−η√(a/2)) − (same sum),
 * with ½η² = λ − 1 − ln λ, λ = x/a, sign(η) = sign(x − a). ½·erfc(η√(a/2)) is the normal tail at η√a.
 * Where the continued fraction would need O(√a) iterations (a = 1e300 at x = a), this needs at most 25 terms.
 */

const MIN_A = 20;
const MAX_RATIO = 0.3;

/**
 * The region of the expansion: a > 20 and |x − a|/a < 0.3 — cephes' region for 20 < a < 200. Above a = 200 scipy
 * narrows it to |x − a|/a < 4.5/√a and hands the rest to a series / continued fraction capped at 2000 terms, which
 * are inaccurate for huge a (scipy.special.gammainc(1e10, 9999500000.0) = 2.83e-8; true 2.87e-7 ≈ Φ(−5)); here the
 * expansion keeps the whole band, where 25 coefficients are ample for every a > 20 (η ≤ 0.3 ≪ its radius 2√π).
 */
export function useTemme(a: number, x: number): boolean {
  return a > MIN_A && Math.abs(x - a) / a < MAX_RATIO;
}

/** η with ½η² = λ − 1 − ln λ = −log1pmx(λ − 1), sign of x − a. */
function temmeEta(a: number, x: number): number {
  const sigma = (x - a) / a;
  const eta = Math.sqrt(-2 * log1pmx(sigma));
  return sigma < 0 ? -eta : eta;
}

/** Σ_k C_k(η)·a^(−k), stopped where its terms stop decreasing (it is asymptotic) or fall below ε (cephes). */
function temmeSum(a: number, eta: number): number {
  let sum = 0;
  let aFactor = 1;
  let previous = Infinity;
  for (const row of TEMME_D) {
    let ck = row[0];
    let power = 1;
    for (let n = 1; n < row.length; n++) {
      power *= eta;
      const term = row[n] * power;
      ck += term;
      if (Math.abs(term) < Number.EPSILON * Math.abs(ck)) break;
    }
    const term = ck * aFactor;
    if (Math.abs(term) > previous) break;
    sum += term;
    if (Math.abs(term) < Number.EPSILON * Math.abs(sum)) break;
    previous = Math.abs(term);
    aFactor /= a;
  }
  return sum;
}

/** ln(e^(−aη²/2)/√(2πa)), the weight of the correction sum. */
function logWeight(a: number, eta: number): number {
  return -0.5 * a * eta * eta - 0.5 * Math.log(2 * Math.PI * a);
}

/** Q(a, x) inside the region of useTemme. */
export function temmeUpper(a: number, x: number): number {
  const eta = temmeEta(a, x);
  return normalSf(eta * Math.sqrt(a)) + Math.exp(logWeight(a, eta)) * temmeSum(a, eta);
}

/** P(a, x) inside the region of useTemme. */
export function temmeLower(a: number, x: number): number {
  const eta = temmeEta(a, x);
  return normalSf(-eta * Math.sqrt(a)) - Math.exp(logWeight(a, eta)) * temmeSum(a, eta);
}

/**
 * ln Q(a, x) inside the region of useTemme; finite where Q underflows (η√a in the hundreds, huge a):
 * ln Q = ln T + log1p(e^(ln W − ln T)·S) with T the normal tail, W the weight and S the sum (W·S/T ~ η·S is bounded).
 */
export function temmeLogUpper(a: number, x: number): number {
  const eta = temmeEta(a, x);
  const z = eta * Math.sqrt(a);
  if (z <= 0) return Math.log1p(-temmeLower(a, x));
  const logTail = normalLogSf(z);
  return logTail + Math.log1p(Math.exp(logWeight(a, eta) - logTail) * temmeSum(a, eta));
}
