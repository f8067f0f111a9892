import { ldexp } from './ldexp.js';

/**
 * P(D_n ≤ d) of the two-sided one-sample Kolmogorov statistic by Durbin's matrix algorithm as organised by
 * Marsaglia, Tsang & Wang (2003): the k-th diagonal entry of (n!/nⁿ)·Hⁿ with d = (k − h)/n. Port of
 * `scipy.stats._ksstats._kolmogn_DMTW` (scipy 1.17), including its 2^±128 rescaling. Cost O(m³ log n),
 * m = 2⌈nd⌉ − 1, so scipy only uses it where nd is small.
 */
export function kolmogorovDurbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * factorial;

  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let power: Float64Array = identity(m);
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  while (nn > 0) {
    if (nn % 2 === 1) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > TWO_POW_128) {
      for (let i = 0; i < H.length; i++) H[i] /= TWO_POW_128;
      hExponent += 128;
    }
    nn = Math.floor(nn / 2);
  }

  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < TWO_POW_MINUS_128) {
      p *= TWO_POW_128;
      exponent -= 128;
    }
  }
  if (exponent !== 0) p = ldexp(p, exponent);
  return Math.min(Math.max(p, 0), 1);
}

const TWO_POW_128 = 2 ** 128;
const TWO_POW_MINUS_128 = 2 ** -128;

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const row = i * m;
    for (let l = 0; l < m; l++) {
      const ail = a[row + l];
      if (ail === 0) continue;
      const bRow = l * m;
      for (let j = 0; j < m; j++) out[row + j] += ail * b[bRow + j];
    }
  }
  return out;
}
