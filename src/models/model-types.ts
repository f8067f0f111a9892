/**
 * Public types of driftguard's model layer (src/models): preprocessing, trainers, fitted models and the
 * versioned JSON model format. Pure data + interfaces; implementations live beside this file.
 */
import type { Cell, DataTable } from '../domain/data-table.js';
import type { FeatureKind } from '../domain/feature-schema.js';

/** One input row as served / logged: feature name → cell; absent keys and `null` are missing values. */
export type FeatureRow = Readonly<Record<string, Cell>>;

/** Supervised task: binary classification (labels encoded 0 / 1) or regression (squared error). */
export type ModelTask = 'binary' | 'regression';

/** The trainers driftguard ships. */
export type EstimatorKind = 'logistic' | 'gbdt';

/** The trainer `driftguard train`, `backtest` and the retraining backtest use when none is named. */
export const DEFAULT_ESTIMATOR: EstimatorKind = 'gbdt';

/** A model input feature and how it is treated (see FeatureKind in src/domain/feature-schema.ts). */
export interface ModelFeature {
  readonly name: string;
  readonly kind: FeatureKind;
}

// ---------------------------------------------------------------------------------------------------------
// Preprocessing

/** How categorical features are encoded; trainers choose their default (logistic: one-hot, gbdt: ordinal). */
export type CategoricalEncoding = 'one-hot' | 'ordinal';

/**
 * Options of the preprocessing pipeline, fitted on the training table only.
 * Defaults: see `DEFAULT_PREPROCESSING_OPTIONS` (documented in docs/models.md).
 */
export interface PreprocessingOptions {
  /** `standard`: (x − mean) / std after median imputation (logistic default); `none`: raw values (gbdt). */
  readonly numericScaling: 'standard' | 'none';
  /**
   * `median`: missing numeric / boolean values are replaced by the training median (mode for booleans);
   * `none`: they stay NaN for estimators that route missing values themselves (gbdt).
   */
  readonly imputation: 'median' | 'none';
  readonly categoricalEncoding: CategoricalEncoding;
  /** Categories seen fewer times than this in training go to the `__other__` bucket (default 5). */
  readonly minCategoryCount: number;
  /** At most this many most frequent categories per feature are kept; the rest are `__other__` (default 64). */
  readonly maxCategories: number;
  /** `auto`: a 0/1 missing-indicator column for features with missing training values (only when imputing). */
  readonly missingIndicators: 'auto' | 'always' | 'never';
  /**
   * A non-missing cell of the wrong type (a string in a numeric feature, ±Infinity, an unknown boolean token):
   * `error` throws ModelError naming the feature (default); `missing` treats it as missing.
   */
  readonly invalidValue: 'error' | 'missing';
}

/** Numeric feature: `missing → impute`, then `(x − center) · scale`; `impute: null` keeps NaN (trees). */
export interface NumericTransform {
  readonly kind: 'numeric';
  readonly name: string;
  readonly impute: number | null;
  readonly center: number;
  /** Multiplier (1 / std; 1 when the training std is 0 or scaling is off). */
  readonly scale: number;
  readonly missingIndicator: boolean;
}

/** Boolean feature: true → 1, false → 0 (also accepts 0/1 and "true"/"false"/"1"/"0", case-insensitive). */
export interface BooleanTransform {
  readonly kind: 'boolean';
  readonly name: string;
  /** Imputed value for missing cells, or null to keep NaN (trees). */
  readonly impute: 0 | 1 | null;
  readonly missingIndicator: boolean;
}

/**
 * Categorical feature, compared through `String(value)`; `""` and `null` are missing.
 * one-hot: output columns `name=<category>` for each kept category, then `name=__other__` (unseen and rare
 * values) and `name=__missing__`. ordinal: one column holding `codes[i]` for `categories[i]`, `otherCode`
 * for unseen / rare values and `missingCode` for missing ones (codes ordered by training target mean).
 */
export interface CategoricalTransform {
  readonly kind: 'categorical';
  readonly name: string;
  readonly encoding: CategoricalEncoding;
  readonly categories: readonly string[];
  /** ordinal only: code of each category (same order as `categories`). */
  readonly codes?: readonly number[];
  readonly otherCode?: number;
  readonly missingCode?: number;
}

