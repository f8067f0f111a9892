// Performance estimation without labels (NannyML-style CBPE): re-exports only.
export { maxDropThresholds, standardDeviationThresholds, type AlertThresholds, type ValueLimits } from './alert-thresholds.js';
export {
  BINARY_METRICS,
  binaryEstimatorFrom,
  fitBinaryEstimator,
  fitBinaryEstimatorState,
  realizedBinaryMetrics,
  type BinaryChunkData,
  type BinaryEstimatorOptions,
  type BinaryEstimatorState,
  type BinaryMetric,
  type BinaryPerformanceEstimator,
  type BinaryReferenceData,
  type CalibrationMode,
  type CalibrationSummary,
  type ChunkEstimate,
  type MetricValues,
} from './binary-performance-estimator.js';
export { calibrationNoiseFloor, checkCalibration, equalCountCalibrationError, type CalibrationCheck } from './calibration-check.js';
export { chunkRanges, periodChunkRanges, type ChunkRange } from './chunk-ranges.js';
export {
  fitDirectLossEstimator,
  REGRESSION_METRICS,
  type DirectLossEstimator,
  type DirectLossEstimatorOptions,
  type RegressionChunkData,
  type RegressionMetric,
  type RegressionReferenceData,
} from './direct-loss-estimator.js';
export { EstimationInputError } from './estimation-input-error.js';
export {
  calibrationWarnings,
  conceptShiftWarnings,
  DEFAULT_MAX_CALIBRATION_ERROR,
  scoreRangeWarnings,
  undefinedEstimateWarnings,
  type EstimationWarning,
  type EstimationWarningCode,
} from './estimation-warnings.js';
export { estimatedRocAuc } from './estimated-roc-auc.js';
export { confusionMetrics, expectedConfusion, type ConfusionMetrics, type ExpectedConfusion } from './expected-confusion.js';
export { calibrateScore, calibrateScores, fitIsotonicCalibration, type IsotonicCalibration } from './isotonic-calibration.js';
export {
  fitMulticlassEstimator,
  type MulticlassChunkData,
  type MulticlassEstimatorOptions,
  type MulticlassPerformanceEstimator,
  type MulticlassReferenceData,
} from './multiclass-performance-estimator.js';
export { isWorseThanThresholds, metricEstimate, SAMPLING_ERROR_RANGE, type BetterWhen, type MetricEstimate } from './metric-estimate.js';
