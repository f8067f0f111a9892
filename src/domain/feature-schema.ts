/** The statistical kind of a column; decides which drift tests apply. */
export type FeatureKind = 'numeric' | 'categorical' | 'boolean';

/** A category value as declared by users (allowed values); compared through its string form (`String(value)`). */
export type CategoryValue = string | number | boolean;

/** Inclusive value bounds of a numeric feature; either side may be absent. */
export interface NumericBounds {
  readonly min?: number;
  readonly max?: number;
}

/**
 * Per-feature overrides of what schema inference decided. Every field is optional; an absent field keeps the
 * inferred / default value.
 */
export interface FeatureOverride {
  readonly kind?: FeatureKind;
  /** Categorical/boolean: the declared domain; values outside it are `unseen_category` findings. */
  readonly allowedValues?: readonly CategoryValue[];
  /** Numeric: declared bounds; values outside are `out_of_range` findings (default: the reference range). */
  readonly bounds?: NumericBounds;
  /** Weight in the importance-weighted drift share (default 1, must be ≥ 0). */
  readonly importanceWeight?: number;
  /** Name of a stat test from the drift test list (e.g. `ks`, `psi`) instead of the default choice. */
  readonly test?: string;
  /** Threshold of that test (p-value or distance), instead of the test's default. */
  readonly threshold?: number;
  /** driftguard mode: the effect-size floor for this feature instead of the default. */
  readonly effectSizeThreshold?: number;
  /** Excluded features are profiled for data quality but never tested for drift nor counted in the share. */
  readonly excluded?: boolean;
}

/** One feature of a resolved schema: the inferred kind with overrides applied. */
export interface FeatureSpec {
  readonly name: string;
  readonly kind: FeatureKind;
  /** Where `kind` came from. */
  readonly kindSource: 'inferred' | 'override';
  readonly allowedValues?: readonly string[];
  readonly bounds?: NumericBounds;
  readonly importanceWeight: number;
  readonly test?: string;
  readonly threshold?: number;
  readonly effectSizeThreshold?: number;
  readonly excluded: boolean;
}

/** A declared column with a special role (target, prediction, score); kinds are inferred like features. */
export interface RoleColumnSpec {
  readonly name: string;
  readonly kind: FeatureKind;
}

/** Supervised task of the monitored model; decides the performance metric. */
export type TaskType = 'classification' | 'regression';

/**
 * The resolved schema of a monitored model: its features plus declared (never guessed) target, prediction and
 * optional positive-class score columns. JSON-serializable.
 */
export interface FeatureSchema {
  readonly features: readonly FeatureSpec[];
  readonly target: RoleColumnSpec | null;
  readonly prediction: RoleColumnSpec | null;
  /** Numeric column holding the positive-class probability (binary classification; enables AUC). */
  readonly predictionScore: RoleColumnSpec | null;
  /** `classification` when target/prediction are categorical or boolean, `regression` when numeric. */
  readonly task: TaskType | null;
  /** Binary classification: the class counted as positive for AUC (string form). */
  readonly positiveClass: string | null;
  /** Columns that are neither features nor roles (timestamp, id, excluded-from-schema). */
  readonly ignoredColumns: readonly string[];
}

/** Options of schema inference: declared roles, exclusions and per-feature overrides. */
export interface SchemaInferenceOptions {
  readonly target?: string;
  readonly prediction?: string;
  readonly predictionScore?: string;
  readonly positiveClass?: CategoryValue;
  readonly task?: TaskType;
  /** Columns left out of the schema entirely (ids, timestamps). */
  readonly ignore?: readonly string[];
  /** Features kept in the schema (profiled, data quality) but not tested for drift. */
  readonly exclude?: readonly string[];
  readonly overrides?: Readonly<Record<string, FeatureOverride>>;
  /**
   * All-integer numeric columns with at most this many distinct values are inferred `categorical`
   * (default 5, Evidently's cut-off between ks and chisquare). 0 disables the rule.
   */
  readonly maxCategoricalIntegerCardinality?: number;
}
