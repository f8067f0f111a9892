import type { AlertThresholds, ValueLimits } from './alert-thresholds.js';

/** The band of an estimate is ± this many sampling errors (NannyML's `SAMPLING_ERROR_RANGE`). */
export const SAMPLING_ERROR_RANGE = 3;

/** Which way a metric improves: ROC AUC, accuracy … are better higher; MAE, RMSE lower. */
export type BetterWhen = 'higher' | 'lower';

/** One metric's estimate on one chunk: value, confidence band, the reference's alert band and the verdict. */
export interface MetricEstimate {
  /** Null when the metric is undefined on this chunk (see the estimator's warnings). */
  readonly value: number | null;
  /** Standard error of the metric on a chunk of this size; null when undefined. */
  readonly samplingError: number | null;
  /** value ± 3 sampling errors, clipped to the metric's range. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly thresholds: AlertThresholds;
  /** The estimate is worse than the reference band allows (below `thresholds.lower`, or above `thresholds.upper` for losses). */
  readonly alert: boolean;
}

/** Whether `value` is worse than the alert band allows, in the direction that matters for the metric. */
export function isWorseThanThresholds(value: number, thresholds: AlertThresholds, betterWhen: BetterWhen): boolean {
  return betterWhen === 'higher'
    ? thresholds.lower !== null && value < thresholds.lower
    : thresholds.upper !== null && value > thresholds.upper;
}

/** Builds a {@link MetricEstimate}: the band is value ± 3σ clipped to `limits` (NannyML's confidence boundaries). */
export function metricEstimate(
  value: number | null,
  samplingError: number,
  limits: ValueLimits,
  thresholds: AlertThresholds,
  betterWhen: BetterWhen,
): MetricEstimate {
  if (value === null || !Number.isFinite(value))
    return { value: null, samplingError: null, lower: null, upper: null, thresholds, alert: false };
  const spread = Number.isFinite(samplingError) ? SAMPLING_ERROR_RANGE * samplingError : Infinity;
  const lower = Math.max(limits.lower ?? -Infinity, value - spread);
  const upper = Math.min(limits.upper ?? Infinity, value + spread);
  return {
    value,
    samplingError: Number.isFinite(samplingError) ? samplingError : null,
    lower: Number.isFinite(lower) ? lower : null,
    upper: Number.isFinite(upper) ? upper : null,
    thresholds,
    alert: isWorseThanThresholds(value, thresholds, betterWhen),
  };
}
