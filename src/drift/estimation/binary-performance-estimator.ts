import { rocAuc } from '../../models/metrics/roc-auc.js';
import {
  type AlertThresholds,
  maxDropThresholds,
  standardDeviationThresholds,
  type ValueLimits,
} from './alert-thresholds.js';
import { type CalibrationCheck, checkCalibration } from './calibration-check.js';
import { type ChunkRange, chunkRanges } from './chunk-ranges.js';
import { estimatedRocAuc } from './estimated-roc-auc.js';
import { EstimationInputError } from './estimation-input-error.js';
import { confusionMetrics, expectedConfusion } from './expected-confusion.js';
import { calibrateScores, fitIsotonicCalibration, type IsotonicCalibration } from './isotonic-calibration.js';
import { type MetricEstimate, metricEstimate } from './metric-estimate.js';
import {
  rocAucComponents,
  type SamplingErrorComponents,
  samplingError,
  thresholdMetricComponents,
} from './sampling-error.js';
import { requireBinaryLabels, requireFiniteArray, requireSameLength } from './validate-estimation-input.js';

/** The metrics CBPE estimates for a binary classifier (camelCase, as in the JSON report). */
export const BINARY_METRICS = ['rocAuc', 'accuracy', 'precision', 'recall', 'f1', 'specificity'] as const;
export type BinaryMetric = (typeof BINARY_METRICS)[number];

/** `auto`: isotonic when it lowers the cross-validated calibration error (NannyML's default); or forced. */
export type CalibrationMode = 'auto' | 'isotonic' | 'none';

/** Labelled reference rows: the model's score of class 1, its predicted class (0/1) and the true label (0/1). */
export interface BinaryReferenceData {
  readonly scores: ArrayLike<number>;
  readonly predictions: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
}

/** Unlabelled rows of one chunk. */
export interface BinaryChunkData {
  readonly scores: ArrayLike<number>;
  readonly predictions: ArrayLike<number>;
}

export interface BinaryEstimatorOptions {
  /**
   * How the reference is cut to measure its normal variation: rows per chunk, or the chunks themselves (e.g. time
   * windows, {@link periodChunkRanges}) — the same rule as the chunks that will be estimated.
   */
  readonly chunkSize: number | readonly ChunkRange[];
  /** Default: all of {@link BINARY_METRICS}. */
  readonly metrics?: readonly BinaryMetric[];
  readonly calibration?: CalibrationMode;
  /** Instead of the reference's 3-std band: alert when an estimate drops more than this below the reference value. */
  readonly maxDrop?: number;
}

/** How the scores were turned into probabilities, and how well calibrated they are on the reference. */
export interface CalibrationSummary {
  readonly requested: CalibrationMode;
  readonly method: 'isotonic' | 'none';
  /** Calibration error of the raw reference scores (equal-count bins, see checkCalibration). */
  readonly eceBefore: number;
  /** Out-of-fold calibration error after isotonic calibration. */
  readonly eceAfter: number;
  /** The error of the probabilities the estimates use: eceAfter when calibrated, eceBefore otherwise. */
  readonly eceUsed: number;
  /** ECE that perfectly calibrated scores show from sampling noise alone. */
  readonly noiseFloor: number;
  readonly folds: number;
}

export type MetricValues<M extends string> = Readonly<Record<M, number | null>>;

/** The estimates of one chunk. */
export interface ChunkEstimate<M extends string> {
  readonly rows: number;
  readonly metrics: Readonly<Record<M, MetricEstimate>>;
}

/** A fitted CBPE estimator: estimates a chunk's metrics from its scores alone. */
export interface BinaryPerformanceEstimator {
  readonly metrics: readonly BinaryMetric[];
  readonly calibration: CalibrationSummary;
  /** Each metric realized on the whole labelled reference. */
  readonly reference: MetricValues<BinaryMetric>;
  readonly thresholds: Readonly<Record<BinaryMetric, AlertThresholds>>;
  /** Lowest and highest reference score: beyond them calibration extrapolates. */
  readonly scoreRange: { readonly min: number; readonly max: number };
  /** The calibrated probability P(y = 1) of each score. */
  probabilities(scores: ArrayLike<number>): Float64Array;
  estimate(chunk: BinaryChunkData): ChunkEstimate<BinaryMetric>;
  /** The metrics realized on labelled rows (when labels arrive). */
  realized(chunk: BinaryReferenceData): MetricValues<BinaryMetric>;
}

