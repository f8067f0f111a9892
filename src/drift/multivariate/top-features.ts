import type { FeatureDriftResult } from '../drift-report.js';
import type { TopFeature } from './multivariate-result.js';

/** The features with a positive importance, largest first (ties by name), at most `count`. */
export function rankTopFeatures(importances: readonly TopFeature[], count: number): TopFeature[] {
  return importances
    .filter((f) => f.importance > 0 && Number.isFinite(f.importance))
    .sort((a, b) => b.importance - a.importance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, count);
}

/**
 * Attribution of univariate drift: the drifted features ranked by effect size (importance = effect size: normed
 * Wasserstein for numeric, Jensen–Shannon distance for categorical features), so a report or an alert names what
 * changed first. Empty when no feature drifted.
 */
export function univariateTopFeatures(features: readonly FeatureDriftResult[], count = 5): TopFeature[] {
  return rankTopFeatures(
    features.filter((f) => f.drifted).map((f) => ({ name: f.name, importance: f.effectSize ?? 0 })),
    count,
  );
}
