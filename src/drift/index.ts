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
