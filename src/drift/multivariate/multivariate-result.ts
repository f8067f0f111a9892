import type { MultivariateMethod } from './multivariate-options.js';

/** A feature that carries a drift, and how much of it (the unit depends on the method: see `importanceName`). */
export interface TopFeature {
  readonly name: string;
  readonly importance: number;
}

/** What every multivariate result holds. */
interface MultivariateResultBase {
  readonly method: MultivariateMethod;
  readonly statistic: number;
  /** p-value of the test (classifier, mmd); null for pca, which compares with bounds instead. */
  readonly pValue: number | null;
  /** classifier / mmd: the p-value threshold; pca: the upper bound of the reconstruction error. */
  readonly threshold: number;
  readonly drifted: boolean;
  /** The features that carry the drift, most important first; empty when nothing drifted. */
  readonly topFeatures: readonly TopFeature[];
  /** Rows of each side the test used (after the bounded sampling). */
  readonly referenceRowCount: number;
  readonly currentRowCount: number;
  readonly featureCount: number;
}

/** Domain classifier: statistic = out-of-fold ROC AUC of current (1) vs reference (0) rows. */
export interface ClassifierDriftResult extends MultivariateResultBase {
  readonly method: 'classifier';
  readonly statisticName: 'roc_auc';
  readonly pValue: number;
  /** Drift needs AUC ≥ this as well as p < threshold. */
  readonly aucFloor: number;
  readonly folds: number;
  /** Importance = drop of the out-of-fold AUC when the feature is permuted within each held-out fold. */
  readonly importanceName: 'permutation_auc_drop';
}

/** PCA reconstruction error: statistic = mean reconstruction error of the current rows (standardized units). */
export interface PcaDriftResult extends MultivariateResultBase {
  readonly method: 'pca';
  readonly statisticName: 'reconstruction_error';
  readonly pValue: null;
  /** Drift when the statistic is outside [lowerBound, threshold]. */
  readonly lowerBound: number;
  readonly components: number;
  /** Share of the standardized reference's variance the kept components explain. */
  readonly explainedVariance: number;
  readonly referenceChunks: number;
  readonly chunkSize: number;
  /** Importance = increase of the feature's mean squared reconstruction residual over the reference's. */
  readonly importanceName: 'reconstruction_error_increase';
}

/** MMD: statistic = unbiased MMD² (RBF kernel, median-heuristic bandwidth) of the standardized rows. */
export interface MmdDriftResult extends MultivariateResultBase {
  readonly method: 'mmd';
  readonly statisticName: 'mmd2';
  readonly pValue: number;
  /** σ of k(x, y) = exp(−‖x − y‖² / (2σ²)). */
  readonly bandwidth: number;
  readonly permutations: number;
  /** Importance = drop of MMD² when the feature is left out (same bandwidth). */
  readonly importanceName: 'mmd2_drop';
}

/** The verdict of the multivariate test on one comparison; JSON-serializable. */
export type MultivariateDriftResult = ClassifierDriftResult | PcaDriftResult | MmdDriftResult;
