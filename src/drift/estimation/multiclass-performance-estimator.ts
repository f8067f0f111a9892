import {
  type AlertThresholds,
  maxDropThresholds,
  standardDeviationThresholds,
  type ValueLimits,
} from './alert-thresholds.js';
import {
  BINARY_METRICS,
  type BinaryMetric,
  type CalibrationMode,
  type CalibrationSummary,
  type ChunkEstimate,
  type MetricValues,
  realizedBinaryMetrics,
  summarizeCalibration,
} from './binary-performance-estimator.js';
import { checkCalibration } from './calibration-check.js';
import { type ChunkRange, chunkRanges } from './chunk-ranges.js';
import { estimatedRocAuc } from './estimated-roc-auc.js';
import { EstimationInputError } from './estimation-input-error.js';
import { confusionMetrics, expectedConfusion } from './expected-confusion.js';
import { calibrateScores, fitIsotonicCalibration, type IsotonicCalibration } from './isotonic-calibration.js';
import { metricEstimate } from './metric-estimate.js';
import { numpyMean, numpyStd } from './numpy-reductions.js';
import {
  rocAucComponents,
  type SamplingErrorComponents,
  samplingError,
  thresholdMetricComponents,
} from './sampling-error.js';
import { requireFiniteArray, requireSameLength } from './validate-estimation-input.js';

/** Labelled rows of a K-class model: one score column per class, the predicted and the true class as indexes 0..K−1. */
export interface MulticlassReferenceData {
  readonly scores: readonly ArrayLike<number>[];
  readonly predictions: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
}

export interface MulticlassChunkData {
  readonly scores: readonly ArrayLike<number>[];
  readonly predictions: ArrayLike<number>;
}

export interface MulticlassEstimatorOptions {
  readonly chunkSize: number | readonly ChunkRange[];
  readonly metrics?: readonly BinaryMetric[];
  readonly calibration?: CalibrationMode;
  /** Instead of the reference's 3-std band: alert when an estimate drops more than this below the reference value. */
  readonly maxDrop?: number;
}

/** A fitted one-vs-rest CBPE estimator of a multiclass model (macro-averaged metrics). */
export interface MulticlassPerformanceEstimator {
  readonly classCount: number;
  readonly metrics: readonly BinaryMetric[];
  /** Per class (one-vs-rest). */
  readonly calibration: readonly CalibrationSummary[];
  readonly reference: MetricValues<BinaryMetric>;
  readonly thresholds: Readonly<Record<BinaryMetric, AlertThresholds>>;
  /** Calibrated class probabilities of each row, normalized to sum 1 (columns per class). */
  probabilities(scores: readonly ArrayLike<number>[]): Float64Array[];
  estimate(chunk: MulticlassChunkData): ChunkEstimate<BinaryMetric>;
  realized(chunk: MulticlassReferenceData): MetricValues<BinaryMetric>;
}

const PROBABILITY_RANGE: ValueLimits = { lower: 0, upper: 1 };
/** NannyML: "std of class variances underestimated sampling error by 20 %", so its ROC AUC error is scaled by 1.2. */
const ROC_AUC_SAMPLING_ERROR_SCALE = 1.2;

function requireClasses(data: MulticlassChunkData, where: string): number {
  const k = data.scores.length;
  if (k < 3)
    throw new EstimationInputError(
      `${where}.scores`,
      `a multiclass model needs at least 3 score columns, got ${k} (use the binary estimator for 2)`,
    );
  data.scores.forEach((column, c) => {
    requireFiniteArray(column, `${where}.scores[${c}]`);
    requireSameLength(data.scores[0], `${where}.scores[0]`, column, `${where}.scores[${c}]`);
  });
  requireSameLength(data.scores[0], `${where}.scores[0]`, data.predictions, `${where}.predictions`);
  for (let i = 0; i < data.predictions.length; i++) {
    const p = data.predictions[i];
    if (!Number.isInteger(p) || p < 0 || p >= k)
      throw new EstimationInputError(
        `${where}.predictions[${i}]`,
        `must be a class index 0..${k - 1}, got ${String(p)}`,
      );
  }
  return k;
}

