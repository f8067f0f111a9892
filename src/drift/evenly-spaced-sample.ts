/**
 * A deterministic bounded sample of a sorted array: all of it when `sorted.length ≤ size`, otherwise the
 * `size` order statistics at ranks round(i·(n − 1)/(size − 1)), i = 0 … size − 1 (min and max included).
 * Same data → same sample, whatever the input order.
 */
export function evenlySpacedSample(sorted: Float64Array, size: number): Float64Array {
  const n = sorted.length;
  if (n <= size) return sorted.slice();
  const out = new Float64Array(size);
  if (size === 1) {
    out[0] = sorted[Math.floor((n - 1) / 2)];
    return out;
  }
  const step = (n - 1) / (size - 1);
  for (let i = 0; i < size; i++) out[i] = sorted[Math.round(i * step)];
  return out;
}
