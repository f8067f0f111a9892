import { numpyMean, numpyStd } from './numpy-reductions.js';

/** The band of normal variation of a metric; an estimate outside it alerts. Null = no limit on that side. */
export interface AlertThresholds {
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Where a metric's values can lie (e.g. [0, 1]); a threshold at or beyond a limit becomes the limit. */
export interface ValueLimits {
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * NannyML's default `StandardDeviationThreshold(std_lower_multiplier=3, std_upper_multiplier=3)`: mean ± 3·std
 * (ddof 0) of the metric realized on each reference chunk, skipping chunks where it is undefined (null), then
 * `calculate_threshold_values`' limits. Null thresholds when no chunk has a value.
 */
export function standardDeviationThresholds(
  values: readonly (number | null)[],
  limits: ValueLimits,
  multiplier = 3,
): AlertThresholds {
  const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (defined.length === 0) return { lower: null, upper: null };
  const mean = numpyMean(defined);
  const std = numpyStd(defined);
  let lower = mean - std * multiplier;
  let upper = mean + std * multiplier;
  if (limits.lower !== null && lower <= limits.lower) lower = limits.lower;
  if (limits.upper !== null && upper >= limits.upper) upper = limits.upper;
  return { lower, upper };
}

/**
 * A fixed tolerance instead of the reference's variation: worse than the reference value by more than `maxDrop`
 * alerts (below it for metrics better when higher, above it for losses); the other side keeps `band`.
 */
export function maxDropThresholds(
  band: AlertThresholds,
  reference: number | null,
  maxDrop: number,
  betterWhen: 'higher' | 'lower',
  limits: ValueLimits,
): AlertThresholds {
  if (reference === null)
    return betterWhen === 'higher' ? { lower: null, upper: band.upper } : { lower: band.lower, upper: null };
  if (betterWhen === 'higher')
    return { lower: Math.max(limits.lower ?? -Infinity, reference - maxDrop), upper: band.upper };
  return { lower: band.lower, upper: Math.min(limits.upper ?? Infinity, reference + maxDrop) };
}
