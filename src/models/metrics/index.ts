// Metrics of src/models: re-exports only.
export { accuracy } from './accuracy.js';
export { averagePrecision } from './average-precision.js';
export {
  type BinaryClassificationMetrics,
  type BinaryMetricOptions,
  binaryClassificationMetrics,
} from './binary-classification-metrics.js';
export { brierScore } from './brier-score.js';
export {
  type ConfusionCounts,
  confusionCounts,
  type ThresholdMetricOptions,
  type ZeroDivision,
} from './confusion-counts.js';
export { type CalibrationOptions, expectedCalibrationError } from './expected-calibration-error.js';
export { f1Score } from './f1-score.js';
export { LOG_LOSS_EPSILON, logLoss } from './log-loss.js';
export { MetricInputError } from './metric-input-error.js';
export { precision } from './precision.js';
export { recall } from './recall.js';
export { meanAbsoluteError, r2Score, rootMeanSquaredError } from './regression-metrics.js';
export { rocAuc } from './roc-auc.js';
