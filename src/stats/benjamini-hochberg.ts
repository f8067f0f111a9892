import { argsortNonNegative } from './argsort-non-negative.js';
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
  const order = argsortNonNegative(pValues);
  const out = new Float64Array(m);
  let running = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1];
    const adjusted = pValues[index] * (m / rank);
    if (adjusted < running) running = adjusted;
    out[index] = running > 1 ? 1 : running;
  }
  return out;
}
