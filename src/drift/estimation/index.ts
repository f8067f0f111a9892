// Performance estimation without labels (NannyML-style CBPE): re-exports only.
export {
  type AlertThresholds,
  maxDropThresholds,
  standardDeviationThresholds,
  type ValueLimits,
} from './alert-thresholds.js';
export {
  BINARY_METRICS,
  type BinaryChunkData,
  type BinaryEstimatorOptions,
  type BinaryEstimatorState,
  type BinaryMetric,
  type BinaryPerformanceEstimator,
  type BinaryReferenceData,
  binaryEstimatorFrom,
  type CalibrationMode,
  type CalibrationSummary,
  type ChunkEstimate,
  fitBinaryEstimator,
  fitBinaryEstimatorState,
  type MetricValues,
  realizedBinaryMetrics,
} from './binary-performance-estimator.js';
export {
  type CalibrationCheck,
  calibrationNoiseFloor,
  checkCalibration,
  equalCountCalibrationError,
} from './calibration-check.js';
export { type ChunkRange, chunkRanges, periodChunkRanges } from './chunk-ranges.js';
export {
  type DirectLossEstimator,
  type DirectLossEstimatorOptions,
  fitDirectLossEstimator,
  REGRESSION_METRICS,
  type RegressionChunkData,
  type RegressionMetric,
  type RegressionReferenceData,
} from './direct-loss-estimator.js';
export { estimatedRocAuc } from './estimated-roc-auc.js';
export { EstimationInputError } from './estimation-input-error.js';
export {
  calibrationWarnings,
  conceptShiftWarnings,
  DEFAULT_MAX_CALIBRATION_ERROR,
  type EstimationWarning,
  type EstimationWarningCode,
  scoreRangeWarnings,
  undefinedEstimateWarnings,
} from './estimation-warnings.js';
export {
  type ConfusionMetrics,
  confusionMetrics,
  type ExpectedConfusion,
  expectedConfusion,
} from './expected-confusion.js';
export {
  calibrateScore,
  calibrateScores,
  fitIsotonicCalibration,
  type IsotonicCalibration,
} from './isotonic-calibration.js';
export {
  type BetterWhen,
  isWorseThanThresholds,
  type MetricEstimate,
  metricEstimate,
  SAMPLING_ERROR_RANGE,
} from './metric-estimate.js';
export {
  fitMulticlassEstimator,
  type MulticlassChunkData,
  type MulticlassEstimatorOptions,
  type MulticlassPerformanceEstimator,
  type MulticlassReferenceData,
} from './multiclass-performance-estimator.js';