const PROBABILITY_RANGE: ValueLimits = { lower: 0, upper: 1 };

/** The mode's decision on the reference's calibration check, with the check's numbers. */
export function summarizeCalibration(mode: CalibrationMode, check: CalibrationCheck): CalibrationSummary {
  const calibrate = mode === 'isotonic' || (mode === 'auto' && check.helps);
  return {
    requested: mode,
    method: calibrate ? 'isotonic' : 'none',
    eceBefore: check.eceBefore,
    eceAfter: check.eceAfter,
    eceUsed: calibrate ? check.eceAfter : check.eceBefore,
    noiseFloor: check.noiseFloor,
    folds: check.folds,
  };
}

function requireChunk(chunk: BinaryChunkData, where: string): void {
  requireFiniteArray(chunk.scores, `${where}.scores`);
  requireSameLength(chunk.scores, `${where}.scores`, chunk.predictions, `${where}.predictions`);
  requireBinaryLabels(chunk.predictions, `${where}.predictions`);
}

/** Realized metrics of labelled rows; ROC AUC is null when only one class occurs. */
export function realizedBinaryMetrics(data: BinaryReferenceData): MetricValues<BinaryMetric> {
  const positives = requireBinaryLabels(data.labels, 'labels');
  const bothClasses = positives > 0 && positives < data.labels.length;
  return {
    rocAuc: bothClasses ? rocAuc(data.labels, data.scores) : null,
    ...confusionMetrics(expectedConfusion(data.labels, data.predictions)),
  };
}

function pick<M extends string, V>(metrics: readonly M[], value: (metric: M) => V): Record<M, V> {
  return Object.fromEntries(metrics.map((m) => [m, value(m)])) as Record<M, V>;
}

function sliceOf(data: BinaryReferenceData, start: number, end: number): BinaryReferenceData {
  const cut = (values: ArrayLike<number>) => Array.prototype.slice.call(values, start, end) as number[];
  return { scores: cut(data.scores), predictions: cut(data.predictions), labels: cut(data.labels) };
}

/**
 * Everything a fitted binary estimator needs, as plain JSON: what phase 2 stores with the champion's reference
 * profile so that each monitoring window is estimated without refitting. Restore with {@link binaryEstimatorFrom}.
 */
export interface BinaryEstimatorState {
  readonly kind: 'cbpe-binary';
  readonly version: 1;
  readonly metrics: readonly BinaryMetric[];
  readonly calibration: CalibrationSummary;
  /** The isotonic knots (scores ascending, probabilities), or null when the raw scores are used. */
  readonly knots: { readonly scores: readonly number[]; readonly probabilities: readonly number[] } | null;
  readonly reference: MetricValues<BinaryMetric>;
  readonly thresholds: Readonly<Record<BinaryMetric, AlertThresholds>>;
  readonly components: Readonly<Record<BinaryMetric, SamplingErrorComponents>>;
  readonly scoreRange: { readonly min: number; readonly max: number };
}

/**
 * Fits confidence-based performance estimation (NannyML CBPE) on a labelled reference: an isotonic map from
 * scores to P(y = 1) (when it helps, see {@link checkCalibration}), the reference's realized metrics, their normal
 * variation over reference chunks (alert band) and the sampling-error components. A chunk is then estimated
 * from the expected confusion matrix of its calibrated probabilities and predicted classes.
 */
export function fitBinaryEstimator(
  reference: BinaryReferenceData,
  options: BinaryEstimatorOptions,
): BinaryPerformanceEstimator {
  return binaryEstimatorFrom(fitBinaryEstimatorState(reference, options));
}