/** 1 where `classes[i] === c`, else 0 (one-vs-rest). */
function indicator(classes: ArrayLike<number>, c: number): Float64Array {
  const out = new Float64Array(classes.length);
  for (let i = 0; i < classes.length; i++) out[i] = classes[i] === c ? 1 : 0;
  return out;
}

const mean = (values: readonly number[]): number => numpyMean(values);

/** Macro-averaged realized metrics: the mean over classes of each one-vs-rest binary metric; accuracy over rows. */
function realizedMacro(data: MulticlassReferenceData, k: number): MetricValues<BinaryMetric> {
  const perClass = Array.from({ length: k }, (_, c) =>
    realizedBinaryMetrics({
      scores: data.scores[c],
      labels: indicator(data.labels, c),
      predictions: indicator(data.predictions, c),
    }),
  );
  let correct = 0;
  for (let i = 0; i < data.labels.length; i++) if (data.labels[i] === data.predictions[i]) correct++;
  const macro = (m: BinaryMetric): number | null =>
    perClass.some((v) => v[m] === null) ? null : mean(perClass.map((v) => v[m] as number));
  return {
    rocAuc: macro('rocAuc'),
    accuracy: correct / data.labels.length,
    precision: macro('precision'),
    recall: macro('recall'),
    f1: macro('f1'),
    specificity: macro('specificity'),
  };
}

/** √(Σ_c σ_c² / (n · share_c)) / K (NannyML `_standard_deviation_of_variances`). */
function combinedSamplingError(components: readonly SamplingErrorComponents[], rows: number): number {
  let sum = 0;
  for (const c of components) sum += (c.std * c.std) / (rows * c.share);
  return Math.sqrt(sum) / components.length;
}

/**
 * One-vs-rest CBPE for a K-class model (NannyML 0.13 `CBPE(problem_type="classification_multiclass")`): each
 * class's scores calibrated against "label is this class" (isotonic when it helps, per class), the calibrated
 * probabilities of a row normalized to sum 1; ROC AUC, precision, recall, F1 and specificity are the means over
 * classes of the binary estimates, accuracy the mean probability of the predicted class. Sampling error:
 * √(Σ_c σ_c²/(n·share_c)) / K from the per-class components (× 1.2 for ROC AUC, as NannyML).
 */
