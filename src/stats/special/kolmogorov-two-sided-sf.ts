import { kolmogorovDurbinCdf } from './kolmogorov-durbin-cdf.js';
import { kolmogorovPelzGoodCdf } from './kolmogorov-pelz-good-cdf.js';
import { kolmogorovPomeranzCdf } from './kolmogorov-pomeranz-cdf.js';
import { smirnovSf } from './smirnov-sf.js';

/**
 * Survival function P(D_n ≥ d) of the exact two-sided one-sample Kolmogorov–Smirnov statistic for sample
 * size n: `scipy.stats.kstwo.sf(d, n)` (scipy 1.17, `scipy.stats._ksstats.kolmogn(n, d, cdf=False)`).
 * Method selection of Simard & L'Ecuyer (2011), as scipy: Ruben–Gambino closed forms for nd ≤ 1 and
 * nd ≥ n − 1, 2·smirnov(n, d) for d ≥ 1/2 or a large tail (nd² ≥ 4 for n ≤ 140, ≥ 2.2 above; exactly 0
 * once nd² ≥ 370), otherwise 1 − cdf by the Durbin matrix (small nd²), Pomeranz (n ≤ 140) or Pelz–Good.
 */
export function kolmogorovTwoSidedSf(n: number, d: number): number {
  if (d <= 0.5 / n) return 1;
  if (d >= 1) return 0;
  const t = n * d;
  if (t <= 1) {
    const base = 2 * t - 1;
    const prob = n <= 140 ? productRubenGambino(n, base) : Math.exp(logFactorialOverPower(n) + n * Math.log(base));
    return clampUnit(1 - prob);
  }
  if (t >= n - 1) return clampUnit(2 * (1 - d) ** n);
  if (d >= 0.5) return clampUnit(2 * smirnovSf(n, d));
  const nxSquared = t * d;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clampUnit(1 - kolmogorovDurbinCdf(n, d));
    if (nxSquared <= 4) return clampUnit(1 - kolmogorovPomeranzCdf(n, d));
    return clampUnit(2 * smirnovSf(n, d));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clampUnit(2 * smirnovSf(n, d));
  const cdf = n <= 100000 && n * Math.pow(d, 1.5) <= 1.4 ? kolmogorovDurbinCdf(n, d) : kolmogorovPelzGoodCdf(n, d);
  return clampUnit(1 - clampUnit(cdf));
}

function clampUnit(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

function productRubenGambino(n: number, base: number): number {
  let prod = 1;
  for (let i = 1; i <= n; i++) prod *= i * (1 / n) * base;
  return prod;
}

/** log(n!/nⁿ) by Stirling's series with n·log n removed up front (`_log_nfactorial_div_n_pow_n`). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const u = rn / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * u + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

const LOG_2PI = Math.log(2 * Math.PI);
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953,
  0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];
