import { StatsInputError } from '../stats-input-error.js';
import { STIRLING_MIN_ARGUMENT, stirlingCorrection } from './stirling-correction.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);
const EULER_GAMMA = 0.5772156649015329;
/** Γ(x) overflows a double above this argument (scipy returns inf there too). */
const GAMMA_OVERFLOW = 171.61447887182297;

/** ζ(k) − 1 for k = 0..MAX_K by Euler–Maclaurin summation (N = 16, six Bernoulli corrections). */
const MAX_K = 64;
const ZETA_MINUS_ONE: Float64Array = (() => {
  const out = new Float64Array(MAX_K + 1);
  const n = 16;
  const bernoulliOverFactorial = [1 / 12, -1 / 720, 1 / 30240, -1 / 1209600, 1 / 47900160, -691 / 1307674368000];
  for (let k = 2; k <= MAX_K; k++) {
    let tail = n ** (1 - k) / (k - 1) + 0.5 * n ** -k;
    let rising = k; // k (k+1) … (k + 2j − 2)
    for (let j = 0; j < bernoulliOverFactorial.length; j++) {
      tail += bernoulliOverFactorial[j] * rising * n ** (-k - 2 * j - 1);
      rising *= (k + 2 * j + 1) * (k + 2 * j + 2);
    }
    let head = 0;
    for (let m = n - 1; m >= 2; m--) head += m ** -k;
    out[k] = head + tail;
  }
  return out;
})();

/**
 * ln Γ(2 + e) for |e| ≤ 0.5 from the Taylor series (1 − γ)·e + Σ_{k≥2} (−1)^k (ζ(k) − 1)/k · e^k
 * (DLMF 5.7.3 combined with ln(1 + e)); exact zero at e = 0, full relative accuracy near it.
 */
function logGammaNearTwo(e: number): number {
  let sum = 0;
  let power = -e;
  for (let k = 2; k <= MAX_K; k++) {
    power *= -e;
    const term = (ZETA_MINUS_ONE[k] * power) / k;
    sum += term;
    if (Math.abs(term) <= 1e-18 * Math.abs(e)) break;
  }
  return (1 - EULER_GAMMA) * e + sum;
}

/** sin(πx) with exact argument reduction (no loss for large |x| or near integers). */
function sinPi(x: number): number {
  let r = x % 2; // exact
  if (r < 0) r += 2;
  if (r > 1) return -sinPi(r - 1);
  if (r > 0.5) r = 1 - r;
  return Math.sin(Math.PI * r);
}

/**
 * ln|Γ(x)| — scipy.special.gammaln(x). +Infinity at the poles (x = 0, −1, −2, …) and when Γ overflows
 * ln-space (x > 2.5e305), like scipy. Uses a ζ-series around 2, upward/downward recurrence, Stirling's series
 * for x ≥ 10 and the reflection formula for x < 0; ~1e-15 relative (absolute near the zeros x = 1, 2).
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) throw new StatsInputError('x', 'must be a number, got NaN');
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x)) return Infinity;
    if (x === -Infinity) throw new StatsInputError('x', 'must be finite, got -Infinity');
    return Math.log(Math.PI / Math.abs(sinPi(x))) - logGamma(1 - x);
  }
  if (x < 0.5) return logGammaNearTwo(x) - Math.log(x) - Math.log1p(x);
  if (x < 1.5) return logGammaNearTwo(x - 1) - Math.log1p(x - 1);
  if (x < 2.5) return logGammaNearTwo(x - 2);
  if (x < STIRLING_MIN_ARGUMENT) {
    const n = Math.floor(x - 1.5);
    const y = x - n; // exact, in [1.5, 2.5)
    let product = 1;
    for (let i = 0; i < n; i++) product *= y + i;
    return logGammaNearTwo(y - 2) + Math.log(product);
  }
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
}

/**
 * Γ(x) — scipy.special.gamma(x). ±Infinity at ±0 and above 171.61 (overflow), like scipy; at the negative
 * integer poles scipy returns NaN, so this throws StatsInputError instead. ~1e-15 relative.
 */
export function gammaFunction(x: number): number {
  if (Number.isNaN(x)) throw new StatsInputError('x', 'must be a number, got NaN');
  if (x === 0) return Object.is(x, -0) ? -Infinity : Infinity;
  if (x === -Infinity) throw new StatsInputError('x', 'must not be -Infinity (Γ has no limit there)');
  if (x < 0) {
    if (Number.isInteger(x)) throw new StatsInputError('x', `Γ has a pole at the non-positive integer ${x}`);
    const s = sinPi(x);
    const reflected = 1 - x;
    if (reflected < GAMMA_OVERFLOW) return Math.PI / (s * gammaFunction(reflected));
    return Math.sign(s) * Math.exp(Math.log(Math.PI / Math.abs(s)) - logGamma(reflected));
  }
  if (x > GAMMA_OVERFLOW) return Infinity;
  if (x < 0.5) return Math.exp(logGammaNearTwo(x)) / (x * (1 + x));
  if (x < 1.5) return Math.exp(logGammaNearTwo(x - 1)) / x;
  if (x < 20) {
    const n = Math.floor(x - 1.5);
    const y = x - n;
    let product = 1;
    for (let i = 0; i < n; i++) product *= y + i;
    return Math.exp(logGammaNearTwo(y - 2)) * product;
  }
  const v = Math.pow(x, 0.5 * x - 0.25);
  return SQRT_TWO_PI * v * (v / Math.exp(x)) * Math.exp(stirlingCorrection(x));
}
