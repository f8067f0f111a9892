// Public entry point of the drift engine: re-exports only.
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
export type { Severity, SeverityThresholds } from '../domain/severity.js';
export { SchemaError } from '../domain/schema-error.js';
export { DriftConfigError } from './drift-config-error.js';
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
export { DRIFT_REPORT_FORMAT_VERSION } from './drift-report.js';
export type {
  DataQualityFinding,
  DataQualityKind,
  DriftReport,
  FeatureChartSummary,
  FeatureDriftResult,
  PerformanceDriftResult,
} from './drift-report.js';
export { OTHER_CATEGORY, REFERENCE_PROFILE_FORMAT_VERSION } from './reference-profile.js';
export type {
  CategoricalColumnProfile,
  ColumnProfile,
  ColumnProfileBase,
  NumericColumnProfile,
  ReferencePerformance,
  ReferenceProfile,
  ReferenceProfileOptions,
} from './reference-profile.js';
export type { DriftDirection, StatTest, StatTestInput, StatTestOutcome, TestScore } from './stat-test.js';
export { inferSchema, inferSchemaWithDecisions, inferColumnKind, DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY } from '../domain/infer-schema.js';
export { gradeSeverity, severityOfShare, DEFAULT_SEVERITY_THRESHOLDS } from '../domain/grade-severity.js';
export type { SeverityGrade } from '../domain/grade-severity.js';
export { buildReferenceProfile, DEFAULT_PROFILE_OPTIONS } from './build-reference-profile.js';
export { parseReferenceProfile } from './parse-reference-profile.js';
export { createDriftEngineConfig, DEFAULT_DRIFT_ENGINE_CONFIG } from './create-drift-engine-config.js';
export { evaluateDrift } from './evaluate-drift.js';
export type { EvaluationState } from './evaluate-drift.js';
export { createSlidingWindow } from './sliding-window.js';
export type { SlidingWindow, WindowBatch, WindowRow } from './sliding-window.js';
export { createDriftMonitor } from './create-drift-monitor.js';
export type { DriftMonitor, DriftMonitorOptions } from './create-drift-monitor.js';
export { STAT_TESTS, findStatTest } from './stat-tests.js';
export { chooseStatTest, evidentlyDefaultTestName, driftguardDefaultTestName } from './choose-stat-test.js';
export type { TestChoice } from './choose-stat-test.js';
export type { Cell, DataTable } from '../domain/data-table.js';
export { applyFeatureOverrides } from './apply-feature-overrides.js';
