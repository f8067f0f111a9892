/**
 * Counts of `values` per bin of increasing `edges` (bins [e₀, e₁), …, [e_{k−1}, e_k], numpy `histogram`'s
 * convention) except that values below e₀ count in the first bin and values above e_k in the last: nothing is
 * dropped (PSI's usual convention for current values outside the reference range).
 */
export function clampedBinCounts(values: ArrayLike<number>, edges: readonly number[]): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0;
    let hi = bins - 1;
    // last bin whose left edge ≤ v (binary search), first bin when below every edge
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]++;
  }
  return counts;
}
