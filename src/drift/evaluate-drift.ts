import { type Column, cellsOf, columnLength, type DataTable } from '../domain/data-table.js';
import type { FeatureSpec, RoleColumnSpec } from '../domain/feature-schema.js';
import { gradeSeverity } from '../domain/grade-severity.js';
import { benjaminiHochberg, bonferroni } from '../stats/index.js';
import { type ColumnValues, columnValuesOf } from './column-values.js';
import { compareColumn, isDrifted } from './compare-column.js';
import { comparePerformance } from './compare-performance.js';
import { createDriftEngineConfig } from './create-drift-engine-config.js';
import type { DriftEngineConfig, DriftEngineOptions } from './drift-config.js';
import { DriftConfigError } from './drift-config-error.js';
import {
  type DataQualityFinding,
  type DataQualityKind,
  DRIFT_REPORT_FORMAT_VERSION,
  type DriftReport,
  type FeatureDriftResult,
} from './drift-report.js';
import { findDataQualityIssues } from './find-data-quality-issues.js';
import { univariateTopFeatures } from './multivariate/top-features.js';
import { type ColumnProfile, REFERENCE_PROFILE_FORMAT_VERSION, type ReferenceProfile } from './reference-profile.js';
import { findStatTest } from './stat-tests/all-stat-tests.js';

/**
 * Findings that only say labels have not arrived yet: the target column of live rows is filled later (labels are
 * joined by prediction id), so its absence or missing rate is no data-quality problem. Its other findings (type
 * violations, unseen classes) still concern the labels that did arrive.
 */
const LABEL_LAG_KINDS: ReadonlySet<DataQualityKind> = new Set([
  'missing_column',
  'empty_column',
  'missing_rate_change',
]);

/** State carried between consecutive evaluations of one monitored model (persistence) and the window bounds. */
export interface EvaluationState {
  /** Called after each feature is evaluated (progress of long evaluations). */
  readonly onColumn?: (done: number, total: number) => void;
  /** `highStreak` of the previous report (0 when none). */
  readonly previousHighStreak?: number;
  readonly window?: DriftReport['window'];
}

function valuesOf(table: DataTable, profile: ColumnProfile): ColumnValues | null {
  return columnValues(table.columns.get(profile.name), table.rowCount, profile);
}

function columnValues(column: Column | undefined, rowCount: number, profile: ColumnProfile): ColumnValues | null {
  if (column === undefined) return null;
  if (columnLength(column) !== rowCount) {
    throw new DriftConfigError(
      `current.${profile.name}`,
      `column has ${columnLength(column)} cells, the table ${rowCount} rows`,
    );
  }
  return columnValuesOf(column, profile.kind);
}

/** One feature's part of a drift report: its test result (null when the feature is excluded) and its data-quality findings. */
export interface FeatureEvaluation {
  readonly result: FeatureDriftResult | null;
  readonly dataQuality: readonly DataQualityFinding[];
}

/**
 * Evaluates one feature of the current data (`column`, absent when the current table lacks it; `rowCount` rows)
 * against its column profile: what evaluateDrift does per feature, before the multiple-testing correction. Depends on
 * nothing else, so features can be evaluated in any order or in other threads with the same result.
 */
export function evaluateFeature(
  columnProfile: ColumnProfile,
  spec: FeatureSpec,
  column: Column | undefined,
  rowCount: number,
  options: DriftEngineOptions | DriftEngineConfig = {},
): FeatureEvaluation {
  const config = createDriftEngineConfig(options);
  const values = columnValues(column, rowCount, columnProfile);
  return {
    dataQuality: findDataQualityIssues(columnProfile, values, rowCount, config, spec),
    result: spec.excluded ? null : compareColumn(columnProfile, values, spec, config, `features.${spec.name}.test`),
  };
}

function applyCorrection(results: FeatureDriftResult[], config: DriftEngineConfig): FeatureDriftResult[] {
  if (config.mode !== 'driftguard' || config.correction === 'none') return results;
  const tested = results.map((r, i) => [r, i] as const).filter(([r]) => r.status === 'tested' && r.pValue !== null);
  if (tested.length === 0) return results;
  const raw = tested.map(([r]) => r.pValue as number);
  const adjusted = config.correction === 'bonferroni' ? bonferroni(raw) : benjaminiHochberg(raw);
  const out = results.slice();
  tested.forEach(([r, i], k) => {
    const adjustedPValue = Math.min(1, adjusted[k]);
    out[i] = {
      ...r,
      adjustedPValue,
      drifted: isDrifted(r, adjustedPValue, findStatTest(r.test)?.pValueInclusive === true),
    };
  });
  return out;
}

function weightedShare(results: readonly FeatureDriftResult[], weighted: boolean): number {
  let total = 0;
  let drifted = 0;
  for (const r of results) {
    if (r.status !== 'tested') continue;
    const w = weighted ? r.importanceWeight : 1;
    total += w;
    if (r.drifted) drifted += w;
  }
  return total === 0 ? 0 : drifted / total;
}

