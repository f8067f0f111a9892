const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

/**
 * Indices that sort `values` (finite, ≥ 0; −0 counts as 0) ascending — a stable LSD radix argsort on the
 * IEEE 754 bit patterns, which order like unsigned integers for non-negative doubles. Six 11-bit counting
 * passes over the two 32-bit words; passes where every value shares the digit are skipped. O(n).
 */
export function argsortNonNegative(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const bits = new Float64Array(n);
  for (let i = 0; i < n; i++) bits[i] = values[i] + 0; // −0 + 0 = +0
  const words = new Uint32Array(bits.buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let index = new Uint32Array(n);
  const counts = new Uint32Array(6 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const l = words[2 * i];
    const h = words[2 * i + 1];
    lo[i] = l;
    hi[i] = h;
    index[i] = i;
    counts[l & MASK]++;
    counts[BUCKETS + ((l >>> BITS) & MASK)]++;
    counts[2 * BUCKETS + (l >>> (2 * BITS))]++;
    counts[3 * BUCKETS + (h & MASK)]++;
    counts[4 * BUCKETS + ((h >>> BITS) & MASK)]++;
    counts[5 * BUCKETS + (h >>> (2 * BITS))]++;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let index2 = new Uint32Array(n);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS;
    const shift = (pass % 3) * BITS;
    const key = pass < 3 ? lo : hi;
    if (n === 0 || counts[base + ((key[0] >>> shift) & MASK)] === n) continue;
    let sum = 0;
    for (let b = base; b < base + BUCKETS; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const position = counts[base + ((key[i] >>> shift) & MASK)]++;
      lo2[position] = lo[i];
      hi2[position] = hi[i];
      index2[position] = index[i];
    }
    const l = lo;
    lo = lo2;
    lo2 = l;
    const h = hi;
    hi = hi2;
    hi2 = h;
    const x = index;
    index = index2;
    index2 = x;
  }
  return index;
}
