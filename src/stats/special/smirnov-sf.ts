/**
 * Survival function of the one-sided Kolmogorov–Smirnov statistic, P(D_n⁺ ≥ x) for a sample of size n:
 * `scipy.special.smirnov(n, x)` (scipy 1.17, xsf `cephes/kolmogorov.h`). Birnbaum & Tingey (1951):
 *
 *   P(D_n⁺ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (1 − x − v/n)^{n−v} (x + v/n)^{v−1}
 *
 * The terms are positive, so the sum is well conditioned; each term is evaluated in log space with log1p
 * and an exactly split n·x (the xsf code uses double-double arithmetic instead), which keeps the relative
 * error near 1e-13 for n up to 10⁶. Same special cases as xsf: x ≤ 1/n, x ≥ 1 − 1/n, underflow
 * (−2nx² < log(2^−1075) ⇒ 0) and the Miller-type approximation exp(−(6nx+1)²/(18n)) above n = 10⁶.
 */
export function smirnovSf(n: number, x: number): number {
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxFloorRaw, fraction: alpha } = splitProduct(n, x);
  let nxFloor = nxFloorRaw;
  let lowerLast = n - nxFloor - (alpha === 0 ? 0 : 1);
  let upperFirst = n - nxFloor;
  if (alpha === 0) {
    lowerLast -= 1;
    upperFirst += 1;
  }
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    return clampUnit(1 - x * Math.exp((n - 1) * Math.log1p(x)));
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxFloor >= n - 1) return clampUnit(Math.exp(n * Math.log1p(-x)));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return clampUnit(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  const upperTerms = n - upperFirst + 1;
  const useUpperSum = (upperTerms <= 1 && x < 0.5) || (n >= 10 && upperTerms <= 3 && x <= 0.5 / Math.sqrt(n));
  nxFloor = Math.max(nxFloor, 0);
  if (useUpperSum) {
    // P(D⁺ < x) as the (short, alternating) sum over v = n, n−1, …, n − upperTerms + 1.
    return clampUnit(1 - x * termSum(n, x, nxFloor, alpha, n, -1, upperTerms));
  }
  return clampUnit(x * termSum(n, x, nxFloor, alpha, 0, 1, lowerLast + 1));
}

const MINLOG = -745.1332191019412; // xsf const.h: log(2^-1075), the subnormal limit
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const TWO_POW_500 = 2 ** 500;
const TWO_POW_MINUS_500 = 2 ** -500;

function clampUnit(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

/** Σ over `count` values of v (start, start+step, …) of C(n,v)(1−x−v/n)^{n−v}(x+v/n)^{v−1}, with signs. */
function termSum(
  n: number,
  x: number,
  nxFloor: number,
  alpha: number,
  start: number,
  step: 1 | -1,
  count: number,
): number {
  let sum = 0;
  // log C(n, j) kept as mantissa · 2^exponent, updated by the ratio (n − j)/(j + 1).
  let binomMantissa = 1;
  let binomExponent = 0;
  for (let j = 0; j < count; j++) {
    const v = start + j * step;
    // x + v/n = (⌊nx⌋ + v + α)/n and 1 − x − v/n = (n − ⌊nx⌋ − v − α)/n, from the exact split of n·x.
    const up = (nxFloor + v + alpha) / n;
    const downNumerator = n - nxFloor - v - alpha;
    let logTerm = Math.log(binomMantissa) + binomExponent * Math.LN2;
    let sign = 1;
    if (n - v > 0) {
      if (downNumerator > 0) {
        logTerm += (n - v) * Math.log1p(-up);
      } else if (downNumerator === 0) {
        logTerm = -Infinity;
      } else {
        logTerm += (n - v) * Math.log(-downNumerator / n);
        if ((n - v) % 2 === 1) sign = -1;
      }
    }
    logTerm += (v - 1) * Math.log(up);
    const term = sign * Math.exp(logTerm);
    sum += term;
    if (term !== 0 && 4 * (count - j) * Math.abs(term) < Number.EPSILON * sum && j !== count - 1) break;
    const ratio = (n - j) / (j + 1);
    binomMantissa *= ratio;
    if (binomMantissa > TWO_POW_500) {
      binomMantissa /= TWO_POW_500;
      binomExponent += 500;
    } else if (binomMantissa < TWO_POW_MINUS_500) {
      binomMantissa *= TWO_POW_500;
      binomExponent -= 500;
    }
  }
  return sum;
}

/** ⌊n·x⌋ and the fractional part of n·x computed exactly (Veltkamp split), as xsf's `modNX`. */
function splitProduct(n: number, x: number): { floor: number; fraction: number } {
  const hi = n * x;
  const lo = twoProductError(n, x, hi);
  let floor = Math.floor(hi);
  let fraction = hi - floor + lo;
  if (fraction < 0) {
    floor -= 1;
    fraction += 1;
  }
  if (fraction >= 1) {
    floor += 1;
    fraction -= 1;
  }
  return { floor, fraction };
}

const SPLITTER = 134217729; // 2^27 + 1

/** The rounding error of a·b (so that a·b = product + error exactly). */
export function twoProductError(a: number, b: number, product: number): number {
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return aHi * bHi - product + aHi * bLo + aLo * bHi + aLo * bLo;
}