export function fitMulticlassEstimator(
  reference: MulticlassReferenceData,
  options: MulticlassEstimatorOptions,
): MulticlassPerformanceEstimator {
  const k = requireClasses(reference, 'reference');
  requireSameLength(reference.scores[0], 'reference.scores[0]', reference.labels, 'reference.labels');
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < reference.labels.length; i++) {
    const y = reference.labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= k)
      throw new EstimationInputError(`reference.labels[${i}]`, `must be a class index 0..${k - 1}, got ${String(y)}`);
    counts[y]++;
  }
  const missing = counts.findIndex((c) => c === 0);
  if (missing >= 0)
    throw new EstimationInputError(
      'reference.labels',
      `class ${missing} never occurs: every class needs reference rows`,
    );
  const metrics = options.metrics ?? BINARY_METRICS;
  if (metrics.length === 0) throw new EstimationInputError('metrics', 'select at least one metric');
  const mode = options.calibration ?? 'auto';

  const maps: (IsotonicCalibration | null)[] = [];
  const calibration: CalibrationSummary[] = [];
  for (let c = 0; c < k; c++) {
    const labels = indicator(reference.labels, c);
    const summary = summarizeCalibration(mode, checkCalibration(reference.scores[c], labels));
    maps.push(summary.method === 'isotonic' ? fitIsotonicCalibration(reference.scores[c], labels) : null);
    calibration.push(summary);
  }
  const probabilities = (scores: readonly ArrayLike<number>[]): Float64Array[] => {
    const columns = scores.map((column, c) => {
      const map = maps[c];
      return map === null ? Float64Array.from(column) : calibrateScores(map, column);
    });
    const n = columns[0].length;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += columns[c][i];
      for (let c = 0; c < k; c++) columns[c][i] = sum === 0 ? 1 / k : columns[c][i] / sum;
    }
    return columns;
  };

  const referenceValues = realizedMacro(reference, k);
  const referenceChunks =
    typeof options.chunkSize === 'number' ? chunkRanges(reference.labels.length, options.chunkSize) : options.chunkSize;
  const slice = (values: ArrayLike<number>, r: ChunkRange) =>
    Array.prototype.slice.call(values, r.start, r.start + r.rows) as number[];
  const chunkValues = referenceChunks.map((r) =>
    realizedMacro(
      {
        scores: reference.scores.map((s) => slice(s, r)),
        predictions: slice(reference.predictions, r),
        labels: slice(reference.labels, r),
      },
      k,
    ),
  );
  const thresholds = Object.fromEntries(
    BINARY_METRICS.map((m) => {
      const band = standardDeviationThresholds(
        chunkValues.map((v) => v[m]),
        PROBABILITY_RANGE,
      );
      return [
        m,
        options.maxDrop === undefined
          ? band
          : maxDropThresholds(band, referenceValues[m], options.maxDrop, 'higher', PROBABILITY_RANGE),
      ];
    }),
  ) as Record<BinaryMetric, AlertThresholds>;
  const perClass = Array.from({ length: k }, (_, c) => {
    const labels = indicator(reference.labels, c);
    // NannyML's multiclass components carry the variance; squaring the std gives it back up to rounding.
    return {
      rocAuc: rocAucComponents(labels, reference.scores[c]),
      ...thresholdMetricComponents(labels, indicator(reference.predictions, c), 'none'),
    };
  });
  const correct = new Float64Array(reference.labels.length);
  for (let i = 0; i < correct.length; i++) correct[i] = reference.labels[i] === reference.predictions[i] ? 1 : 0;
  const accuracyStd = numpyStd(correct);
  const samplingErrorOf = (m: BinaryMetric, rows: number): number => {
    if (m === 'accuracy') return samplingError({ std: accuracyStd, share: 1 }, rows);
    const error = combinedSamplingError(
      perClass.map((p) => p[m]),
      rows,
    );
    return m === 'rocAuc' ? error * ROC_AUC_SAMPLING_ERROR_SCALE : error;
  };

  return {
    classCount: k,
    metrics,
    calibration,
    reference: Object.fromEntries(metrics.map((m) => [m, referenceValues[m]])) as MetricValues<BinaryMetric>,
    thresholds,
    probabilities,
    estimate(chunk) {
      requireClasses(chunk, 'chunk');
      if (chunk.scores.length !== k)
        throw new EstimationInputError('chunk.scores', `has ${chunk.scores.length} score columns, the reference ${k}`);
      const p = probabilities(chunk.scores);
      const rows = chunk.predictions.length;
      const perClassMetrics = p.map((column, c) =>
        confusionMetrics(expectedConfusion(column, indicator(chunk.predictions, c))),
      );
      const aucs = metrics.includes('rocAuc') ? p.map((column, c) => estimatedRocAuc(column, chunk.scores[c])) : [];
      const ofPredicted = new Float64Array(rows);
      for (let i = 0; i < rows; i++) ofPredicted[i] = p[chunk.predictions[i]][i];
      const values: MetricValues<BinaryMetric> = {
        rocAuc: aucs.length === 0 || aucs.some((a) => a === null) ? null : mean(aucs as number[]),
        accuracy: numpyMean(ofPredicted),
        precision: mean(perClassMetrics.map((v) => v.precision)),
        recall: mean(perClassMetrics.map((v) => v.recall)),
        f1: mean(perClassMetrics.map((v) => v.f1)),
        specificity: mean(perClassMetrics.map((v) => v.specificity)),
      };
      return {
        rows,
        metrics: Object.fromEntries(
          metrics.map((m) => [
            m,
            metricEstimate(values[m], samplingErrorOf(m, rows), PROBABILITY_RANGE, thresholds[m], 'higher'),
          ]),
        ) as ChunkEstimate<BinaryMetric>['metrics'],
      };
    },
    realized(chunk) {
      requireClasses(chunk, 'chunk');
      const values = realizedMacro(chunk, k);
      return Object.fromEntries(metrics.map((m) => [m, values[m]])) as MetricValues<BinaryMetric>;
    },
  };
}
