import { clampedBinCounts } from './clamped-bin-counts.js';
import type { FeatureChartSummary } from './drift-report.js';
import { OTHER_CATEGORY } from './reference-profile.js';
import { proportionsOf } from './stat-tests/proportions.js';

/** Categories beyond this many (by combined share) are merged into `__other__` in chart summaries. */
export const MAX_CHART_CATEGORIES = 20;

/**
 * Overlay histogram of a numeric column: `bins` equal-width bins over the union of both ranges; the reference side
 * uses the profile's sorted sample (exact when the sample is complete).
 */
export function numericChartSummary(
  referenceSample: Float64Array,
  current: Float64Array,
  bins: number,
): FeatureChartSummary {
  let lo = Infinity;
  let hi = -Infinity;
  for (const side of [referenceSample, current]) {
    for (let i = 0; i < side.length; i++) {
      if (side[i] < lo) lo = side[i];
      if (side[i] > hi) hi = side[i];
    }
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const binEdges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
  return {
    type: 'histogram',
    binEdges,
    reference: Array.from(proportionsOf(clampedBinCounts(referenceSample, binEdges))),
    current: Array.from(proportionsOf(clampedBinCounts(current, binEdges))),
  };
}

/** Per-category shares of both sides, most common (summed shares) first, tail beyond 20 merged into `__other__`. */
export function categoricalChartSummary(
  categories: readonly string[],
  referenceCounts: Float64Array,
  currentCounts: Float64Array,
): FeatureChartSummary {
  const ref = proportionsOf(referenceCounts);
  const cur = proportionsOf(currentCounts);
  const order = categories.map((_, i) => i).sort((a, b) => ref[b] + cur[b] - (ref[a] + cur[a]) || a - b);
  const keep = order.slice(0, categories.length > MAX_CHART_CATEGORIES ? MAX_CHART_CATEGORIES - 1 : categories.length);
  const names = keep.map((i) => categories[i]);
  const r = keep.map((i) => ref[i]);
  const c = keep.map((i) => cur[i]);
  const rest = order.slice(keep.length);
  if (rest.length > 0) {
    const at = names.indexOf(OTHER_CATEGORY);
    const restRef = rest.reduce((s, i) => s + ref[i], 0);
    const restCur = rest.reduce((s, i) => s + cur[i], 0);
    if (at >= 0) {
      r[at] += restRef;
      c[at] += restCur;
    } else {
      names.push(OTHER_CATEGORY);
      r.push(restRef);
      c.push(restCur);
    }
  }
  return { type: 'categories', categories: names, reference: r, current: c };
}