/**
 * Evaluates `current` against the reference profile: per-feature drift (mode-dependent test choice, correction,
 * effect-size floor), drift share and dataset drift, severity (with persistence via `state.previousHighStreak`),
 * data-quality findings for every schema column, prediction / score / target drift and performance drift.
 * Pure: same inputs → same report.
 */
export function evaluateDrift(
  profile: ReferenceProfile,
  current: DataTable,
  options: DriftEngineOptions | DriftEngineConfig = {},
  state: EvaluationState = {},
  /**
   * The features already evaluated by {@link evaluateFeature} (in schema order, e.g. by worker threads); the report
   * is the same as when they are evaluated here.
   */
  evaluated?: readonly FeatureEvaluation[],
): DriftReport {
  const config = createDriftEngineConfig(options);
  if (profile === null || typeof profile !== 'object' || profile.formatVersion !== REFERENCE_PROFILE_FORMAT_VERSION) {
    throw new DriftConfigError(
      'profile.formatVersion',
      `must be ${REFERENCE_PROFILE_FORMAT_VERSION}, got ${String(profile?.formatVersion)}`,
    );
  }
  if (current === null || typeof current !== 'object' || !Number.isInteger(current.rowCount) || current.rowCount < 0) {
    throw new DriftConfigError('current', 'must be a DataTable with an integer rowCount ≥ 0');
  }
  const schema = profile.schema;
  const dataQuality: DataQualityFinding[] = [];
  let features: FeatureDriftResult[] = [];
  if (evaluated !== undefined && evaluated.length !== schema.features.length) {
    throw new DriftConfigError(
      'evaluated',
      `must hold one evaluation per feature (${schema.features.length}), got ${evaluated.length}`,
    );
  }
  schema.features.forEach((spec: FeatureSpec, i) => {
    const done =
      evaluated?.[i] ??
      evaluateFeature(profile.features[i], spec, current.columns.get(spec.name), current.rowCount, config);
    dataQuality.push(...done.dataQuality);
    if (done.result !== null) features.push(done.result);
    if (evaluated === undefined) state.onColumn?.(i + 1, schema.features.length);
  });
  features = applyCorrection(features, config);

  const role = (
    spec: RoleColumnSpec | null,
    columnProfile: ColumnProfile | null,
    labelsLag = false,
  ): FeatureDriftResult | null => {
    if (spec === null || columnProfile === null) return null;
    const values = valuesOf(current, columnProfile);
    const findings = findDataQualityIssues(columnProfile, values, current.rowCount, config);
    dataQuality.push(...(labelsLag ? findings.filter((f) => !LABEL_LAG_KINDS.has(f.kind)) : findings));
    return compareColumn(columnProfile, values, {}, config, spec.name);
  };
  const predictionDrift = role(schema.prediction, profile.prediction);
  const predictionScoreDrift = role(schema.predictionScore, profile.predictionScore);
  const targetDrift = role(schema.target, profile.target, true);
  const boxed = (name: string): ReturnType<typeof cellsOf> | undefined => {
    const column = current.columns.get(name);
    return column === undefined ? undefined : cellsOf(column);
  };
  const performance = comparePerformance(
    profile.performance,
    {
      target: schema.target === null ? undefined : boxed(schema.target.name),
      prediction: schema.prediction === null ? undefined : boxed(schema.prediction.name),
      score: schema.predictionScore === null ? null : (boxed(schema.predictionScore.name) ?? null),
    },
    schema,
    config,
  );

  const testedFeatureCount = features.filter((r) => r.status === 'tested').length;
  const driftedFeatureCount = features.filter((r) => r.drifted).length;
  const driftShare = weightedShare(features, config.useImportanceWeights);
  const grade = gradeSeverity(
    driftShare,
    driftedFeatureCount,
    config.severity,
    config.persistenceWindows,
    state.previousHighStreak ?? 0,
  );
  return {
    formatVersion: DRIFT_REPORT_FORMAT_VERSION,
    mode: config.mode,
    correction: config.mode === 'driftguard' ? config.correction : 'none',
    referenceRowCount: profile.rowCount,
    currentRowCount: current.rowCount,
    window: state.window ?? null,
    features,
    testedFeatureCount,
    driftedFeatureCount,
    driftShare,
    driftShareThreshold: config.driftShareThreshold,
    datasetDrift: testedFeatureCount > 0 && driftShare >= config.driftShareThreshold,
    topFeatures: univariateTopFeatures(features),
    severity: grade.severity,
    rawSeverity: grade.rawSeverity,
    highStreak: grade.highStreak,
    dataQuality,
    predictionDrift,
    predictionScoreDrift,
    targetDrift,
    performance: performance.result,
    performanceUnavailableReason: performance.reason,
  };
}
