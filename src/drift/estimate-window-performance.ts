import type { Cell } from '../domain/data-table.js';
import {
  BINARY_METRICS,
  type BinaryMetric,
  binaryEstimatorFrom,
  type CalibrationSummary,
  calibrationWarnings,
  chunkRanges,
  conceptShiftWarnings,
  type EstimationWarning,
  fitBinaryEstimatorState,
  isWorseThanThresholds,
  type MetricEstimate,
  metricEstimate,
  realizedBinaryMetrics,
  scoreRangeWarnings,
  standardDeviationThresholds,
  undefinedEstimateWarnings,
} from './estimation/index.js';
import type { EstimationSample } from './estimation-sample.js';
import { labelKey } from './measure-performance.js';
import type { ReferenceProfile } from './reference-profile.js';

/** Metrics estimated per monitoring window unless the model definition names others. */
export const DEFAULT_WINDOW_METRICS: readonly BinaryMetric[] = ['rocAuc', 'accuracy'];
/** An estimation sample smaller than this is not enough to fit calibration and the reference's variation. */
export const MIN_ESTIMATION_SAMPLE_ROWS = 100;
/** The reference sample is cut into at least this many chunks to measure its normal variation. */
export const MIN_REFERENCE_CHUNKS = 5;

/** One metric of a window: estimate, confidence band (± 3 sampling errors) and alert threshold. */
export interface WindowMetricEstimate {
  readonly metric: BinaryMetric;
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly samplingError: number | null;
  /** The reference value of the metric (realized on the estimation sample). */
  readonly reference: number | null;
  /** The estimate alerts below this (the reference's mean − 3 std over chunks); null when undefined. */
  readonly threshold: number | null;
  readonly betterWhen: 'higher';
  /** The estimate is below its threshold. */
  readonly alert: boolean;
}

/** The estimated performance of a monitoring window (CBPE, docs/estimation.md), stored in its drift report. */
export interface EstimatedPerformance {
  readonly version: 1;
  readonly method: 'cbpe';
  readonly task: 'binary';
  /** [negative, positive] class; estimates are about the positive class. */
  readonly classes: readonly [string, string];
  /** Labels and predicted classes compare as booleans (`true` / `1` / `yes` are one class). */
  readonly booleanLike: boolean;
  /** Window rows estimated (finite score and a predicted class of the two classes). */
  readonly rows: number;
  /** Window rows left out (no score, or a predicted class outside the reference's classes). */
  readonly skippedRows: number;
  readonly referenceRows: number;
  /** Rows per reference chunk the alert thresholds were measured on. */
  readonly referenceChunkSize: number;
  readonly calibration: CalibrationSummary;
  readonly metrics: readonly WindowMetricEstimate[];
  /** Any metric's estimate crosses its threshold. */
  readonly alert: boolean;
  readonly warnings: readonly EstimationWarning[];
}

export type WindowEstimateOutcome =
  | { readonly estimate: EstimatedPerformance; readonly reason: null }
  | { readonly estimate: null; readonly reason: string };

/** The window's scores and predicted classes, one cell per row (the monitoring loop's logged predictions). */
export interface WindowPredictions {
  readonly scores: readonly (number | null)[];
  readonly predictions: readonly Cell[];
}

function usableRows(sample: EstimationSample, window: WindowPredictions) {
  const scores: number[] = [];
  const predictions: number[] = [];
  const index: number[] = [];
  const [negative, positive] = sample.classes;
  for (let i = 0; i < window.scores.length; i++) {
    const s = window.scores[i];
    if (typeof s !== 'number' || !Number.isFinite(s)) continue;
    const p = labelKey(window.predictions[i], sample.booleanLike);
    if (p !== positive && p !== negative) continue;
    scores.push(s);
    predictions.push(p === positive ? 1 : 0);
    index.push(i);
  }
  return { scores, predictions, index };
}

/**
 * Alert thresholds for a window larger than the reference chunks: the metric's standard deviation over reference
 * chunks of `chunkSize` rows, scaled to the window's size by √(chunkSize / windowRows) (sampling variation shrinks
 * with √n), below the chunks' mean: mean − 3 · std · √(chunkSize / windowRows). Null when the chunks are the window's
 * size (the estimator's own NannyML thresholds apply).
 */
function windowThresholds(
  sample: EstimationSample,
  chunkSize: number,
  windowRows: number,
): Record<BinaryMetric, number | null> | null {
  if (chunkSize >= windowRows) return null;
  const values = chunkRanges(sample.scores.length, chunkSize)
    .filter((r) => r.rows === chunkSize)
    .map((r) =>
      realizedBinaryMetrics({
        scores: sample.scores.slice(r.start, r.start + r.rows),
        predictions: sample.predictions.slice(r.start, r.start + r.rows),
        labels: sample.labels.slice(r.start, r.start + r.rows),
      }),
    );
  const multiplier = 3 * Math.sqrt(chunkSize / windowRows);
  const limits = { lower: 0, upper: 1 };
  return Object.fromEntries(
    BINARY_METRICS.map((m) => [
      m,
      standardDeviationThresholds(
        values.map((v) => v[m]),
        limits,
        multiplier,
      ).lower,
    ]),
  ) as Record<BinaryMetric, number | null>;
}

/**
 * Estimates a monitoring window's performance from its scores alone (CBPE fitted on the profile's estimation
 * sample, the reference chunked like the window: at most the window's size, at least {@link MIN_REFERENCE_CHUNKS}
 * chunks; smaller chunks get thresholds scaled to the window's size, see windowThresholds). Pure; null with the reason when the profile or the window does not allow an estimate.
 */
