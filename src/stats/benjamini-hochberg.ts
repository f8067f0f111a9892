import { requirePValues } from './require-p-values.js';

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), in input order —
 * `scipy.stats.false_discovery_control(p, method='bh')`: sorted ascending, p_(i)·m/i, then the running
 * minimum from the largest down, clipped to [0, 1]. Each adjusted value is ≥ its raw p-value and the
 * adjustment preserves order. Throws `StatsInputError` for an empty array or a p-value outside [0, 1].
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  requirePValues(pValues);
  const m = pValues.length;
  const sorted = Float64Array.from(pValues).sort();
  // adjustedSorted[r] for rank r + 1; tied p-values share one adjusted value, so a rank lookup suffices
  const adjustedSorted = new Float64Array(m);
  let running = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const adjusted = sorted[rank - 1] * (m / rank);
    if (adjusted < running) running = adjusted;
    adjustedSorted[rank - 1] = running > 1 ? 1 : running;
  }
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const p = pValues[i];
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    out[i] = adjustedSorted[lo];
  }
  return out;
}
