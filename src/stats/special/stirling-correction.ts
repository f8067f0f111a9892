/** B_{2k} / (2k(2k − 1)) for k = 1..10. */
const COEFFICIENTS = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
  43867 / 244188,
  -174611 / 125400,
];

/**
 * The remainder of Stirling's series, S(z) = ln Γ(z) − [(z − ½)·ln z − z + ½·ln(2π)]
 * = Σ_{k=1..10} B_{2k} / (2k(2k − 1)·z^{2k−1}) (DLMF 5.11.1). Accurate to double precision for z ≥ 10.
 */
export function stirlingCorrection(z: number): number {
  const r = 1 / z;
  const r2 = r * r;
  let sum = 0;
  for (let k = COEFFICIENTS.length - 1; k >= 0; k--) sum = sum * r2 + COEFFICIENTS[k];
  return sum * r;
}

/** Below this argument the Stirling remainder series is not used (its truncation error exceeds 1e-17 there). */
export const STIRLING_MIN_ARGUMENT = 10;