export function estimateWindowPerformance(
  profile: ReferenceProfile,
  window: WindowPredictions,
  metrics: readonly BinaryMetric[] = DEFAULT_WINDOW_METRICS,
): WindowEstimateOutcome {
  const sample = profile.estimationSample ?? null;
  if (sample === null)
    return {
      estimate: null,
      reason:
        profile.estimationSampleUnavailableReason ??
        'the reference profile keeps no labelled score sample (built before performance estimation): upload the reference again',
    };
  if (sample.scores.length < MIN_ESTIMATION_SAMPLE_ROWS)
    return {
      estimate: null,
      reason: `the reference's estimation sample has ${sample.scores.length} rows, fewer than ${MIN_ESTIMATION_SAMPLE_ROWS}`,
    };
  const rows = usableRows(sample, window);
  if (rows.scores.length === 0)
    return {
      estimate: null,
      reason: 'no row of the window has a score and a predicted class of the reference classes',
    };
  const referenceChunkSize = Math.max(
    1,
    Math.min(rows.scores.length, Math.floor(sample.scores.length / MIN_REFERENCE_CHUNKS)),
  );
  const estimator = binaryEstimatorFrom(
    fitBinaryEstimatorState(sample, { chunkSize: referenceChunkSize, metrics, calibration: 'auto' }),
  );
  const chunk = estimator.estimate({ scores: rows.scores, predictions: rows.predictions });
  const byMetric = chunk.metrics as Readonly<Record<BinaryMetric, MetricEstimate>>;
  const thresholds = windowThresholds(sample, referenceChunkSize, rows.scores.length);
  const estimates: WindowMetricEstimate[] = estimator.metrics.map((metric) => {
    const m = byMetric[metric];
    const threshold = thresholds === null ? m.thresholds.lower : thresholds[metric];
    return {
      metric,
      value: m.value,
      lower: m.lower,
      upper: m.upper,
      samplingError: m.samplingError,
      reference: estimator.reference[metric],
      threshold,
      betterWhen: 'higher',
      alert: m.value !== null && isWorseThanThresholds(m.value, { lower: threshold, upper: null }, 'higher'),
    };
  });
  return {
    estimate: {
      version: 1,
      method: 'cbpe',
      task: 'binary',
      classes: sample.classes,
      booleanLike: sample.booleanLike,
      rows: rows.scores.length,
      skippedRows: window.scores.length - rows.scores.length,
      referenceRows: sample.scores.length,
      referenceChunkSize,
      calibration: estimator.calibration,
      metrics: estimates,
      alert: estimates.some((m) => m.alert),
      warnings: [
        ...calibrationWarnings(estimator.calibration),
        ...scoreRangeWarnings(0, rows.scores, estimator.scoreRange),
        ...undefinedEstimateWarnings(0, byMetric),
      ].map(({ chunk: _chunk, ...w }) => w),
    },
    reason: null,
  };
}

/** Realized performance of a window's labelled rows, beside its estimate (labels arrive after the window). */
export interface RealizedPerformance {
  readonly labelledRows: number;
  readonly values: Readonly<Record<string, number | null>>;
  /** Realized values outside the estimate's band: the scores no longer mean what they meant on the reference. */
  readonly warnings: readonly EstimationWarning[];
}

/**
 * The metrics of `estimate` realized on the window's labelled rows (labels compared as the estimation sample
 * did); null when no row is labelled yet. A concept-shift warning compares them with the estimate's band widened
 * to the labelled rows (a few labels are no evidence against the estimate).
 */
export function realizedWindowPerformance(
  estimate: EstimatedPerformance,
  window: WindowPredictions & { readonly labels: readonly Cell[] },
): RealizedPerformance | null {
  const { booleanLike } = estimate;
  const [negative, positive] = estimate.classes;
  const scores: number[] = [];
  const predictions: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < window.scores.length; i++) {
    const s = window.scores[i];
    const y = labelKey(window.labels[i], booleanLike);
    const p = labelKey(window.predictions[i], booleanLike);
    if (typeof s !== 'number' || !Number.isFinite(s)) continue;
    if ((y !== positive && y !== negative) || (p !== positive && p !== negative)) continue;
    scores.push(s);
    predictions.push(p === positive ? 1 : 0);
    labels.push(y === positive ? 1 : 0);
  }
  if (labels.length === 0) return null;
  const all = realizedBinaryMetrics({ scores, predictions, labels });
  const values = Object.fromEntries(estimate.metrics.map((m) => [m.metric, all[m.metric]]));
  // The band is ± 3 sampling errors of the window's estimated rows; realized on fewer labelled rows varies more
  // (√n), so it is widened to the labelled count before a realized value outside it is called a concept shift.
  const widening = Math.sqrt(estimate.rows / labels.length);
  const asEstimates = Object.fromEntries(
    estimate.metrics.map((m) => [
      m.metric,
      metricEstimate(
        m.value,
        m.samplingError === null ? Number.POSITIVE_INFINITY : m.samplingError * widening,
        { lower: 0, upper: 1 },
        { lower: m.threshold, upper: null },
        m.betterWhen,
      ),
    ]),
  );
  return {
    labelledRows: labels.length,
    values,
    warnings: conceptShiftWarnings(0, asEstimates, values).map(({ chunk: _chunk, ...w }) => w),
  };
}