export type FeatureTransform = NumericTransform | BooleanTransform | CategoricalTransform;

/** The fitted pipeline, saved with the model: row → Float64Array of `outputColumns.length` (never NaN when imputing). */
export interface PreprocessingSpec {
  readonly transforms: readonly FeatureTransform[];
  /** Names of the model-matrix columns in order (e.g. `age`, `age__missing`, `city=Paris`, `city=__other__`). */
  readonly outputColumns: readonly string[];
  readonly invalidValue: 'error' | 'missing';
}

// ---------------------------------------------------------------------------------------------------------
// Hyper-parameters

/** Class weights: `balanced` = n / (2 · n_class) as scikit-learn; or explicit weights of label 0 and label 1. */
export type ClassWeight = 'balanced' | { readonly negative: number; readonly positive: number } | null;

/**
 * L2-regularized logistic regression, minimising  C · Σ wᵢ · logloss(yᵢ, σ(xᵢ·β + b)) + ½‖β‖²  (intercept b not
 * penalized) — the objective of scikit-learn `LogisticRegression(C=C, penalty='l2')`; solved by Newton / IRLS.
 */
export interface LogisticParams {
  /** Inverse regularization strength (scikit-learn's `C`), > 0. Default 1. */
  readonly C: number;
  readonly classWeight: ClassWeight;
  /** Newton iterations cap. Default 100. */
  readonly maxIterations: number;
  /** Stop when the gradient's max-norm ≤ tolerance. Default 1e-8. */
  readonly tolerance: number;
}

/** Histogram gradient-boosted trees (log-loss for binary, squared error for regression), leaf-wise growth. */
export interface GbdtParams {
  /** Boosting rounds cap (LightGBM n_estimators). Default 100. */
  readonly maxIterations: number;
  /** Shrinkage. Default 0.1. */
  readonly learningRate: number;
  /** Leaves per tree (leaf-wise growth). Default 31. */
  readonly maxLeaves: number;
  /** Depth cap; 0 = unlimited (bounded by maxLeaves). Default 0. */
  readonly maxDepth: number;
  /** Rows per leaf, at least. Default 20. */
  readonly minSamplesLeaf: number;
  /** Hessian sum per leaf, at least. Default 1e-3. */
  readonly minHessianLeaf: number;
  /** L2 penalty λ on leaf values (leaf = −G / (H + λ)). Default 0. */
  readonly l2: number;
  /** A split must improve the loss by more than this. Default 0. */
  readonly minGain: number;
  /** Quantile bins per feature, 2..255 (one extra bin holds missing values). Default 255. */
  readonly maxBins: number;
  /** Stop when the validation loss has not improved for this many rounds (needs a validation table); 0 = off. Default 10. */
  readonly earlyStoppingRounds: number;
  /** Rows sampled (seeded) to compute bin edges. Default 200000. */
  readonly binSampleSize: number;
  readonly classWeight: ClassWeight;
}

/** A raw hyper-parameter as given on the command line or in JSON (`--params learningRate=0.05,maxLeaves=15`). */
export type HyperParamValue = number | string | boolean | null;

// ---------------------------------------------------------------------------------------------------------
// Training

/** The labelled training table and what to learn from it. */
export interface TrainingData {
  readonly table: DataTable;
  /** Target column; binary: exactly two distinct non-missing values; regression: finite numbers. */
  readonly target: string;
  readonly task: ModelTask;
  /** Default: every column except the target, kind inferred (numbers → numeric, booleans → boolean, else categorical). */
  readonly features?: readonly ModelFeature[];
  /**
   * Binary: string form of the class encoded as 1. Default: `true` / `1` / `yes` when present, otherwise the
   * larger of the two labels in sorted order.
   */
  readonly positiveClass?: string;
  /** Overrides of the trainer's preprocessing defaults. */
  readonly preprocessing?: Partial<PreprocessingOptions>;
}

/** One iteration of the training log (Newton step or boosting round). Losses are weighted means. */
export interface TrainingIteration {
  readonly iteration: number;
  readonly trainLoss: number;
  /** null when no validation table was given. */
  readonly validationLoss: number | null;
}

