// Public entry point of the drift engine: re-exports only.

export type { Cell, DataTable } from '../domain/data-table.js';
export { dataTableFromRows } from '../domain/data-table.js';
export type {
  CategoryValue,
  FeatureKind,
  FeatureOverride,
  FeatureSchema,
  FeatureSpec,
  NumericBounds,
  RoleColumnSpec,
  SchemaInferenceOptions,
  TaskType,
} from '../domain/feature-schema.js';
export type { SeverityGrade } from '../domain/grade-severity.js';
export { DEFAULT_SEVERITY_THRESHOLDS, gradeSeverity, severityOfShare } from '../domain/grade-severity.js';
export {
  DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY,
  inferColumnKind,
  inferSchema,
  inferSchemaWithDecisions,
} from '../domain/infer-schema.js';
export { SchemaError } from '../domain/schema-error.js';
export type { Severity, SeverityThresholds } from '../domain/severity.js';
export { applyFeatureOverrides } from './apply-feature-overrides.js';
export { buildReferenceProfile, DEFAULT_PROFILE_OPTIONS, profileFeature } from './build-reference-profile.js';
export type { TestChoice } from './choose-stat-test.js';
export { chooseStatTest, driftguardDefaultTestName, evidentlyDefaultTestName } from './choose-stat-test.js';
export { createDriftEngineConfig, DEFAULT_DRIFT_ENGINE_CONFIG } from './create-drift-engine-config.js';
export type { DriftMonitor, DriftMonitorOptions } from './create-drift-monitor.js';
export { createDriftMonitor } from './create-drift-monitor.js';
export type {
  CountWindowOptions,
  DataQualityOptions,
  DriftEngineConfig,
  DriftEngineOptions,
  DriftMode,
  EffectSizeName,
  MultipleTestingCorrection,
  PerformanceDriftOptions,
  TimeWindowOptions,
  WindowOptions,
} from './drift-config.js';
export { DriftConfigError } from './drift-config-error.js';
export type {
  DataQualityFinding,
  DataQualityKind,
  DriftReport,
  FeatureChartSummary,
  FeatureDriftResult,
  PerformanceDriftResult,
  WindowImpact,
} from './drift-report.js';
export { DRIFT_REPORT_FORMAT_VERSION } from './drift-report.js';
export {
  DEFAULT_WINDOW_METRICS,
  type EstimatedPerformance,
  estimateWindowPerformance,
  type RealizedPerformance,
  realizedWindowPerformance,
  type WindowEstimateOutcome,
  type WindowMetricEstimate,
  type WindowPredictions,
} from './estimate-window-performance.js';
export {
  buildEstimationSample,
  ESTIMATION_SAMPLE_MAX_ROWS,
  ESTIMATION_SAMPLE_VERSION,
  type EstimationSample,
} from './estimation-sample.js';
export type { EvaluationState } from './evaluate-drift.js';
export { evaluateDrift, evaluateFeature, type FeatureEvaluation } from './evaluate-drift.js';
export { hasDrift } from './has-drift.js';
export * from './multivariate/index.js';
export { parseReferenceProfile } from './parse-reference-profile.js';
export type {
  CategoricalColumnProfile,
  ColumnProfile,
  ColumnProfileBase,
  NumericColumnProfile,
  ReferencePerformance,
  ReferenceProfile,
  ReferenceProfileOptions,
} from './reference-profile.js';
export { OTHER_CATEGORY, REFERENCE_PROFILE_FORMAT_VERSION } from './reference-profile.js';
export {
  buildReferenceRowSample,
  parseReferenceRowSample,
  type RowSampleOptions,
  rowSampleTable,
  withReferenceRowSample,
} from './reference-row-sample.js';
export { renderHtmlReport } from './render/render-html-report.js';
export { JSON_REPORT_KIND, renderJsonReport } from './render/render-json-report.js';
export { renderMarkdownReport } from './render/render-markdown-report.js';
export type { ReportSources } from './render/report-sources.js';
export type { SlidingWindow, WindowBatch, WindowRow } from './sliding-window.js';
export { createSlidingWindow } from './sliding-window.js';
export { findStatTest, STAT_TESTS } from './stat-tests/all-stat-tests.js';
export type { DriftDirection, StatTest, StatTestInput, StatTestOutcome, TestScore } from './stat-tests/stat-test.js';
