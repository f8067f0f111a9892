/**
 * Exact two-sided p-value P(D_{n1,n2} ≥ h / lcm(n1, n2)) of the two-sample Kolmogorov–Smirnov statistic
 * by counting lattice paths (Hodges 1958), as `scipy.stats._stats_py._attempt_exact_2kssamp` for
 * alternative='two-sided' (scipy 1.17): equal sizes use the closed alternating series of
 * `_compute_prob_outside_square` (Horner form); unequal sizes use the "inside" recursion of
 * `_compute_outer_prob_inside_method` written for 1 − p directly (Viehmann 2021, arXiv:2102.08037),
 * so small p-values keep their relative precision. Returns NaN when the result is not in [0, 1]
 * (scipy then falls back to the asymptotic distribution).
 */
export function ksTwoSampleExactPValue(n1: number, n2: number, g: number, h: number): number {
  if (h === 0) return 1;
  const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideInside(n1, n2, g, h);
  return p >= 0 && p <= 1 ? p : Number.NaN;
}

function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

function probOutsideInside(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + shift] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}
