import { StatsInputError } from '../stats-input-error.js';
import { logGamma } from './gamma.js';
import { log1pmx } from './log1pmx.js';
import { STIRLING_MIN_ARGUMENT, stirlingCorrection } from './stirling-correction.js';

const EPSILON = Number.EPSILON;
const TINY = 1e-300;
const MAX_ITERATIONS = 1_000_000;
const LOG_TWO_PI = Math.log(2 * Math.PI);

/** ln Γ(a + b) − ln Γ(a) for a ≥ 10 via Stirling, without the cancellation of two large ln Γ values. */
function logGammaRatio(a: number, b: number): number {
  const c = a + b;
  return (a - 0.5) * Math.log1p(b / a) + b * Math.log(c) - b + stirlingCorrection(c) - stirlingCorrection(a);
}

/**
 * ln(x^a·y^b / B(a, b)) with y = 1 − x supplied by the caller. Large a and b use the Stirling form
 * ½·ln(ab/2πc) + a·log1pmx(d/x0) + b·log1pmx(−d/y0) + S(c) − S(a) − S(b) with c = a + b, x0 = a/c,
 * d = x − x0 (as in Boost's ibeta_power_terms), so nothing large cancels.
 */
function logBetaPrefactor(a: number, b: number, x: number, y: number, logX: number, logY: number): number {
  if (a >= STIRLING_MIN_ARGUMENT && b >= STIRLING_MIN_ARGUMENT) {
    const c = a + b;
    const x0 = a / c;
    const y0 = b / c;
    const d = x < 0.5 ? x - x0 : y0 - y;
    return (
      0.5 * (Math.log((a / c) * b) - LOG_TWO_PI) +
      a * log1pmx(d / x0) +
      b * log1pmx(-d / y0) +
      stirlingCorrection(c) -
      stirlingCorrection(a) -
      stirlingCorrection(b)
    );
  }
  if (a >= STIRLING_MIN_ARGUMENT) return a * logX + b * logY + logGammaRatio(a, b) - logGamma(b);
  if (b >= STIRLING_MIN_ARGUMENT) return a * logX + b * logY + logGammaRatio(b, a) - logGamma(a);
  return a * logX + b * logY - (logGamma(a) + logGamma(b) - logGamma(a + b));
}

/** The continued fraction of I_x(a, b) (DLMF 8.17.22, modified Lentz); converges fast for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number, y: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // 1 − (a + b)x/(a + 1) = (a·y + 1 − b·x)/(a + 1): no cancellation when x is close to 1 and a is large.
  let d = x < 0.5 ? 1 - (qab * x) / qap : (a * y + (1 - b * x)) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete beta continued fraction did not converge for a=${a}, b=${b}, x=${x}`);
}

/**
 * Regularized incomplete beta I_x(a, b) — scipy.special.betainc(a, b, x). `y` is 1 − x; callers that know
 * it more precisely than 1 − x (e.g. t²/(ν + t²) in the t distribution) pass it to keep full accuracy.
 * Uses the continued fraction on whichever of I_x(a, b) and I_y(b, a) = 1 − I_x(a, b) converges.
 */
export function regularizedIncompleteBeta(a: number, b: number, x: number, y: number = 1 - x): number {
  return incompleteBetaWithLogs(
    a,
    b,
    x,
    y,
    x < 0.5 ? Math.log(x) : Math.log1p(-y),
    y < 0.5 ? Math.log(y) : Math.log1p(-x),
  );
}

/**
 * I_x(a, b) with ln x and ln y supplied by the caller as well (the t distribution forms them as
 * −ln(1 + t²/ν) and ln(t²/ν) − ln(1 + t²/ν), which a rounded x would spoil by up to a·2⁻⁵³ for large a).
 */
export function incompleteBetaWithLogs(a: number, b: number, x: number, y: number, logX: number, logY: number): number {
  if (!(a > 0) || a === Infinity) throw new StatsInputError('a', `must be a finite number > 0, got ${a}`);
  if (!(b > 0) || b === Infinity) throw new StatsInputError('b', `must be a finite number > 0, got ${b}`);
  if (!(x >= 0 && x <= 1)) throw new StatsInputError('x', `must be in [0, 1], got ${x}`);
  if (!(y >= 0 && y <= 1)) throw new StatsInputError('y', `must be in [0, 1], got ${y}`);
  if (x === 0) return 0;
  if (y === 0) return 1;
  const complement = (): number =>
    1 - (Math.exp(logBetaPrefactor(b, a, y, x, logY, logX)) * betaContinuedFraction(b, a, y, x)) / b;
  if (x < (a + 1) / (a + b + 2)) {
    // For a ≫ b the direct fraction loses ~a·2⁻⁵³ relative (its partial denominators cancel); while the
    // result is not small, 1 − I_y(b, a) is the better-conditioned route.
    if (a > 1000 * Math.max(b, 1) && y * (a + b) < 4) {
      const viaComplement = complement();
      if (viaComplement >= 0.01 && viaComplement <= 1) return viaComplement;
    }
    return (Math.exp(logBetaPrefactor(a, b, x, y, logX, logY)) * betaContinuedFraction(a, b, x, y)) / a;
  }
  return complement();
}