/** The fitted state of {@link fitBinaryEstimator}, as JSON-serializable data. */
export function fitBinaryEstimatorState(
  reference: BinaryReferenceData,
  options: BinaryEstimatorOptions,
): BinaryEstimatorState {
  requireChunk(reference, 'reference');
  requireSameLength(reference.scores, 'reference.scores', reference.labels, 'reference.labels');
  const positives = requireBinaryLabels(reference.labels, 'reference.labels');
  if (positives === 0 || positives === reference.labels.length) {
    throw new EstimationInputError(
      'reference.labels',
      `need both classes, got ${positives} of ${reference.labels.length} labels equal to 1`,
    );
  }
  const metrics = options.metrics ?? BINARY_METRICS;
  if (metrics.length === 0) throw new EstimationInputError('metrics', 'select at least one metric');
  const mode = options.calibration ?? 'auto';
  const check = checkCalibration(reference.scores, reference.labels);
  const scoresAreProbabilities = Array.prototype.every.call(reference.scores, (s: number) => s >= 0 && s <= 1);
  if (mode === 'none' && !scoresAreProbabilities) {
    throw new EstimationInputError(
      'calibration',
      'scores outside [0, 1] are not probabilities: they need calibration ("auto" or "isotonic")',
    );
  }
  const calibration = summarizeCalibration(mode, check);
  const map = calibration.method === 'isotonic' ? fitIsotonicCalibration(reference.scores, reference.labels) : null;
  const referenceValues = realizedBinaryMetrics(reference);
  const referenceChunks =
    typeof options.chunkSize === 'number' ? chunkRanges(reference.scores.length, options.chunkSize) : options.chunkSize;
  const chunkValues = referenceChunks.map((r) => realizedBinaryMetrics(sliceOf(reference, r.start, r.start + r.rows)));
  const thresholds = pick(BINARY_METRICS, (m): AlertThresholds => {
    const band = standardDeviationThresholds(
      chunkValues.map((v) => v[m]),
      PROBABILITY_RANGE,
    );
    return options.maxDrop === undefined
      ? band
      : maxDropThresholds(band, referenceValues[m], options.maxDrop, 'higher', PROBABILITY_RANGE);
  });
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < reference.scores.length; i++) {
    min = Math.min(min, reference.scores[i]);
    max = Math.max(max, reference.scores[i]);
  }
  return {
    kind: 'cbpe-binary',
    version: 1,
    metrics: [...metrics],
    calibration,
    knots: map === null ? null : { scores: Array.from(map.scores), probabilities: Array.from(map.probabilities) },
    reference: pick(metrics, (m) => referenceValues[m]),
    thresholds,
    components: {
      rocAuc: rocAucComponents(reference.labels, reference.scores),
      ...thresholdMetricComponents(reference.labels, reference.predictions),
    },
    scoreRange: { min, max },
  };
}

/** The estimator of a fitted state (e.g. one read back from the store); a state of another kind or version is refused. */
export function binaryEstimatorFrom(state: BinaryEstimatorState): BinaryPerformanceEstimator {
  if (state.kind !== 'cbpe-binary' || state.version !== 1) {
    throw new EstimationInputError(
      'state',
      `is not a version-1 binary CBPE state (kind ${String(state.kind)}, version ${String(state.version)})`,
    );
  }
  const { metrics, thresholds, components } = state;
  const map: IsotonicCalibration | null =
    state.knots === null
      ? null
      : { scores: Float64Array.from(state.knots.scores), probabilities: Float64Array.from(state.knots.probabilities) };
  const probabilities = (scores: ArrayLike<number>): Float64Array =>
    map === null ? Float64Array.from(scores) : calibrateScores(map, scores);
  return {
    metrics,
    calibration: state.calibration,
    scoreRange: state.scoreRange,
    reference: state.reference,
    thresholds,
    probabilities,
    estimate(chunk) {
      requireChunk(chunk, 'chunk');
      const p = probabilities(chunk.scores);
      const values: MetricValues<BinaryMetric> = {
        rocAuc: metrics.includes('rocAuc') ? estimatedRocAuc(p, chunk.scores) : null,
        ...confusionMetrics(expectedConfusion(p, chunk.predictions)),
      };
      const rows = chunk.scores.length;
      return {
        rows,
        metrics: pick(metrics, (m) =>
          metricEstimate(values[m], samplingError(components[m], rows), PROBABILITY_RANGE, thresholds[m], 'higher'),
        ),
      };
    },
    realized(chunk) {
      requireChunk(chunk, 'chunk');
      requireSameLength(chunk.scores, 'chunk.scores', chunk.labels, 'chunk.labels');
      const values = realizedBinaryMetrics(chunk);
      return pick(metrics, (m) => values[m]);
    },
  };
}