export interface TrainingLog {
  readonly iterations: readonly TrainingIteration[];
  /** Iteration kept in the model (early stopping keeps the best validation round; 1-based). */
  readonly bestIteration: number;
  readonly stoppedEarly: boolean;
  /** Logistic: gradient tolerance reached. gbdt: true unless a round could not split. */
  readonly converged: boolean;
  /** Loss name: `log_loss` (binary) or `squared_error` (½·mean squared error, regression). */
  readonly loss: 'log_loss' | 'squared_error';
}

export interface FitResult {
  readonly model: FittedModel;
  readonly log: TrainingLog;
}

/**
 * A trainer: deterministic for a given seed; no I/O, no clock. Bad data / params → ModelError.
 * `validation` must have the training table's feature and target columns (used for early stopping and the log).
 */
export interface Trainer<P extends object> {
  readonly estimator: EstimatorKind;
  readonly defaultParams: Readonly<P>;
  /** Validates raw values (CLI `--params`) into complete params; unknown key or bad value → ModelError. */
  resolveParams(raw: Readonly<Record<string, HyperParamValue>>): P;
  fit(train: TrainingData, validation: DataTable | null, params: Partial<P>, seed: number): FitResult;
}

// ---------------------------------------------------------------------------------------------------------
// Fitted model and its JSON format

/** The schema saved with a model: its inputs, target and the label encoding. */
export interface ModelSchema {
  readonly features: readonly ModelFeature[];
  readonly target: string;
  readonly task: ModelTask;
  /** Binary: [label of class 0, label of class 1] in string form; null for regression. */
  readonly classLabels: readonly [string, string] | null;
}

/** Linear model over the preprocessed columns: margin = intercept + Σ coefficients[j] · x[j]. */
export interface LogisticEstimatorSpec {
  readonly kind: 'logistic';
  readonly coefficients: readonly number[];
  readonly intercept: number;
}

/**
 * One regression tree in flat arrays (node 0 is the root). A node is a leaf when `feature[i] === -1`, its
 * output is `value[i]` (learning rate already applied). Split: go left when `fround(x[feature]) ≤ threshold`
 * (thresholds are float32 values, as in ONNX TreeEnsemble), or when x is missing (NaN) and `missingLeft[i]`.
 */
export interface TreeSpec {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly missingLeft: readonly boolean[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

/** margin = baseScore + Σ tree outputs. */
export interface GbdtEstimatorSpec {
  readonly kind: 'gbdt';
  readonly baseScore: number;
  readonly trees: readonly TreeSpec[];
}

export type EstimatorSpec = LogisticEstimatorSpec | GbdtEstimatorSpec;

/** Training metadata stored in the model file. The core has no clock: callers may add `fitSeconds` / `createdAt`. */
export interface TrainingMetadata {
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly trainRows: number;
  readonly validationRows: number;
  readonly log: TrainingLog;
  readonly fitSeconds?: number;
  /** ISO-8601 time, set by the caller. */
  readonly createdAt?: string;
}

export const MODEL_FORMAT = 'driftguard-model';
/** Bumped on any incompatible change; loading a newer or unknown version fails with ModelError. */
export const MODEL_FORMAT_VERSION = 1;

/** The versioned JSON model file (`model.json`). */
export interface SerializedModel {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: number;
  readonly schema: ModelSchema;
  readonly preprocessing: PreprocessingSpec;
  readonly estimator: EstimatorSpec;
  readonly training: TrainingMetadata;
}

/**
 * A trained pipeline (preprocessing + estimator). Rows with missing features, unseen categories get a defined
 * result; wrong types throw ModelError (or count as missing, per `preprocessing.invalidValue`). Never NaN.
 */
export interface FittedModel {
  readonly estimator: EstimatorKind;
  readonly schema: ModelSchema;
  readonly preprocessing: PreprocessingSpec;
  /** Binary: P(class 1) (= classLabels[1]); regression: throws ModelError. */
  predictProba(row: FeatureRow): number;
  predictProbaBatch(table: DataTable): Float64Array;
  /** Binary: 1 when P(class 1) > 0.5 else 0 (`predictedClass`, the metrics' rule); regression: the predicted value. */
  predict(row: FeatureRow): number;
  predictBatch(table: DataTable): Float64Array;
  /** Raw output before the link: log-odds (binary) or the value (regression). */
  decisionFunction(row: FeatureRow): number;
  /** The JSON model file (round-trips through `loadModel`). */
  toJSON(): SerializedModel;
}
