import { StatsInputError } from '../stats-input-error.js';
import { gammaContinuedFraction, gammaSeries } from './incomplete-gamma-kernels.js';

const LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting
/** Below z² / 2 = 1.5 the series for erf is used, above it the continued fraction for erfc. */
const SERIES_LIMIT = 1.5;

function checkZ(z: number): void {
  if (Number.isNaN(z)) throw new StatsInputError('z', 'must be a number, got NaN');
}

/** −z²/2 as an unevaluated sum hi + lo (Dekker's exact square), so e^(−z²/2) keeps full relative accuracy. */
function halfSquare(z: number): [number, number] {
  const hi = z * z;
  if (!Number.isFinite(hi) || Math.abs(z) > 1e150) return [-hi / 2, 0];
  const c = SPLITTER * z;
  const zh = c - (c - z);
  const zl = z - zh;
  const lo = zh * zh - hi + 2 * zh * zl + zl * zl;
  return [-hi / 2, -lo / 2];
}

/**
 * ln(2·sf(z)) for z ≥ 0 where sf(z) = ½·Q(½, z²/2): the continued fraction with the exact prefactor
 * ln(z·e^(−z²/2)/√(2π)); for small z the complement of the erf series.
 */
function logTwiceUpperTail(z: number): number {
  const [hi, lo] = halfSquare(z);
  const x = -hi;
  if (x === Infinity) return -Infinity; // z > 1.3e154: ln sf ≈ −z²/2 is below −1.8e308
  if (x < SERIES_LIMIT) {
    if (z === 0) return 0;
    const p = z * Math.exp(hi) * (1 + lo) * Math.exp(-LOG_SQRT_TWO_PI) * 2 * gammaSeries(0.5, x);
    return Math.log1p(-p);
  }
  return Math.log(z) + hi + lo - LOG_SQRT_TWO_PI + Math.log(gammaContinuedFraction(0.5, x));
}

function twiceUpperTail(z: number): number {
  const [hi, lo] = halfSquare(z);
  const x = -hi;
  if (x < SERIES_LIMIT) {
    return 1 - z * Math.exp(hi) * (1 + lo) * Math.exp(-LOG_SQRT_TWO_PI) * 2 * gammaSeries(0.5, x);
  }
  if (x > 800) return 0;
  return z * Math.exp(hi) * (1 + lo) * Math.exp(-LOG_SQRT_TWO_PI) * gammaContinuedFraction(0.5, x);
}

/** Standard normal survival function 1 − Φ(z) — scipy.stats.norm.sf(z) (scipy.special.ndtr(−z)); full relative accuracy deep in the tail. */
export function normalSf(z: number): number {
  checkZ(z);
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  return z >= 0 ? 0.5 * twiceUpperTail(z) : 1 - 0.5 * twiceUpperTail(-z);
}

/** Standard normal CDF Φ(z) — scipy.stats.norm.cdf(z) (scipy.special.ndtr(z)). */
export function normalCdf(z: number): number {
  checkZ(z);
  return normalSf(-z);
}

/** ln(1 − Φ(z)) — scipy.stats.norm.logsf(z); finite up to z ≈ 1.3e154 (−500 000 at z = 1000), −Infinity beyond, where −z²/2 overflows. */
export function normalLogSf(z: number): number {
  checkZ(z);
  if (z === Infinity) return -Infinity;
  if (z === -Infinity) return 0;
  if (z >= 0) return logTwiceUpperTail(z) - Math.LN2;
  return Math.log1p(-0.5 * twiceUpperTail(-z));
}
