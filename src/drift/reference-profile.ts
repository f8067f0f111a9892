import type { FeatureKind, FeatureSchema } from '../domain/feature-schema.js';
import type { ReferenceRowSample } from '../domain/reference-row-sample.js';

/** Bumped on any incompatible change of the serialized profile. */
export const REFERENCE_PROFILE_FORMAT_VERSION = 1;

/** The bucket that holds categories beyond the profile's cap (and, at evaluation, unseen current values). */
export const OTHER_CATEGORY = '__other__';

/** Numeric columns with at most this many distinct values keep exact value counts (Evidently bins such columns by value). */
export const DISCRETE_VALUE_LIMIT = 20;

/** Counts shared by every column profile. */
export interface ColumnProfileBase {
  readonly name: string;
  readonly kind: FeatureKind;
  /** Rows of the reference. */
  readonly rowCount: number;
  /** Cells that are null / NaN / empty. */
  readonly missingCount: number;
  /** Non-missing cells whose type does not match the kind (e.g. a string in a numeric column). */
  readonly typeViolationCount: number;
  /** Valid (non-missing, well-typed) cells: rowCount − missingCount − typeViolationCount. */
  readonly validCount: number;
}

/**
 * Numeric column: exact moments and range over all valid values, a bounded deterministic sorted sample
 * (every value when validCount ≤ sampleSize, otherwise evenly spaced order statistics), and quantile bins.
 */
export interface NumericColumnProfile extends ColumnProfileBase {
  readonly kind: 'numeric';
  /** Range and moments over all valid values; null when the column has no valid value. */
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation (ddof = 0, numpy `std`), the norm of Evidently's normed Wasserstein. */
  readonly std: number | null;
  /** Distinct valid values, exact up to `distinctCap` (then reported as distinctCap and `distinctCapped`). */
  readonly distinctCount: number;
  readonly distinctCapped: boolean;
  readonly allIntegers: boolean;
  /** Sorted ascending; length = min(validCount, sampleSize). */
  readonly sample: readonly number[];
  /** True when `sample` holds every valid value (tests on it are exact). */
  readonly sampleIsComplete: boolean;
  /** Exact counts per distinct value when there are at most DISCRETE_VALUE_LIMIT of them, else null. */
  readonly valueCounts: readonly { readonly value: number; readonly count: number }[] | null;
  /**
   * Bin edges: quantiles (numpy `quantile`, linear) of the sorted sample, duplicates merged, first = min and
   * last = max; a constant column gets [v − 0.5, v + 0.5] (numpy `histogram`'s convention).
   */
  readonly binEdges: readonly number[];
  /** Counts of all valid values per bin (numpy `histogram` semantics over binEdges); length binEdges.length − 1. */
  readonly binCounts: readonly number[];
}

/** Categorical / boolean column: counts per category (string form), the rest in `otherCount`. */
export interface CategoricalColumnProfile extends ColumnProfileBase {
  readonly kind: 'categorical' | 'boolean';
  /** Most frequent first (ties by value), at most `maxCategories` entries. */
  readonly categories: readonly { readonly value: string; readonly count: number }[];
  /** Valid values of categories beyond the cap, counted under OTHER_CATEGORY. */
  readonly otherCount: number;
  /** Distinct valid values in the reference (including those folded into `__other__`). */
  readonly distinctCount: number;
}

export type ColumnProfile = NumericColumnProfile | CategoricalColumnProfile;

/** Reference performance of the model on the reference rows (when target and prediction are declared). */
export interface ReferencePerformance {
  readonly task: 'classification' | 'regression';
  readonly labelledCount: number;
  /** Classification: misclassified labelled rows, accuracy and error rate = 1 − accuracy. */
  readonly errorCount: number | null;
  readonly accuracy: number | null;
  readonly errorRate: number | null;
  /** Binary classification with a score column: ROC AUC (sklearn `roc_auc_score`). */
  readonly auc: number | null;
  /** Regression: mean absolute error and RMSE; `absoluteErrorSample` is a bounded sorted sample of |y − ŷ|. */
  readonly mae: number | null;
  readonly rmse: number | null;
  readonly absoluteErrorSample: readonly number[] | null;
}

/** Options of `buildReferenceProfile`. */
export interface ReferenceProfileOptions {
  /** Cap of the numeric sorted sample (default 5000; ≥ 1000 keeps Evidently's small-reference tests exact). */
  readonly sampleSize?: number;
  /** Quantile bins per numeric column (default 10, PSI convention). */
  readonly binCount?: number;
  /** Cap of categories kept per categorical column (default 200); the rest go to `__other__`. */
  readonly maxCategories?: number;
  /** Cap of the exact distinct count of numeric columns (default 1000). */
  readonly distinctCap?: number;
}

/** Bumped on any incompatible change of {@link EstimationSample}. */
export const ESTIMATION_SAMPLE_VERSION = 1;
/**
 * The labelled reference rows performance estimation (CBPE, issue 17) is fitted on: a bounded sample of the model's
 * score of the positive class, its predicted class and the true label, in reference order (the reference's normal
 * variation is measured over consecutive chunks of it). Binary classifiers only. Absent from profiles built
 * before it existed: their windows are `not-estimated`.
 */
export interface EstimationSample {
  readonly version: typeof ESTIMATION_SAMPLE_VERSION;
  readonly task: 'binary';
  /** [negative class, positive class] in string form (as labels and predicted classes compare). */
  readonly classes: readonly [string, string];
  /** Whether labels are compared as booleans (`true` / `1` / `yes` are one class). */
  readonly booleanLike: boolean;
  /** Usable reference rows (finite score, known label and predicted class) before sampling. */
  readonly usableRows: number;
  readonly scores: readonly number[];
  /** 1 = predicted the positive class. */
  readonly predictions: readonly (0 | 1)[];
  /** 1 = the label is the positive class. */
  readonly labels: readonly (0 | 1)[];
}

/** Everything drift is measured against; built once, JSON-serializable, bounded size. */
export interface ReferenceProfile {
  readonly formatVersion: typeof REFERENCE_PROFILE_FORMAT_VERSION;
  readonly rowCount: number;
  readonly schema: FeatureSchema;
  readonly options: Required<ReferenceProfileOptions>;
  /** One profile per schema feature, in schema order. */
  readonly features: readonly ColumnProfile[];
  readonly target: ColumnProfile | null;
  readonly prediction: ColumnProfile | null;
  readonly predictionScore: ColumnProfile | null;
  readonly performance: ReferencePerformance | null;
  /**
   * A bounded seeded sample of the reference's rows (features only) for multivariate drift tests; absent from
   * profiles built before it was kept and from one-shot reports (which read the reference file itself).
   */
  readonly rowSample?: ReferenceRowSample;
  /**
   * Binary classifiers with a score column: labelled (score, predicted class, label) rows performance estimation is
   * fitted on (see EstimationSample); null with `estimationSampleUnavailableReason` otherwise. Absent from profiles
   * built before it existed (their windows are not estimated).
   */
  readonly estimationSample?: EstimationSample | null;
  readonly estimationSampleUnavailableReason?: string | null;
}
