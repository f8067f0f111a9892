import type { FeatureKind } from '../domain/feature-schema.js';
import type { ImpactPolicy, ImpactVerdict } from '../domain/performance-impact.js';
import type { Severity } from '../domain/severity.js';
import type { DriftMode, EffectSizeName, MultipleTestingCorrection } from './drift-config.js';
import type { EstimatedPerformance } from './estimate-window-performance.js';
import type { MultivariateMethod } from './multivariate/multivariate-options.js';
import type { MultivariateDriftResult, TopFeature } from './multivariate/multivariate-result.js';
import type { DriftDirection, TestScore } from './stat-tests/stat-test.js';

/** Bumped on any incompatible change of the JSON report. */
export const DRIFT_REPORT_FORMAT_VERSION = 1;

/**
 * Reference-vs-current distribution for charts, as proportions of valid values (each array sums to 1 when the
 * side has values). Numeric: equal-width bins over the union of both ranges; categorical: per category.
 */
export type FeatureChartSummary =
  | {
      readonly type: 'histogram';
      /** length = reference.length + 1 */
      readonly binEdges: readonly number[];
      readonly reference: readonly number[];
      readonly current: readonly number[];
    }
  | {
      readonly type: 'categories';
      /** Most frequent (reference + current) first; `__other__` collects the tail. */
      readonly categories: readonly string[];
      readonly reference: readonly number[];
      readonly current: readonly number[];
    };

/** The verdict on one column (feature, prediction or target). */
export interface FeatureDriftResult {
  readonly name: string;
  readonly kind: FeatureKind;
  /** `not_tested` when a side has no valid value (see `reason` and the data-quality findings). */
  readonly status: 'tested' | 'not_tested';
  readonly reason: string | null;
  /** Name of the stat test (see STAT_TESTS), e.g. `ks`, `chisquare`, `z`, `wasserstein`, `jensenshannon`, `psi`. */
  readonly test: string;
  readonly score: TestScore;
  /** Test statistic (p-value tests), else null. */
  readonly statistic: number | null;
  /** Raw p-value (p-value tests), else null. */
  readonly pValue: number | null;
  /** p-value after the multiple-testing correction (driftguard mode), else equal to pValue. */
  readonly adjustedPValue: number | null;
  /** Distance (distance tests), else null. */
  readonly distance: number | null;
  /** Threshold compared with adjustedPValue (p_value_below) or distance (distance_above). */
  readonly threshold: number;
  readonly direction: DriftDirection;
  /** Effect size (always computed when tested): normed Wasserstein for numeric, JS distance for categorical. */
  readonly effectSize: number | null;
  readonly effectSizeName: EffectSizeName | null;
  /**
   * driftguard mode: the floor effectSize must reach — the configured floor, raised to `effectSizeNoiseFloor` when
   * that is higher; absent in evidently mode.
   */
  readonly effectSizeThreshold?: number;
  /**
   * driftguard mode, tested p-value features (unless `noiseFloorProbability: null`): the effect size that sampling
   * noise between this window and the reference reaches with probability ≤ `noiseFloorProbability` of its effect size.
   */
  readonly effectSizeNoiseFloor?: number;
  readonly drifted: boolean;
  readonly importanceWeight: number;
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly summary: FeatureChartSummary | null;
}

/** Kinds of data-quality findings. */
export type DataQualityKind =
  | 'missing_column'
  | 'missing_rate_change'
  | 'unseen_category'
  | 'out_of_range'
  | 'type_violation'
  | 'empty_column'
  | 'constant_column';

/** One data-quality finding with counts; `column` is the column it concerns. */
export interface DataQualityFinding {
  readonly column: string;
  readonly kind: DataQualityKind;
  readonly severity: 'info' | 'warning' | 'error';
  /** Number of current cells concerned (rows for column-level findings). */
  readonly count: number;
  /** Rows of the current window. */
  readonly rowCount: number;
  readonly message: string;
  /** A few offending values (string form), at most 5. */
  readonly examples: readonly string[];
  /** Kind-specific numbers, e.g. referenceMissingRate / currentMissingRate, min / max bounds. */
  readonly details: Readonly<Record<string, number | string | null>>;
}

