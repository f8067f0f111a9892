/** Smallest normal double (np.finfo(np.float64).tiny). */
const TINY = 2.2250738585072014e-308;

/**
 * scipy.special.rel_entr(x, y) for x, y ≥ 0, with scipy's accuracy branches: x·log1p((x − y)/y) when x/y is
 * in (0.5, 2), x·ln(x/y) otherwise, x·(ln x − ln y) when x/y under- or overflows; 0 when x = 0;
 * +Infinity when x > 0 and y = 0.
 */
export function relativeEntropyTerm(x: number, y: number): number {
  if (x > 0 && y > 0) {
    const ratio = x / y;
    if (ratio > 0.5 && ratio < 2) return x * Math.log1p((x - y) / y);
    if (ratio > TINY && ratio < Infinity) return x * Math.log(ratio);
    return x * (Math.log(x) - Math.log(y));
  }
  if (x === 0) return 0;
  return Infinity;
}
