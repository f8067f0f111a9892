import { orderStatistics } from './order-statistics.js';
import { StatsInputError } from './stats-input-error.js';
import { requireFiniteSample } from './validate-input.js';

/** More bins than this is a mistake (and would allocate gigabytes). */
const MAX_BINS = 1 << 24;

/**
 * Edges of `bins` equal-frequency bins of `sample`: `np.quantile(sample, np.linspace(0, 1, bins + 1))`
 * (method 'linear', numpy's exact interpolation), then duplicates removed (`np.unique`). Ties in the sample
 * can make neighbouring quantiles equal; those zero-width bins are merged, so the result is strictly
 * increasing and may hold fewer than `bins + 1` edges. A constant sample c gives `[c, c]`: one closed bin that
 * holds exactly c (valid for `histogram`). The first edge is min(sample), the last is max(sample).
 * Throws `StatsInputError` for an empty or non-finite sample or `bins` not an integer in [1, 2^24].
 */
export function quantileBinEdges(sample: ArrayLike<number>, bins: number): Float64Array {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new StatsInputError('bins', `must be an integer from 1 to ${MAX_BINS}, got ${String(bins)}`);
  }
  requireFiniteSample(sample, 'sample');
  const n = sample.length;
  const step = 1 / bins;
  const virtualIndexes = new Float64Array(bins + 1);
  const needed = new Set<number>([n - 1]);
  for (let k = 0; k <= bins; k++) {
    const virtualIndex = (n - 1) * (k === bins ? 1 : k * step);
    virtualIndexes[k] = virtualIndex;
    if (virtualIndex < n - 1) {
      needed.add(Math.floor(virtualIndex));
      needed.add(Math.floor(virtualIndex) + 1);
    }
  }
  // Only the order statistics the quantiles touch are computed (np.quantile partitions the same way).
  const ranks = Float64Array.from(needed).sort();
  const selected = orderStatistics(sample instanceof Float64Array ? sample : Float64Array.from(sample), ranks);
  const at = (rank: number): number => selected[ranks.indexOf(rank)];
  const edges: number[] = [];
  for (const virtualIndex of virtualIndexes) {
    const edge = linearQuantile(at, n, virtualIndex);
    if (edges.length === 0 || edge !== edges[edges.length - 1]) edges.push(edge);
  }
  if (edges.length === 1) edges.push(edges[0]);
  return Float64Array.from(edges);
}

/** numpy's 'linear' quantile at virtual index (n − 1)·q (`_quantile` + `_lerp`, with its t ≥ 0.5 branch). */
function linearQuantile(sorted: (rank: number) => number, n: number, virtualIndex: number): number {
  if (virtualIndex >= n - 1) return sorted(n - 1);
  const previous = Math.floor(virtualIndex);
  const gamma = virtualIndex - previous;
  const a = sorted(previous);
  const b = sorted(previous + 1);
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
