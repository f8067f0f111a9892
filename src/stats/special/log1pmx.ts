/** ln(1 + t) − t without cancellation for small |t| (series −t²/2 + t³/3 − …); t ≥ −1. */
export function log1pmx(t: number): number {
  if (Math.abs(t) >= 0.25) return Math.log1p(t) - t;
  let power = t;
  let sum = 0;
  for (let k = 2; k < 60; k++) {
    power *= -t;
    const term = power / k;
    sum += term;
    if (Math.abs(term) <= Math.abs(sum) * 1e-17) break;
  }
  return sum;
}