/** Model performance of the window against the reference performance (labels required). */
export interface PerformanceDriftResult {
  readonly task: 'classification' | 'regression';
  /** Metric tested: `error_rate` (classification) or `mae` (regression). */
  readonly metric: 'error_rate' | 'mae';
  readonly labelledCount: number;
  readonly reference: number;
  readonly current: number;
  /** Also reported: accuracy / AUC for classification, MAE / RMSE for regression (null when not computable). */
  readonly referenceMetrics: Readonly<Record<string, number | null>>;
  readonly currentMetrics: Readonly<Record<string, number | null>>;
  /** `z` (two-proportion z-test on error rates) or `mannwhitneyu` (absolute errors). */
  readonly test: string;
  readonly statistic: number;
  readonly pValue: number;
  readonly threshold: number;
  /**
   * Degradation of the tested metric (positive = worse): error-rate increase (classification, absolute) or relative
   * MAE increase (regression); `minDegradation` is the configured floor.
   */
  readonly degradation: number;
  readonly minDegradation: number;
  readonly drifted: boolean;
}

/** The engine's output for one evaluation (one window or one one-shot comparison). JSON-serializable. */
export interface DriftReport {
  readonly formatVersion: typeof DRIFT_REPORT_FORMAT_VERSION;
  readonly mode: DriftMode;
  readonly correction: MultipleTestingCorrection;
  readonly referenceRowCount: number;
  readonly currentRowCount: number;
  /** Window bounds when evaluated from a window (event index or epoch seconds), else null. */
  readonly window: { readonly start: number; readonly end: number; readonly type: 'count' | 'time' } | null;
  /** Feature results in schema order; excluded features are absent. */
  readonly features: readonly FeatureDriftResult[];
  readonly testedFeatureCount: number;
  readonly driftedFeatureCount: number;
  /** Drifted / tested (importance-weighted when configured); 0 when nothing was tested. */
  readonly driftShare: number;
  readonly driftShareThreshold: number;
  readonly datasetDrift: boolean;
  /**
   * What changed: the drifted features ranked by effect size (at most 5; empty when none drifted). Absent from
   * reports written before it was added.
   */
  readonly topFeatures?: readonly TopFeature[];
  /** The multivariate drift test, when one was asked for (`report --multivariate`); absent otherwise. */
  readonly multivariate?: MultivariateDriftResult;
  /**
   * Service: the multivariate test was due on this window but could not run — why (e.g. the reference has no row
   * sample, or the window has too few rows). Never a silent pass: a due window has `multivariate` or this.
   */
  readonly multivariateNotRun?: { readonly method: MultivariateMethod; readonly reason: string };
  /**
   * Service: the multivariate test runs on every `everyWindows`-th window; windows since it was last due (0 = this);
   * `lastDrifted`: the verdict of its latest run, carried over windows it skips (null: never ran or could not run).
   */
  readonly multivariateCadence?: {
    readonly everyWindows: number;
    readonly windowsSinceDue: number;
    readonly lastDrifted: boolean | null;
  };
  /** Severity after persistence; `rawSeverity` is what this window alone grades. */
  readonly severity: Severity;
  readonly rawSeverity: Severity;
  /** Consecutive windows (including this one) graded `high` before persistence. */
  readonly highStreak: number;
  readonly dataQuality: readonly DataQualityFinding[];
  /** Drift of the prediction column (class or value distribution). */
  readonly predictionDrift: FeatureDriftResult | null;
  /** Drift of the declared positive-class score column. */
  readonly predictionScoreDrift: FeatureDriftResult | null;
  readonly targetDrift: FeatureDriftResult | null;
  /** Null when not computable; `performanceUnavailableReason` says why. */
  readonly performance: PerformanceDriftResult | null;
  readonly performanceUnavailableReason: string | null;
  /**
   * Performance estimated from the window's scores before labels arrive (CBPE, docs/estimation.md); null with
   * `estimatedPerformanceUnavailableReason` when not estimable. Absent from one-shot reports and reports written
   * before estimation existed.
   */
  readonly estimatedPerformance?: EstimatedPerformance | null;
  readonly estimatedPerformanceUnavailableReason?: string | null;
  /** Impact-aware grading of the window (monitoring only): how its data drift and estimated performance combine. */
  readonly impact?: WindowImpact;
}

/** The impact verdict of a monitoring window with the policy that produced it. */
export interface WindowImpact extends ImpactVerdict {
  readonly policy: ImpactPolicy;
}
